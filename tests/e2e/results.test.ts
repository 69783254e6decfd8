// The organizer's results in Chromium: an export that arrives with its accents and its formula-like texts
// neutralised; a disposition set in bulk that appears on the public page, also offline once visited.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { codesForProcess, enrol, pushAs, signedMutation } from "../support/devices";
import { useE2eSession } from "../support/e2e-session";
import { makeInput } from "../support/factories";

const session = useE2eSession();
const PASSWORD = "resultados para todos";

describe("exports in Chromium", () => {
  it("exports CSV for Excel, sets a disposition in bulk, and the public page shows it, offline too", async () => {
    const inputs = Array.from({ length: 120 }, (_, i) =>
      makeInput({
        answers: {
          "tramite-dificil": i === 0 ? '=HYPERLINK("x")' : `Trámite de Peñas ${i}`,
          "canal-preferido": "internet",
        },
      }),
    );
    const phone = await enrol(session.server.url, codesForProcess({ dataDir: session.server.dataDir }));
    const pushed = await pushAs(session.server.url, phone, {
      deviceId: phone.deviceId,
      mutations: await Promise.all(inputs.map((input, n) => signedMutation(phone, input, n + 1))),
    });
    expect(pushed.status).toBe(200);
    createUserWithCli(session.server.dataDir, {
      email: "org@segeplan.gob.gt",
      name: "Org",
      role: "organizer",
      password: PASSWORD,
    });

    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("org@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a resultados y exportaciones" }).click();
    await page.getByText("120 aportes · versión 1").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("button", {
          name: /Descargar CSV para Excel: Estrategia Nacional de Gobierno Electrónico/,
        })
        .click(),
    ]);
    await expect
      .poll(() => page.getByTestId("export-status").textContent())
      .toMatch(/^Listo: aportes-.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(121);
    expect(text).toContain("Trámite de Peñas 7");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);

    // A disposition in bulk for the inputs that mention Peñas, then the public page shows it.
    await page.getByText("Revisar aportes y dar devolución").click();
    await page.getByLabel("Buscar palabras en los aportes").fill("peñas");
    await page.getByRole("button", { name: "Buscar" }).click();
    // The search's list, not the first one (also 100 long): every input shown mentions Peñas.
    const shown = page.getByTestId("review-input");
    await expect
      .poll(async () => {
        const texts = await shown.allTextContents();
        return texts.length === 100 && texts.every((text) => /peñas/i.test(text));
      })
      .toBe(true);
    // Each answer beside its question, with the option's label, never its id.
    await expect
      .poll(() => shown.first().textContent())
      .toMatch(
        /^¿Qué trámite le cuesta más hacer\?: Trámite de Peñas \d+ · ¿Cómo prefiere hacer sus trámites\?: Por internet/,
      );
    await page.getByLabel("Elegir todos los mostrados").check();
    await page.getByLabel("Devolución", { exact: true }).selectOption({ label: "Incorporado en parte" });
    await page.getByLabel("Motivo (se publica)").fill("Se crea una ventanilla en la municipalidad de Peñas.");
    await page.getByLabel("Agruparlos como aportes parecidos").check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Aplicar a 100 aportes" }).click();
    await page.getByText("Devolución guardada para 100 aportes.").waitFor();

    await page.getByRole("link", { name: "Ver la página pública" }).click();
    const counts = page.getByTestId("public-counts");
    await expect.poll(() => counts.textContent()).toContain("Incorporado en parte: 100");
    expect(
      await page.locator('[data-testid="public-input"][data-status="partly_incorporated"]').count(),
    ).toBeGreaterThan(0);
    expect(
      await page.getByText("Motivo: Se crea una ventanilla en la municipalidad de Peñas.").count(),
    ).toBeGreaterThan(0);
    // On the public page too: each answer under its question, in the order the consultation asks them.
    const answered = page.locator('[data-testid="public-input"][data-status="partly_incorporated"]').first();
    expect(await answered.locator("dt").allTextContents()).toEqual([
      "¿Qué trámite le cuesta más hacer?",
      "¿Cómo prefiere hacer sus trámites?",
    ]);
    expect((await answered.locator("dd").allTextContents())[1]).toBe("Por internet");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Readable offline once visited (the app's service worker serves the page itself).
    await serviceWorkerInControl(page);
    await session.browser.context.setOffline(true);
    await page.reload();
    await page.getByText("Sin conexión: se muestra lo que este teléfono vio la última vez.").waitFor();
    await expect.poll(() => counts.textContent()).toContain("Incorporado en parte: 100");
    await session.browser.context.setOffline(false);

    // The open-data catalogue lists only published consultations: none yet.
    await page.goto(`${session.server.url}/datos`);
    await page.getByText("Todavía no hay consultas publicadas.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
