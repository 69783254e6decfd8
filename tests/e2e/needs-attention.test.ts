// When the server refuses inputs captured offline (the rules changed meanwhile), the phone keeps them under
// "Necesitan atención" with the reason; the person corrects and resends one, and discards the other on purpose.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../src/domain/consultation";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";

const session = useE2eSession();

/** An organizer adds a required question to a theme while the phone is offline. */
function addRequiredQuestion(dataDir: string) {
  const db = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
  try {
    const row = db
      .prepare("select data from consultations where id = ? and version = 1")
      .get(DEMO_CONSULTATION_ID) as {
      data: string;
    };
    const consultation = JSON.parse(row.data) as Consultation;
    consultation.themes
      .find((theme) => theme.id === "datos-abiertos")!
      .questions.push({
        id: "frecuencia",
        type: "short_text",
        required: true,
        label: { es: "¿Cada cuánto consultaría esos datos?", en: "How often would you look at that data?" },
      });
    db.prepare("update consultations set data = ? where id = ? and version = 1").run(
      JSON.stringify(consultation),
      DEMO_CONSULTATION_ID,
    );
    db.prepare(
      "insert into changes (entity, entity_id, entity_version, changed_at) values ('consultation', ?, 1, ?)",
    ).run(DEMO_CONSULTATION_ID, new Date().toISOString());
  } finally {
    db.close();
  }
}

function serverCounts(dataDir: string) {
  const db = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { inputs: count("inputs"), quarantine: count("quarantine") };
  } finally {
    db.close();
  }
}

describe("inputs the server refused", () => {
  it("are kept with their reason, then corrected and resent, or discarded on purpose", async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await serviceWorkerInControl(page);
    await enrolPhone(page, session.server);
    await page.goto(session.server.url);
    await page.getByRole("link", { name: /Capturar aportes/ }).click();
    await session.browser.context.setOffline(true);

    for (const text of [
      "Para ver en qué se gasta el presupuesto de la escuela.",
      "Para saber cuándo llega el médico.",
    ]) {
      await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
      await page.getByLabel(/¿Para qué usaría los datos/).fill(text);
      await page.getByRole("button", { name: "Guardar aporte" }).click();
      await page.getByTestId("saved").waitFor();
    }
    addRequiredQuestion(session.server.dataDir);

    await session.browser.context.setOffline(false);
    await page.getByRole("link", { name: "Aportes guardados" }).click();
    const attention = page.getByTestId("attention");
    await expect.poll(() => attention.count(), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(() => attention.first().textContent())
      .toContain("¿Cada cuánto consultaría esos datos?: Esta pregunta es obligatoria.");
    expect(serverCounts(session.server.dataDir)).toEqual({ inputs: 0, quarantine: 2 });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Correct the first one: the form opens with its answers and the server's reason.
    await attention.first().getByRole("link", { name: "Corregir y volver a enviar" }).click();
    await page.getByText("Está corrigiendo un aporte").waitFor();
    expect(await page.getByLabel(/¿Para qué usaría los datos/).inputValue()).not.toBe("");
    await page
      .getByLabel(/¿Cada cuánto consultaría esos datos\?/)
      .fill("Cada mes, en la reunión del COCODE.");
    await page.getByRole("button", { name: "Guardar aporte" }).click();

    // Back on the list: discard the other, after confirming.
    await page.getByRole("heading", { name: "Aportes guardados" }).waitFor();
    await expect.poll(() => attention.count()).toBe(1);
    await attention.first().getByRole("button", { name: "Descartar" }).click();
    await attention.first().getByRole("button", { name: "Sí, descartar" }).click();
    await expect.poll(() => attention.count()).toBe(0);

    await expect
      .poll(() => page.locator('[data-testid="input"][data-state="sent"]').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.locator('[data-testid="input"][data-state="discarded"]').count()).toBe(1);
    expect(serverCounts(session.server.dataDir)).toEqual({ inputs: 1, quarantine: 2 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
