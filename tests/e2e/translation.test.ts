// A community translation's round trip in Chromium (issue #14, item 7): an admin downloads the Spanish catalogue from
// /admin, a test translation of 10 strings is loaded back (marked "[quc] …": test text, not K'iche'), and the report
// gives the coverage; a citizen's phone then finds K'iche' in the picker with its coverage, sees those 10 strings
// and everything else in Spanish, and keeps the language after a reload with no signal.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TranslationFile } from "../../src/domain/ui-translation";
import { createUserWithCli } from "../support/admin-cli";
import { launchBrowser, seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();
const PASSWORD = "una frase larga para administrar";
beforeAll(() =>
  createUserWithCli(session.server.dataDir, {
    email: "admin-idiomas@segeplan.gob.gt",
    name: "Ana",
    role: "admin",
    password: PASSWORD,
  }),
);

/** The strings of the home page the test translates (each "[quc] " + its Spanish, plainly a test). */
const KEYS = [
  "lang.label",
  "home.title",
  "home.public.title",
  "home.door.ask",
  "home.door.ask.hint",
  "home.door.status",
  "home.door.status.hint",
  "home.door.consult",
  "home.door.consult.hint",
  "home.door.data",
];

describe("interface translation round trip", () => {
  it("exports the catalogue, imports 10 translated strings, and shows them with the rest in Spanish", async () => {
    const desk = await launchBrowser();
    const phone = await launchBrowser();
    try {
      const admin = await desk.context.newPage();
      await admin.goto(`${session.server.url}/entrar`);
      await admin.getByLabel("Correo electrónico").fill("admin-idiomas@segeplan.gob.gt");
      await admin.getByLabel("Contraseña").fill(PASSWORD);
      await admin.getByRole("button", { name: "Entrar" }).click();
      await admin
        .getByRole("navigation", { name: "Su trabajo" })
        .getByRole("link", { name: "Administración" })
        .click();
      const card = admin.getByTestId("translations");
      await card.getByText("Todavía no hay traducciones de la comunidad.").waitFor();
      await expect(seriousA11yViolations(admin)).resolves.toEqual([]);

      // Export: the Spanish catalogue, each string with its context.
      const download = admin.waitForEvent("download");
      await card.getByRole("link", { name: "Descargar el catálogo para traducir (.json)" }).click();
      const saved = path.join(session.server.dataDir, (await download).suggestedFilename());
      await (await download).saveAs(saved);
      const file = JSON.parse(await readFile(saved, "utf8")) as TranslationFile;
      expect(file).toMatchObject({ format: "tejido-ui-translation", version: 1, sourceLanguage: "es" });
      const total = file.strings.length;
      expect(total).toBeGreaterThan(500);
      const entry = (key: string) => file.strings.find((candidate) => candidate.key === key)!;
      expect(entry("home.title")).toMatchObject({ source: "¿Qué quiere hacer?", translation: "" });
      expect(entry("home.capture.for").context).toContain("{title}");

      // A translator's work: 10 strings, the rest left empty.
      for (const key of KEYS) entry(key).translation = `[quc] ${entry(key).source}`;
      file.language = "quc";
      const translated = path.join(session.server.dataDir, "tejido-traduccion-quc.json");
      await writeFile(translated, JSON.stringify(file, null, 2));
      await card.getByLabel("Idioma del archivo").selectOption({ label: "K'iche'" });
      await card.getByLabel("Archivo traducido (.json)").setInputFiles(translated);
      await card.getByRole("button", { name: "Cargar la traducción" }).click();
      const coverage = Math.floor((10 * 1000) / total) / 10;
      await card
        .getByTestId("translation-report")
        .getByText(`K'iche': 10 de ${total} frases tomadas (${coverage} % traducido).`, { exact: false })
        .waitFor();
      expect(await card.getByTestId("translation-report").textContent()).toContain(
        `${total - 10} frases siguen en español`,
      );
      await card.getByTestId("installed-languages").getByText(`K'iche': ${coverage} % traducido`).waitFor();

      // A citizen's phone: K'iche' in the picker with its coverage; chosen, the 10 strings and Spanish for the rest.
      const page = await phone.context.newPage();
      await page.goto(session.server.url);
      await serviceWorkerInControl(page);
      // The list comes with the phone's own pull: no request of its own, nothing to touch first.
      const picker = page.getByLabel("Idioma");
      await page.locator("option[value=quc]").waitFor({ state: "attached" });
      expect(await page.locator("option[value=quc]").textContent()).toBe(`K'iche' (${coverage} % traducido)`);
      await picker.selectOption("quc");
      await page.getByRole("heading", { name: "[quc] ¿Qué quiere hacer?", level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("quc");
      await page.getByRole("link", { name: /\[quc\] Pida información pública/ }).waitFor();
      // Not translated: Spanish, string by string.
      await page.getByRole("link", { name: "Datos abiertos" }).waitFor();
      expect(await page.getByLabel("[quc] Idioma").inputValue()).toBe("quc");
      await expect(seriousA11yViolations(page)).resolves.toEqual([]);

      // Kept on the phone: a reload with no signal still speaks it.
      await phone.context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { name: "[quc] ¿Qué quiere hacer?", level: 1 }).waitFor();
      await phone.context.setOffline(false);
    } finally {
      await phone.close();
      await desk.close();
    }
  });
});
