// The UI speaks Spanish first; English can be chosen and the choice survives a reload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, seriousA11yViolations } from "../support/browser";
import { type ServerProcess, spawnServer } from "../support/spawn-server";

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await spawnServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("language", () => {
  it("starts in Spanish, switches to English and keeps it after a reload", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Consultas", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es-GT");

    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("heading", { name: "Consultations", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    // Content follows the UI language where the consultation has a translation.
    await page.getByRole("link", { name: /Capture inputs: National E-Government Strategy/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole("heading", { name: "Consultations", level: 1 }).waitFor();
    expect(await page.getByLabel("Language").inputValue()).toBe("en");
  });
});
