// An information officer's desk against the real server (its own process): the inbox shows the institution's
// request, the desk offers only the actions the law allows now, and an action taken moves the request on and
// shows its answer, read through the request's schema.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfficeScreen } from "../../src/client/requests/office-screen";
import { forgetStaff } from "../../src/client/staff/staff-session";
import { createUserWithCli } from "../support/admin-cli";
import { makeRequest } from "../support/requests";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para la oficina";
const request = makeRequest();
let server: ServerProcess;
let folio: string;

const post = async (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  server = await spawnServer();
  createUserWithCli(server.dataDir, {
    email: "uip@minfin.gob.gt",
    name: "Lucía",
    role: "officer",
    password: PASSWORD,
    institution: "MINFIN",
  });
  openAt(`${server.url}/oficina`);
  // A citizen files; then the officer signs in on this page (the session cookie stays with the page).
  const filed = await post("/api/v1/requests", request);
  expect(filed.status).toBe(201);
  folio = ((await filed.json()) as { folio: string }).folio;
  expect((await post("/api/v1/auth/login", { email: "uip@minfin.gob.gt", password: PASSWORD })).status).toBe(
    200,
  );
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});

const renderOffice = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/oficina" component={OfficeScreen} />
        <Route path="/oficina/:id" component={OfficeScreen} />
      </Router>
    </LocationProvider>,
  );

describe("officer's desk", () => {
  it("lists the request in the inbox and opens it on the desk with only the actions allowed now", async () => {
    renderOffice();
    fireEvent.click(await screen.findByRole("link", { name: folio }));
    const desk = await screen.findByTestId("desk");
    expect(desk.dataset.status).toBe("received");
    expect(desk.textContent).toContain(request.description);
    const offered = [...screen.getByLabelText("Acción").querySelectorAll("option")].map((o) => o.textContent);
    expect(offered).toContain("Empezar a trabajarla");
    expect(offered).not.toContain("Resolver el recurso");
  });

  it("takes an action: the request moves on, and the desk shows the server's answer", async () => {
    openAt(`${server.url}/oficina/${request.id}`);
    renderOffice();
    await screen.findByTestId("desk");
    fireEvent.change(screen.getByLabelText("Acción"), { target: { value: "start" } });
    fireEvent.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(screen.getByTestId("desk").dataset.status).toBe("in_process"));
    expect(screen.getByRole("status").textContent).toBe("Guardado.");
  });

  it("refers the request to another institution found by a search", async () => {
    openAt(`${server.url}/oficina/${request.id}`);
    renderOffice();
    await screen.findByTestId("desk");
    fireEvent.change(screen.getByLabelText("Acción"), { target: { value: "refer" } });
    fireEvent.input(await screen.findByLabelText("Institución que tiene la información"), {
      target: { value: "salud" },
    });
    fireEvent.click(
      await screen.findByRole("button", { name: /Ministerio de Salud Pública y Asistencia Social/ }),
    );
    expect(screen.getByText(/Elegida: Ministerio de Salud Pública/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Texto para la persona solicitante"), {
      target: { value: "La información la tiene el Ministerio de Salud." },
    });
    fireEvent.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(screen.getByTestId("desk").dataset.status).toBe("referred"));
  });
});
