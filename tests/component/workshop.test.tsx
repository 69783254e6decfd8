// Opening a workshop offline, as a facilitator does before the first input: the checks in plain words (a sum over
// the total), then the workshop saved on the phone with its mutation, and the capture form picks it next.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WorkshopScreen } from "../../src/client/consultations/workshop-screen";
import { database } from "../../src/client/db/database";
import { fieldMode } from "../../src/client/ui/field-mode";
import { allTypesConsultation } from "../support/factories";
import { openAt } from "./setup";

const consultation = allTypesConsultation();

beforeEach(async () => {
  await database().consultations.put({ id: consultation.id, version: 1, data: consultation });
  openAt(`http://tejido.test/consulta/${consultation.id}/taller`);
});
afterEach(async () => {
  fieldMode.set(false);
  await Promise.all(
    ["workshops", "outbox", "drafts", "consultations"].map((table) => database().table(table).clear()),
  );
});

const renderWorkshop = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/consulta/:id/taller" component={WorkshopScreen} />
        <Route path="/consulta/:id" component={() => <h1>Nuevo aporte</h1>} />
      </Router>
    </LocationProvider>,
  );

const fill = async (sexTotal: string) => {
  fireEvent.change(await screen.findByLabelText("Departamento"), { target: { value: "14" } });
  fireEvent.change(screen.getByLabelText("Municipio"), { target: { value: "1413" } });
  fireEvent.input(screen.getByLabelText("Comunidad, aldea o lugar"), {
    target: { value: "Aldea Xeucalvitz" },
  });
  fireEvent.input(screen.getByLabelText("Persona facilitadora"), { target: { value: "Ana Pérez" } });
  fireEvent.input(screen.getByLabelText("Total de personas"), { target: { value: "12" } });
  fireEvent.input(screen.getByLabelText("Mujer"), { target: { value: sexTotal } });
  fireEvent.click(screen.getByRole("button", { name: "Guardar taller" }));
};

describe("workshop screen", () => {
  it("says when the women counted are more than the people, and saves nothing", async () => {
    renderWorkshop();
    await fill("13");
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toContain("La suma pasa del total de personas."),
    );
    expect(await database().workshops.count()).toBe(0);
    expect(await database().outbox.count()).toBe(0);
  });

  it("saves the workshop with its mutation, and the capture form picks it for the next inputs", async () => {
    renderWorkshop();
    await fill("7");
    await screen.findByRole("heading", { name: "Nuevo aporte" });
    const [saved] = await database().workshops.toArray();
    expect(saved?.community).toBe("Aldea Xeucalvitz");
    expect(saved?.municipalityCode).toBe("1413");
    expect(saved?.attendance?.total).toBe(12);
    expect(await database().outbox.count()).toBe(1);
    expect((await database().drafts.get(consultation.id))?.workshopId).toBe(saved?.id);
    expect(fieldMode.get()).toBe(true);
  });
});
