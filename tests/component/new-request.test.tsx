// Filing an information request with no signal, as a citizen would: the form's checks in plain words, then a
// receipt made on the phone with the provisional code (until the folio comes), the secret code, what was asked,
// the institution, the date and where to check it.
import { fireEvent, render, screen } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/client/db/database";
import { NewRequestScreen } from "../../src/client/requests/new-request-screen";
import { ReceiptScreen } from "../../src/client/requests/receipt-screen";
import { INSTITUTION_SEED } from "../../src/server/requests/institution-seed";
import { openAt } from "./setup";

const ASKED = "Quiero saber cuánto se gastó en la reparación del camino a la aldea en 2025.";

beforeEach(async () => {
  // The list a phone keeps after its first connection.
  await database().institutions.bulkPut(INSTITUTION_SEED.map((row) => ({ ...row, active: true })));
  openAt("http://tejido.test/solicitudes/nueva");
});
afterEach(async () => {
  await Promise.all([
    database().requests.clear(),
    database().institutions.clear(),
    database().outbox.clear(),
  ]);
});

const renderForm = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/solicitudes/nueva" component={NewRequestScreen} />
        <Route path="/solicitudes/recibo/:id" component={ReceiptScreen} />
      </Router>
    </LocationProvider>,
  );

describe("new request, offline", () => {
  it("names each missing answer and saves nothing", async () => {
    renderForm();
    fireEvent.click(await screen.findByRole("button", { name: "Guardar solicitud" }));
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("Elija la institución.");
    expect(await database().requests.count()).toBe(0);
  });

  it("saves the request and shows a receipt to keep", async () => {
    renderForm();
    fireEvent.input(await screen.findByLabelText("Institución a la que le pide la información"), {
      target: { value: "finanzas" },
    });
    fireEvent.click(
      await screen.findByRole("button", { name: /Ministerio de Finanzas Públicas \(MINFIN\)/ }),
    );
    fireEvent.input(screen.getByLabelText(/¿Qué información necesita\?/), { target: { value: ASKED } });
    fireEvent.input(screen.getByLabelText(/^Su nombre/), { target: { value: "María Tzoc" } });
    fireEvent.click(screen.getByRole("button", { name: "Guardar solicitud" }));

    const receipt = await screen.findByTestId("receipt");
    expect(receipt.dataset.state).toBe("pending");
    expect(screen.getByTestId("provisional-code").textContent).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(screen.getByTestId("tracking-code").textContent).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(screen.getByTestId("asked").textContent).toBe(ASKED);
    expect(receipt.textContent).toContain("Ministerio de Finanzas Públicas");
    expect(screen.getByTestId("where").textContent).toContain("tejido.test/solicitudes/estado");
    // No folio yet, so no due date: legal terms count from the server's receipt.
    expect(screen.queryByTestId("folio")).toBeNull();
    expect(screen.queryByTestId("due")).toBeNull();

    const [stored] = await database().requests.toArray();
    expect(stored?.description).toBe(ASKED);
    expect(stored?.state).toBe("pending");
    // It waits in the outbox, to be sent once when there is a signal.
    expect(await database().outbox.count()).toBe(1);
  });
});
