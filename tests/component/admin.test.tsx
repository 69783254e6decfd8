// The admin's cards against the real server (its own process): an officer made under an institution shows in the
// staff list at once; a closure added for another year shows that year; a municipal closure with no municipality
// is refused in words; the audit log pages back 50 at a time and says where its chain breaks when a row was
// changed behind Tejido's back.
import path from "node:path";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminScreen } from "../../src/client/admin/admin-screen";
import { forgetStaff } from "../../src/client/staff/staff-session";
import { createUserWithCli } from "../support/admin-cli";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para administrar";
let server: ServerProcess;

const call = (method: string, url: string, body?: unknown) =>
  fetch(`${server.url}${url}`, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  server = await spawnServer();
  createUserWithCli(server.dataDir, {
    email: "admin@tejido.gt",
    name: "Rosa",
    role: "admin",
    password: PASSWORD,
  });
  openAt(`${server.url}/admin`);
  expect(
    (await call("POST", "/api/v1/auth/login", { email: "admin@tejido.gt", password: PASSWORD })).status,
  ).toBe(200);
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});

const card = (name: string) => screen.getByRole("region", { name });

describe("admin screen", () => {
  it("shows an officer made under an institution in the staff list at once, and disables the account", async () => {
    render(<AdminScreen />);
    fireEvent.input(await screen.findByLabelText("Buscar institución (nombre o siglas)"), {
      target: { value: "finanzas" },
    });
    fireEvent.click(
      screen.getByRole("button", { name: /^Editar Ministerio de Finanzas Públicas \(MINFIN\)/ }),
    );
    const officers = within(
      await screen.findByRole("region", { name: "Personal de la unidad de información" }),
    );
    expect(officers.getByText("Todavía no tiene personal.")).toBeTruthy();
    fireEvent.input(officers.getByLabelText("Correo electrónico"), {
      target: { value: "uip@minfin.gob.gt" },
    });
    fireEvent.input(officers.getByLabelText("Nombre"), { target: { value: "Lucía Tzul" } });
    fireEvent.input(officers.getByLabelText("Contraseña inicial (12 letras o más)"), {
      target: { value: "una contraseña larga" },
    });
    fireEvent.click(officers.getByRole("button", { name: "Nueva cuenta" }));
    const staff = within(card("Personal"));
    const disable = await staff.findByRole("button", { name: "Desactivar uip@minfin.gob.gt" });
    expect(disable.closest("li")?.textContent).toContain(
      "Lucía Tzul · uip@minfin.gob.gt · unidad de información · MINFIN",
    );
    fireEvent.click(disable);
    const enable = await staff.findByRole("button", { name: "Activar uip@minfin.gob.gt" });
    expect(enable.closest("li")?.textContent).toContain("— desactivada");
    // The account is disabled on the server, not only on the screen.
    const { users } = (await (await call("GET", "/api/v1/admin/users")).json()) as {
      users: { email: string; disabledAt: string | null }[];
    };
    expect(users.find((user) => user.email === "uip@minfin.gob.gt")?.disabledAt).not.toBeNull();
  });

  it("shows the year of a closure added for another year, and refuses a municipal closure with no municipality", async () => {
    render(<AdminScreen />);
    const holidays = within(await screen.findByRole("region", { name: "Días feriados" }));
    const nextYear = new Date().getFullYear() + 1;
    const shownYear = () => holidays.getByTestId("calendar-confirmed").textContent;
    expect(shownYear()).toMatch(new RegExp(`^El calendario de ${nextYear - 1} no está confirmado`));
    fireEvent.input(holidays.getByLabelText("Fecha"), { target: { value: `${nextYear}-07-25` } });
    fireEvent.input(holidays.getByLabelText("Nombre del feriado"), {
      target: { value: "Feria de Santiago" },
    });
    fireEvent.change(holidays.getByLabelText("Dónde vale"), { target: { value: "municipality" } });
    fireEvent.click(holidays.getByRole("button", { name: "Agregar feriado" }));
    expect((await holidays.findByRole("alert")).textContent).not.toBe("");
    expect(holidays.getByText(`Ningún cierre agregado en ${nextYear - 1}.`)).toBeTruthy();

    const municipality = holidays.getByLabelText("Municipio", { exact: true }) as HTMLSelectElement;
    const nebaj = [...municipality.options].find(
      (o) => o.text === "Municipalidad de Santa María Nebaj, Quiché",
    );
    fireEvent.change(municipality, { target: { value: nebaj?.value } });
    fireEvent.click(holidays.getByRole("button", { name: "Agregar feriado" }));
    const remove = await holidays.findByRole("button", {
      name: `Quitar Feria de Santiago (${nextYear}-07-25)`,
    });
    expect(shownYear()).toMatch(new RegExp(`^El calendario de ${nextYear} `));
    expect(remove.closest("li")?.textContent).toContain("Municipalidad de Santa María Nebaj, Quiché");
    fireEvent.click(remove);
    await holidays.findByText(`Ningún cierre agregado en ${nextYear}.`);
  });

  it("pages the audit log back 50 at a time, and says where its chain breaks", async () => {
    // Enough staff actions for two pages: each calendar confirmation is one line.
    for (let i = 0; i < 30; i++) {
      for (const confirmed of [true, false])
        expect((await call("PUT", "/api/v1/admin/calendar-years/2030", { confirmed })).status).toBe(200);
    }
    const { entries } = (await (await call("GET", "/api/v1/admin/audit/verify")).json()) as {
      entries: number;
    };
    expect(entries).toBeGreaterThan(60);

    const first = render(<AdminScreen />);
    const audit = within(await screen.findByRole("region", { name: "Registro de acciones del personal" }));
    await audit.findByText(
      new RegExp(`^Registro completo y sin cambios\\. Acciones registradas: ${entries}\\.`),
    );
    await waitFor(() => expect(audit.getAllByRole("listitem")).toHaveLength(50));
    fireEvent.click(audit.getByRole("button", { name: "Ver acciones anteriores" }));
    await waitFor(() => expect(audit.getAllByRole("listitem").length).toBeGreaterThanOrEqual(entries));
    expect(audit.queryByRole("button", { name: "Ver acciones anteriores" })).toBeNull();
    const lines = audit.getAllByRole("listitem");
    expect(lines.at(-1)?.textContent).toContain("Creó una cuenta desde la consola");
    expect(lines.at(-1)?.textContent).toContain("consola del servidor");
    first.unmount();

    // Someone with the database file removes its guard and changes line 3.
    const file = new Database(path.join(server.dataDir, "tejido.sqlite"));
    try {
      file.exec("drop trigger audit_log_no_update");
      file.prepare("update audit_log set status = 299 where seq = 3").run();
    } finally {
      file.close();
    }
    render(<AdminScreen />);
    const broken = within(await screen.findByRole("region", { name: "Registro de acciones del personal" }));
    await broken.findByText(/^El registro se rompe en la acción n\.º 3:/);
  });
});
