// The promise end to end: capture offline on a phone, reload offline, reconnect, and every input reaches the server once.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";

const session = useE2eSession();

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

const ANSWERS = [
  {
    tramite: "Sacar la cédula del DPI",
    canal: "Por internet",
    comentario: "Que haya internet en la escuela.",
  },
  { tramite: "Pagar el boleto de ornato", canal: "En la municipalidad de mi pueblo", comentario: "" },
  {
    tramite: "Inscribir a mi hijo en el RENAP",
    canal: "En persona, en la oficina",
    comentario: "Atención en k'iche', por favor.",
  },
];

function serverInputs(): { id: string; payload: string }[] {
  const db = new SqliteDatabase(path.join(session.server.dataDir, "tejido.sqlite"), { readonly: true });
  try {
    return db.prepare("select id, payload from inputs").all() as { id: string; payload: string }[];
  } finally {
    db.close();
  }
}

describe("offline capture in Chromium", () => {
  it("captures 3 inputs offline, survives an offline reload and sends each exactly once", async () => {
    const page = await session.browser.context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) pageErrors.push(message.text());
    });

    // First load online: the service worker installs and takes control; the consultation is pulled.
    await page.goto(session.server.url);
    await serviceWorkerInControl(page);
    // The facilitator enrols the phone once, with a code from the organizer.
    await enrolPhone(page, session.server);
    await page.goto(session.server.url);
    const captureLink = page.getByRole("link", {
      name: /Capturar aportes: Estrategia Nacional de Gobierno Electrónico/,
    });
    await captureLink.waitFor();
    await expect.poll(() => page.getByTestId("pending").getAttribute("data-count")).toBe("0");
    await expectAccessible(page, "home");
    // Installable: Chromium finds no reason to refuse installing the web app.
    const cdp = await session.browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    await cdp.detach();

    // The signal goes away.
    await session.browser.context.setOffline(true);
    await expect.poll(() => page.getByTestId("connection").textContent()).toContain("Sin conexión");

    await captureLink.click();
    await page.getByRole("heading", { name: "Nuevo aporte" }).waitFor();
    await expectAccessible(page, "capture (empty)");

    for (const [n, answer] of ANSWERS.entries()) {
      await page.getByRole("radio", { name: "Trámites en línea" }).check();
      await page.getByLabel(/¿Qué trámite le cuesta más hacer\?/).fill(answer.tramite);
      if (n === 0) {
        // A rejected form keeps everything the person typed.
        await page.getByRole("button", { name: "Guardar aporte" }).click();
        const summary = page.getByRole("alert");
        await expect.poll(() => summary.textContent()).toContain("Esta pregunta es obligatoria.");
        await expect
          .poll(() => page.getByLabel(/¿Qué trámite le cuesta más hacer\?/).inputValue())
          .toBe(answer.tramite);
        await expectAccessible(page, "capture (with errors)");
      }
      await page.getByRole("radio", { name: answer.canal }).check();
      if (answer.comentario) await page.getByLabel(/Otro comentario/).fill(answer.comentario);
      await page.getByRole("button", { name: "Guardar aporte" }).click();
      await page.getByTestId("saved").waitFor();
      await expect.poll(() => page.getByLabel(/¿Qué trámite le cuesta más hacer\?/).inputValue()).toBe("");
    }

    // Reload with no signal: the app opens from the service worker and lists the 3 inputs as on this phone.
    await page.reload();
    await page.getByRole("link", { name: "Aportes guardados" }).click();
    await page.getByRole("heading", { name: "Aportes guardados" }).waitFor();
    const items = page.getByTestId("input");
    await expect.poll(() => items.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(await items.nth(i).getAttribute("data-state")).toBe("pending");
      expect(await items.nth(i).textContent()).toContain("En este teléfono");
    }
    expect(serverInputs()).toHaveLength(0);
    await expectAccessible(page, "saved inputs (pending)");

    // The signal returns: everything reaches the server and shows as sent.
    await session.browser.context.setOffline(false);
    await expect
      .poll(async () => page.locator('[data-testid="input"][data-state="sent"]').count(), { timeout: 30_000 })
      .toBe(3);
    expect(await items.first().textContent()).toContain("Enviado");
    await expectAccessible(page, "saved inputs (sent)");

    const stored = serverInputs();
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((row) => row.id)).size).toBe(3);
    const tramites = stored.map((row) => JSON.parse(row.payload).answers["tramite-dificil"]).sort();
    expect(tramites).toEqual(ANSWERS.map((a) => a.tramite).sort());

    await page.goto(`${session.server.url}/`);
    await expect.poll(() => page.getByTestId("pending").getAttribute("data-count")).toBe("0");
    expect(pageErrors).toEqual([]);
  });
});
