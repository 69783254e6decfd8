// An organizer designs a consultation against the real server (its own process): saving an empty one lists what to
// fix, each linked to its field, and sends nothing; a filled one is saved as version 1 and opened after a second
// question; a save over a draft someone else changed meanwhile is refused in words, not written over.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fieldId } from "../../src/client/design/design-issues";
import { DesignScreen } from "../../src/client/design/design-screen";
import { forgetStaff } from "../../src/client/staff/staff-session";
import { createUserWithCli } from "../support/admin-cli";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para diseñar";
let server: ServerProcess;
let id: string;

beforeAll(async () => {
  server = await spawnServer();
  createUserWithCli(server.dataDir, {
    email: "disena@segeplan.gob.gt",
    name: "Marta",
    role: "organizer",
    password: PASSWORD,
  });
  openAt(`${server.url}/disenar`);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ email: "disena@segeplan.gob.gt", password: PASSWORD }),
  });
  expect(login.status).toBe(200);
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});
beforeEach(() => {
  id = uuidv7();
  openAt(`${server.url}/disenar/${id}`);
});

const renderDesigner = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/disenar" component={DesignScreen} />
        <Route path="/disenar/:id" component={DesignScreen} />
      </Router>
    </LocationProvider>,
  );

const field = (pointer: string) => {
  const control = document.getElementById(fieldId(pointer));
  if (!control) throw new Error(`no field for ${pointer}`);
  return control;
};
const type = (pointer: string, value: string) => fireEvent.input(field(pointer), { target: { value } });
const stored = () => fetch(`${server.url}/api/v1/organizer/consultations/${id}`);

async function fillAndSave() {
  await screen.findByRole("heading", { name: "Consulta nueva" });
  type("/title/es", "Salud en San Juan Ostuncalco");
  type("/description/es", "Qué debe mejorar primero en los servicios de salud.");
  type("/rules/es", "Cada aporte recibe una respuesta pública, sin nombres.");
  type("/themes/0/title/es", "Servicios de salud");
  fireEvent.change(screen.getByLabelText("Tipo de la nueva pregunta"), { target: { value: "long_text" } });
  fireEvent.click(screen.getByRole("button", { name: "Agregar pregunta" }));
  await waitFor(() => field("/themes/0/questions/0/label/es"));
  type("/themes/0/questions/0/label/es", "¿Qué debe mejorar primero?");
  expect(screen.getByText("Hay cambios sin guardar.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
  await waitFor(() =>
    expect(screen.getByTestId("design-notice").textContent).toBe("Se guardó el borrador (versión 1)."),
  );
  // The buttons come back once the page has read the saved version.
  await waitFor(() =>
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Guardar borrador" }).disabled).toBe(false),
  );
}

describe("consultation designer", () => {
  it("lists what to fix in an empty consultation, each linked to its field, and sends nothing", async () => {
    renderDesigner();
    await screen.findByRole("heading", { name: "Consulta nueva" });
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("Revise estos datos antes de guardar:");
    const title = within(summary).getByRole("link", {
      name: "Título: Escriba este texto en español: es obligatorio.",
    });
    expect(title.getAttribute("href")).toBe(`#${fieldId("/title/es")}`);
    expect(
      within(summary)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual([
      "Título: Escriba este texto en español: es obligatorio.",
      "Descripción: Escriba este texto en español: es obligatorio.",
      "Cómo se usarán y responderán los aportes: Escriba este texto en español: es obligatorio.",
      "Tema 1 › Título del tema: Escriba este texto en español: es obligatorio.",
    ]);
    expect((await stored()).status).toBe(404);
  });

  it("saves a filled consultation as version 1 and opens it once the organizer says yes", async () => {
    renderDesigner();
    await fillAndSave();
    expect(screen.queryByText("Hay cambios sin guardar.")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Abrir la consulta" }));
    const yes = await screen.findByRole("button", { name: "Sí, abrir" });
    expect(yes.closest("fieldset")?.querySelector("legend")?.textContent).toMatch(/^¿Abrir la consulta\?/);
    fireEvent.click(yes);
    await waitFor(() =>
      expect(screen.getByTestId("design-state").textContent).toBe(
        "En uso: versión 1 · Abierta: recibe aportes",
      ),
    );
    // A released version is not edited in place: the form is gone and the next version is offered.
    expect(screen.queryByRole("button", { name: "Guardar borrador" })).toBeNull();
    expect(screen.getByRole("button", { name: "Editar (crea la versión 2)" })).toBeTruthy();
    const answer = (await (await stored()).json()) as { current: { status: string; title: { es: string } } };
    expect(answer.current).toMatchObject({ status: "open", title: { es: "Salud en San Juan Ostuncalco" } });
  });

  it("refuses to save over a draft someone else changed since this page read it", async () => {
    renderDesigner();
    await fillAndSave();
    // Another organizer saves version 1 from their own page.
    const other = (await (await stored()).json()) as { draft: Record<string, unknown> };
    const { id: _id, version: _v, status: _s, updatedAt: _u, ...design } = other.draft;
    const theirs = await fetch(`${server.url}/api/v1/organizer/consultations/${id}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        version: 1,
        design: { ...design, title: { es: "Salud, versión de otra persona" } },
      }),
    });
    expect(theirs.status).toBe(200);
    type("/title/es", "Salud y agua en San Juan Ostuncalco");
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await waitFor(() =>
      expect(screen.getByTestId("design-notice").textContent).toBe(
        "Otra persona cambió esta consulta. Recargue para ver la última versión.",
      ),
    );
    expect(screen.getByText("Hay cambios sin guardar.")).toBeTruthy();
    const kept = (await (await stored()).json()) as { draft: { title: { es: string } } };
    expect(kept.draft.title.es).toBe("Salud, versión de otra persona");
  });
});
