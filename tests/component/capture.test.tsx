// Capture, driven as a facilitator would: each of the seven question types answered through its own control,
// then saved on the phone (IndexedDB) with its mutation, exactly as the form showed it.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CaptureScreen } from "../../src/client/consultations/capture-screen";
import { database } from "../../src/client/db/database";
import { fieldMode } from "../../src/client/ui/field-mode";
import type { Consultation } from "../../src/domain/consultation";
import { allTypesAnswers, allTypesConsultation } from "../support/factories";
import { openAt } from "./setup";

let consultation: Consultation;

beforeEach(async () => {
  consultation = allTypesConsultation();
  await database().consultations.put({ id: consultation.id, version: 1, data: consultation });
  openAt(`http://tejido.test/consulta/${consultation.id}`);
});
afterEach(async () => {
  fieldMode.set(false);
  await Promise.all([database().inputs.clear(), database().outbox.clear(), database().consultations.clear()]);
});

const renderCapture = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/consulta/:id" component={CaptureScreen} />
        <Route default component={() => <p>Otra dirección</p>} />
      </Router>
    </LocationProvider>,
  );

const type = (label: RegExp | string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe("capture screen", () => {
  it("answers all seven question types and saves one input, with its mutation, as shown", async () => {
    renderCapture();
    fireEvent.click(await screen.findByRole("radio", { name: "Servicios" }));
    type(/Tema en pocas palabras/, "Agua potable");
    type(/Cuéntenos más/, "El agua llega dos días por semana.");
    fireEvent.click(screen.getByRole("radio", { name: "Opción oficina" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Opción agua" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Opción salud" }));
    fireEvent.click(screen.getByRole("radio", { name: "2" }));
    fireEvent.change(screen.getByLabelText("Lugar 1"), { target: { value: "agua" } });
    fireEvent.change(screen.getByLabelText("Lugar 2"), { target: { value: "salud" } });
    fireEvent.change(screen.getByLabelText("Lugar 3"), { target: { value: "caminos" } });
    type(/¿A cuántos kilómetros vive de la cabecera\?/, "12.5");
    fireEvent.click(screen.getByRole("checkbox", { name: "La persona escuchó el texto y está de acuerdo." }));
    fireEvent.click(screen.getByRole("button", { name: "Guardar aporte" }));

    await screen.findByTestId("saved");
    const inputs = await database().inputs.toArray();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.answers).toEqual(allTypesAnswers());
    expect(inputs[0]!.themeId).toBe("servicios");
    expect(inputs[0]!.syncState).toBe("pending");
    expect(await database().outbox.count()).toBe(1);
    // Capturing makes this a field phone: its home now opens on the field work.
    expect(fieldMode.get()).toBe(true);
  });

  it("refuses to save without a theme or consent and says so in plain words, saving nothing", async () => {
    renderCapture();
    await screen.findByRole("radio", { name: "Servicios" });
    fireEvent.click(screen.getByRole("button", { name: "Guardar aporte" }));
    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(summary.textContent).toMatch(/tema/i));
    expect(await database().inputs.count()).toBe(0);
    expect(await database().outbox.count()).toBe(0);
  });
});
