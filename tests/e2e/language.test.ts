// The UI speaks Spanish first; English can be chosen and the choice survives a reload.
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();

describe("language", () => {
  it("starts in Spanish, switches to English and keeps it after a reload", async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await page.getByRole("heading", { name: "¿Qué quiere hacer?", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es-GT");

    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("heading", { name: "What would you like to do?", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.getByRole("link", { name: "Take part in a consultation" }).click();
    await page.getByRole("heading", { name: "Consultations", level: 1 }).waitFor();
    // Content follows the UI language where the consultation has a translation.
    await page.getByRole("link", { name: /Capture inputs: National E-Government Strategy/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await page.getByRole("heading", { name: "Consultations", level: 1 }).waitFor();
    expect(await page.getByLabel("Language").inputValue()).toBe("en");
  });
});
