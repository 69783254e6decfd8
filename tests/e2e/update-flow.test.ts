// A new version of the app is offered, not forced, and applying it never loses a half-filled form.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

// A copy of the build, so the test can publish a "new version" without touching dist/.
const staticDir = mkdtempSync(path.join(tmpdir(), "tejido-dist-"));
cpSync(path.resolve(import.meta.dirname, "../../dist"), staticDir, { recursive: true });
const session = useE2eSession(() => ({ STATIC_DIR: staticDir }));
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

describe("app update", () => {
  it("shows 'hay una nueva versión', and after updating the half-filled form is still there", async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/consultas`);
    await serviceWorkerInControl(page);
    await page.getByRole("link", { name: /Capturar aportes/ }).click();
    await page.getByRole("radio", { name: "Internet y conectividad" }).check();
    await page.getByLabel(/¿Qué le impide usar internet\?/).fill("La señal solo llega en el cerro.");

    // A second tab of the app, left on the home screen.
    const other = await session.browser.context.newPage();
    await other.goto(`${session.server.url}/consultas`);
    await other.getByRole("heading", { name: "Consultas", level: 1 }).waitFor();
    await other.evaluate(() => {
      (window as unknown as { oldVersion: boolean }).oldVersion = true;
    });

    // Publish a new version: the service worker's bytes change.
    const swPath = path.join(staticDir, "sw.js");
    writeFileSync(swPath, `${readFileSync(swPath, "utf8")}\n// release 2\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    const update = page.getByRole("button", { name: "Actualizar ahora" });
    await update.waitFor({ timeout: 30_000 });
    expect(await page.getByText("Hay una nueva versión de Tejido.").count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const reloaded = page.waitForEvent("load");
    await update.click();
    await reloaded;

    await page.getByRole("heading", { name: "Nuevo aporte" }).waitFor();
    await expect
      .poll(() => page.getByLabel(/¿Qué le impide usar internet\?/).inputValue())
      .toBe("La señal solo llega en el cerro.");
    expect(await page.getByRole("radio", { name: "Internet y conectividad" }).isChecked()).toBe(true);
    expect(await page.getByRole("button", { name: "Actualizar ahora" }).count()).toBe(0);
    // The other tab moved to the new version too, instead of running old code whose files left the cache.
    await expect
      .poll(() => other.evaluate(() => (window as unknown as { oldVersion?: boolean }).oldVersion ?? false))
      .toBe(false);
  });
});
