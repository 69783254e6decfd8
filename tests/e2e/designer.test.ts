// The consultation designer in Chromium: an organizer writes a consultation with every question type in
// Spanish and English, fixes what the check reports, previews it, opens it for phones, and starts version 2.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../src/domain/consultation";
import type { PullResponse } from "../../src/domain/sync-messages";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();
const PASSWORD = "consultas bien hechas";

/** The questions, in order: every type once, each with its Spanish and English texts. */
const QUESTIONS = [
  {
    type: "short_text",
    es: "¿Qué problema ve en su comunidad?",
    en: "What problem do you see in your community?",
  },
  { type: "long_text", es: "Cuéntenos más", en: "Tell us more" },
  {
    type: "single_choice",
    es: "¿Cómo llega al centro de salud?",
    en: "How do you get to the health centre?",
    options: [
      ["A pie", "On foot"],
      ["En bus", "By bus"],
    ],
  },
  {
    type: "multiple_choice",
    es: "¿Qué servicios usa?",
    en: "Which services do you use?",
    options: [
      ["Agua", "Water"],
      ["Luz", "Power"],
      ["Salud", "Health"],
    ],
  },
  { type: "scale", es: "¿Cuánto confía en la municipalidad?", en: "How much do you trust the municipality?" },
  {
    type: "ranking",
    es: "Ordene lo más urgente",
    en: "Rank the most urgent",
    options: [
      ["Agua", "Water"],
      ["Caminos", "Roads"],
      ["Escuelas", "Schools"],
    ],
  },
  { type: "number", es: "¿Cuántas personas viven en su casa?", en: "How many people live in your home?" },
] as const;
const TYPE_NAMES: Record<(typeof QUESTIONS)[number]["type"], string> = {
  short_text: "Texto corto",
  long_text: "Texto largo",
  single_choice: "Elegir una opción",
  multiple_choice: "Elegir varias opciones",
  scale: "Escala del 1 al 5",
  ranking: "Ordenar por importancia",
  number: "Número",
};

/** A control of the designer, found by the JSON Pointer of what it edits (its id is made from it). */
const field = (page: Page, pointer: string) => page.locator(`#d${pointer.replaceAll("/", "-")}`);

/** What phones get for this consultation, asked as an anonymous client would. */
async function pulled(id: string): Promise<Consultation[]> {
  const response = await fetch(`${session.server.url}/api/v1/sync/pull?cursor=0`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as PullResponse;
  return body.changes.map((change) => change.data).filter((data) => data.id === id);
}

describe("consultation designer in Chromium", () => {
  it("designs all seven question types in two languages, opens version 1 and starts version 2 as a draft", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "disena@segeplan.gob.gt",
      name: "Diseño",
      role: "organizer",
      password: PASSWORD,
    });
    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("disena@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Diseñar consultas" }).click();
    await page.getByRole("heading", { name: "Diseñar consultas" }).waitFor();
    await page.getByRole("button", { name: "Nueva consulta" }).click();
    await page.getByRole("heading", { name: "Consulta nueva" }).waitFor();
    const id = new URL(page.url()).pathname.split("/").at(-1)!;

    await field(page, "/title/es").fill("Salud en San Juan Ostuncalco");
    await field(page, "/title/en").fill("Health in San Juan Ostuncalco");
    await field(page, "/description/es").fill("Qué debe mejorar primero en los servicios de salud.");
    await field(page, "/description/en").fill("What health services should improve first.");
    await field(page, "/rules/es").fill("Cada aporte recibe una respuesta pública, sin nombres.");
    await field(page, "/rules/en").fill("Every input gets a public answer, without names.");
    await field(page, "/themes/0/title/es").fill("Servicios de salud");
    await field(page, "/themes/0/title/en").fill("Health services");
    // The theme's code is made from its Spanish title: lowercase, no accents, hyphens.
    expect(await field(page, "/themes/0/id").inputValue()).toBe("servicios-de-salud");

    for (const [q, question] of QUESTIONS.entries()) {
      const at = `/themes/0/questions/${q}`;
      await page.getByLabel("Tipo de la nueva pregunta").selectOption({ label: TYPE_NAMES[question.type] });
      await page.getByRole("button", { name: "Agregar pregunta" }).click();
      await field(page, `${at}/label/es`).fill(question.es);
      await field(page, `${at}/label/en`).fill(question.en);
      if ("options" in question) {
        for (const [o, [es, en]] of question.options.entries()) {
          // A new choice question comes with two blank options; the third is added.
          if (o >= 2) await field(page, `${at}/options`).click();
          await field(page, `${at}/options/${o}/label/es`).fill(es);
          await field(page, `${at}/options/${o}/label/en`).fill(en);
        }
      }
    }
    expect(await field(page, "/themes/0/questions/2/options/1/id").inputValue()).toBe("en-bus");
    await field(page, "/themes/0/questions/3/maxChoices").fill("2");

    // Ranking the top 5 of 3 options cannot be done: the designer says so next to the field, in plain Spanish.
    const top = field(page, "/themes/0/questions/5/top");
    await top.fill("5");
    const topIssue = page.locator("#d-themes-0-questions-5-top-error");
    await expect
      .poll(() => topIssue.textContent())
      .toContain("Pide ordenar más opciones de las que hay. Escriba un número menor o agregue opciones.");
    expect(await top.getAttribute("aria-invalid")).toBe("true");
    // Saving is refused before anything is sent, with a summary that links to the field.
    await page.getByRole("button", { name: "Guardar borrador" }).click();
    const summaryLink = page.locator(".error-summary a");
    await expect
      .poll(() => summaryLink.textContent())
      .toBe(
        "Tema 1 › Pregunta 6 › Cuántas debe ordenar la persona: Pide ordenar más opciones de las que hay. Escriba un número menor o agregue opciones.",
      );
    expect(await summaryLink.getAttribute("href")).toBe("#d-themes-0-questions-5-top");
    expect(await pulled(id)).toEqual([]);
    await top.fill("2");
    await expect.poll(() => topIssue.count()).toBe(0);

    // The preview shows the questions as participants see them, here in English.
    await page.getByRole("button", { name: "Vista previa" }).click();
    await page.getByLabel("Idioma de la vista previa").selectOption({ label: "Inglés" });
    const preview = page.getByTestId("design-preview");
    await expect.poll(() => preview.textContent()).toContain("Health in San Juan Ostuncalco");
    for (const question of QUESTIONS) expect(await preview.textContent()).toContain(question.en);
    expect(await preview.getByLabel("By bus").count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Guardar borrador" }).click();
    const notice = page.getByTestId("design-notice");
    await expect.poll(() => notice.textContent()).toBe("Se guardó el borrador (versión 1).");
    // A draft is not for phones yet.
    expect(await pulled(id)).toEqual([]);

    await page.getByRole("button", { name: "Abrir la consulta" }).click();
    await page.getByRole("button", { name: "Sí, abrir" }).click();
    await expect
      .poll(() => notice.textContent())
      .toBe("La consulta está abierta. Los teléfonos la recibirán cuando se conecten.");
    await expect
      .poll(() => page.getByTestId("design-state").textContent())
      .toBe("En uso: versión 1 · Abierta: recibe aportes");

    const opened = (await pulled(id)).at(-1)!;
    expect(opened).toMatchObject({
      version: 1,
      status: "open",
      title: { en: "Health in San Juan Ostuncalco" },
    });
    const questions = opened.themes[0]!.questions;
    expect(opened.themes.map((theme) => theme.id)).toEqual(["servicios-de-salud"]);
    expect(questions.map((question) => question.type)).toEqual(QUESTIONS.map((question) => question.type));
    expect(questions.map((question) => question.label.en)).toEqual(QUESTIONS.map((question) => question.en));
    expect(questions[5]).toMatchObject({ type: "ranking", top: 2 });
    expect(questions[3]).toMatchObject({ type: "multiple_choice", maxChoices: 2 });

    // A released version never changes: editing copies it into version 2, a draft phones do not get.
    await page.getByRole("button", { name: "Editar (crea la versión 2)" }).click();
    await expect
      .poll(() => notice.textContent())
      .toBe("Se creó la versión 2 como borrador. Los cambios no llegan a los teléfonos hasta que la abra.");
    await expect
      .poll(() => page.getByTestId("design-versions").textContent())
      .toContain("Versión 2: Borrador");
    expect(await field(page, "/themes/0/questions/6/label/en").inputValue()).toBe(QUESTIONS[6].en);
    const versions = (await pulled(id)).map((consultation) => consultation.version);
    expect([...new Set(versions)]).toEqual([1]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
