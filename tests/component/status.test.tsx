// Following a request on its public page against the real server (its own process): a receipt's link checks at
// once and takes the secret code out of the address; a wrong code is told in words; an answered request can be
// appealed (a reason too short is refused at the field); and with the server gone, the last status seen on this
// phone is shown as such.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatusScreen } from "../../src/client/requests/status-screen";
import { forgetStaff } from "../../src/client/staff/staff-session";
import type { NewInfoRequest } from "../../src/domain/requests/info-request";
import { createUserWithCli } from "../support/admin-cli";
import { makeRequest } from "../support/requests";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para la oficina";
let server: ServerProcess;

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });

async function file(request: NewInfoRequest): Promise<string> {
  const filed = await post("/api/v1/requests", request);
  expect(filed.status).toBe(201);
  return ((await filed.json()) as { folio: string }).folio;
}

beforeAll(async () => {
  server = await spawnServer();
  createUserWithCli(server.dataDir, {
    email: "uip@minfin.gob.gt",
    name: "Lucía",
    role: "officer",
    password: PASSWORD,
    institution: "MINFIN",
  });
  // The page's origin: the calls below are the page's own.
  openAt(`${server.url}/solicitudes/estado`);
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});

const folioField = () => screen.getByLabelText<HTMLInputElement>("Folio (por ejemplo MINFIN-2026-000042)");
const codeField = () => screen.getByLabelText<HTMLInputElement>("Código de seguimiento");

describe("request status page", () => {
  it("checks at once from a receipt's link, and takes the code out of the address", async () => {
    const request = makeRequest();
    const folio = await file(request);
    openAt(`${server.url}/solicitudes/estado#folio=${folio}&codigo=${request.trackingCode}`);
    render(<StatusScreen />);
    const status = await screen.findByTestId("request-status");
    expect(status.dataset.status).toBe("received");
    expect(screen.getByTestId("status-text").textContent).toBe("Estado: Recibida");
    expect(status.textContent).toContain(request.description);
    expect(location.hash).toBe("");
    expect(location.pathname).toBe("/solicitudes/estado");
    expect(folioField().value).toBe(folio);
  });

  it("says in words when folio and code do not match, and shows nothing of the request", async () => {
    const request = makeRequest();
    const folio = await file(request);
    openAt(`${server.url}/solicitudes/estado`);
    render(<StatusScreen />);
    fireEvent.input(folioField(), { target: { value: folio } });
    fireEvent.input(codeField(), { target: { value: "ABCD-EFGH-JKMN" } });
    fireEvent.click(screen.getByRole("button", { name: "Ver estado" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "No encontramos una solicitud con ese folio y ese código. Revise que estén bien escritos.",
    );
    expect(screen.queryByTestId("request-status")).toBeNull();
  });

  it("files an appeal against an answer, after refusing a reason too short at its field", async () => {
    const request = makeRequest();
    const folio = await file(request);
    openAt(`${server.url}/oficina`);
    expect(
      (await post("/api/v1/auth/login", { email: "uip@minfin.gob.gt", password: PASSWORD })).status,
    ).toBe(200);
    const answered = await post(`/api/v1/officer/requests/${request.id}/actions`, {
      action: "answer",
      outcome: "partly_delivered",
      text: "Se entrega el presupuesto aprobado; el ejecutado aún no está cerrado.",
    });
    expect(answered.status).toBe(200);
    forgetStaff();
    expect((await post("/api/v1/auth/logout", {})).status).toBeLessThan(300);

    openAt(`${server.url}/solicitudes/estado#folio=${folio}&codigo=${request.trackingCode}`);
    render(<StatusScreen />);
    await waitFor(() =>
      expect(screen.getByTestId("status-text").textContent).toBe(
        "Estado: Respondida: información entregada en parte",
      ),
    );
    expect(screen.getByTestId("answer-text").textContent).toContain("Se entrega el presupuesto aprobado");
    const reason = screen.getByLabelText("¿Por qué pide la revisión?");
    fireEvent.input(reason, { target: { value: "No" } });
    fireEvent.click(screen.getByRole("button", { name: "Presentar recurso" }));
    await screen.findByText("Escriba el motivo del recurso (al menos 5 letras).");
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    fireEvent.input(reason, { target: { value: "Pedí el presupuesto ejecutado, no el aprobado." } });
    fireEvent.click(screen.getByRole("button", { name: "Presentar recurso" }));
    await screen.findByText(/^Recurso presentado el /);
    expect(screen.queryByRole("button", { name: "Presentar recurso" })).toBeNull();
  });

  it("shows the last status seen on this phone when the server cannot be reached", async () => {
    const request = makeRequest();
    const folio = await file(request);
    openAt(`${server.url}/solicitudes/estado#folio=${folio}&codigo=${request.trackingCode}`);
    const seen = render(<StatusScreen />);
    await screen.findByTestId("request-status");
    seen.unmount();

    await server.stop();
    openAt(`${server.url}/solicitudes/estado`);
    render(<StatusScreen />);
    fireEvent.input(folioField(), { target: { value: folio } });
    fireEvent.input(codeField(), { target: { value: request.trackingCode } });
    fireEvent.click(screen.getByRole("button", { name: "Ver estado" }));
    // Information, not an error: being offline is the normal state in the field.
    expect((await screen.findByRole("status")).textContent).toBe(
      "Sin conexión. Se muestra lo último que se vio en este teléfono.",
    );
    expect(screen.getByTestId("request-status").textContent).toContain(request.description);
  });
});
