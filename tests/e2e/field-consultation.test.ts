// A consultation in the field, in Chromium: an organizer designs one with every question type in Spanish and
// English, fixes what the check reports, previews and opens it, and starts version 2; then enrols a phone
// (a separate browser) that opens a workshop offline, captures every type with a voice recording and a photo,
// reloads offline, reconnects, and the server holds it all once, with matching SHA-256s and signatures.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Consultation } from "../../src/domain/consultation";
import type { PullResponse } from "../../src/domain/sync-messages";
import { createUserWithCli } from "../support/admin-cli";
import { launchBrowser, seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { serverRowsIn } from "../support/server-rows";

const session = useE2eSession();
const PASSWORD = "consultas bien hechas";
/** The organizer's page and the consultation the first test opens, for the second. */
let organizer: Page;
let consultationId = "";

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

/** Rows of the server's SQLite file, read while it runs. */
function serverRows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  return serverRowsIn<T>(session.server.dataDir, sql, ...params);
}

/** What phones get for this consultation, asked as an anonymous client would. */
async function pulled(id: string): Promise<Consultation[]> {
  const response = await fetch(`${session.server.url}/api/v1/sync/pull?cursor=0`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as PullResponse;
  return body.changes.flatMap((change) =>
    change.kind === "consultation" && change.data.id === id ? [change.data] : [],
  );
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
    organizer = page;
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("disena@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a diseñar consultas" }).click();
    await page.getByRole("heading", { name: "Diseñar consultas" }).waitFor();
    await page.getByRole("button", { name: "Nueva consulta" }).click();
    await page.getByRole("heading", { name: "Consulta nueva" }).waitFor();
    const id = new URL(page.url()).pathname.split("/").at(-1)!;
    consultationId = id;

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

  it("enrols a phone that opens a workshop and captures every type with voice and photo offline, all arriving once", async () => {
    expect(consultationId).not.toBe("");
    // The organizer issues a one-time code for the facilitator.
    await organizer.goto(`${session.server.url}/dispositivos`);
    await organizer.getByLabel("Para quién (opcional)").fill("Ana, San Juan Ostuncalco");
    await organizer.getByRole("button", { name: "Crear código" }).click();
    const issued = organizer.getByTestId("enrolment-code");
    await issued.waitFor();
    const code = /Código: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec((await issued.textContent()) ?? "")![1]!;
    await organizer.getByRole("img", { name: new RegExp(`Código QR .*${code}`) }).waitFor();
    expect(await seriousA11yViolations(organizer)).toEqual([]);

    // The facilitator's phone: its own browser, with Chromium's fake microphone.
    const phone = await launchBrowser([
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
    ]);
    try {
      const page = await phone.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.goto(session.server.url);
      await serviceWorkerInControl(page);
      await page.goto(`${session.server.url}/inscribir`);
      await page.getByLabel("Código de inscripción").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByLabel("Código de inscripción").fill(code.toLowerCase());
      await page.getByRole("button", { name: "Inscribir" }).click();
      await expect
        .poll(() => page.getByTestId("enrolled").textContent())
        .toContain("Ana, San Juan Ostuncalco");
      await page.goto(session.server.url);
      const capture = page.getByRole("link", { name: "Capturar aportes: Salud en San Juan Ostuncalco" });
      await capture.waitFor();

      // A photo of a flipchart, as the phone's camera would give it (larger than the phone keeps).
      const png = await page.evaluate(() => {
        const canvas = document.createElement("canvas");
        canvas.width = 2400;
        canvas.height = 1800;
        const context = canvas.getContext("2d")!;
        context.fillStyle = "#f5e9c8";
        context.fillRect(0, 0, 2400, 1800);
        context.fillStyle = "#1a4d8f";
        context.font = "160px sans-serif";
        context.fillText("Agua y caminos", 200, 900);
        return canvas.toDataURL("image/png").split(",")[1]!;
      });
      const flipchart = {
        name: "papelografo.png",
        mimeType: "image/png",
        buffer: Buffer.from(png, "base64"),
      };

      // No signal from here on.
      await phone.context.setOffline(true);
      await capture.click();
      await page.getByRole("link", { name: "Abrir un taller nuevo" }).click();
      await page.getByLabel("Departamento").selectOption({ label: "Quetzaltenango" });
      await page.getByLabel("Municipio").selectOption({ label: "San Juan Ostuncalco" });
      await page.getByLabel("Comunidad, aldea o lugar").fill("Aldea Agua Blanca");
      await page.getByLabel("Total de personas").fill("12");
      await page.getByLabel("Mujer").fill("7");
      await page.getByLabel("Hombre").fill("5");
      await page.getByLabel("Maya").fill("11");
      await page.getByLabel("Acta o notas del taller").fill("Se habló del puesto de salud y del camino.");
      await page.locator('input[type="file"]').setInputFiles(flipchart);
      await page.getByTestId("media-photo").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Guardar taller" }).click();

      await page.getByRole("heading", { name: "Nuevo aporte" }).waitFor();
      await expect.poll(() => page.getByLabel("Taller", { exact: true }).inputValue()).not.toBe("");
      await page.getByRole("radio", { name: "Servicios de salud" }).check();
      await page
        .getByLabel(/¿Qué problema ve en su comunidad\?/)
        .fill("No hay medicinas en el puesto de salud");
      await page.getByLabel(/Cuéntenos más/).fill("Hay que caminar dos horas hasta Ostuncalco.");
      await page.getByRole("radio", { name: "En bus" }).check();
      await page.getByRole("checkbox", { name: "Agua" }).check();
      await page.getByRole("checkbox", { name: "Salud" }).check();
      await page.getByRole("radio", { name: "4", exact: true }).check();
      await page.getByLabel("Lugar 1").selectOption({ label: "Caminos" });
      await page.getByLabel("Lugar 2").selectOption({ label: "Agua" });
      await page.getByLabel(/¿Cuántas personas viven en su casa\?/).fill("6");

      // A voice recording for a participant who prefers to speak, played back, and a photo of the flipchart.
      await page.getByRole("button", { name: "Grabar voz" }).click();
      await page.getByText(/Grabando…/).waitFor();
      await page.waitForTimeout(1_500);
      await page.getByRole("button", { name: "Detener la grabación" }).click();
      await page.getByTestId("media-audio").waitFor();
      expect(await page.getByTestId("media-audio").textContent()).toMatch(/Duración 0:0[12] · [\d.,]+ KB/);
      await page.locator('input[type="file"]').setInputFiles(flipchart);
      await page.getByTestId("media-photo").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Guardar aporte" }).click();
      await page.getByTestId("saved").waitFor();

      // Reloaded with no signal: the app and what was saved are still there.
      await page.reload();
      await page.goto(`${session.server.url}/aportes`);
      await expect.poll(() => page.getByText("En este teléfono").count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(serverRows("select id from inputs where consultation_id = ?", consultationId)).toEqual([]);

      // The signal returns: the input, the workshop and both files arrive.
      await phone.context.setOffline(false);
      await page.goto(session.server.url);
      await page.getByRole("button", { name: "Enviar ahora" }).click();
      await expect
        .poll(
          () =>
            serverRows("select id from attachments where state = 'complete' and created_by like 'device:%'")
              .length,
          {
            timeout: 20_000,
          },
        )
        .toBe(3);
      await expect.poll(() => page.getByTestId("pending").getAttribute("data-count")).toBe("0");

      const [input] = serverRows<{ payload: string; device_id: string }>(
        "select payload, device_id from inputs where consultation_id = ?",
        consultationId,
      );
      const payload = JSON.parse(input!.payload);
      expect(payload.consultationVersion).toBe(1);
      expect(payload.answers).toEqual({
        "que-problema-ve-en-su-comunidad": "No hay medicinas en el puesto de salud",
        "cuentenos-mas": "Hay que caminar dos horas hasta Ostuncalco.",
        "como-llega-al-centro-de-salud": "en-bus",
        "que-servicios-usa": ["agua", "salud"],
        "cuanto-confia-en-la-municipalidad": 4,
        "ordene-lo-mas-urgente": ["caminos", "agua"],
        "cuantas-personas-viven-en-su-casa": 6,
      });
      const [workshop] = serverRows<{ id: string; payload: string }>("select id, payload from workshops");
      expect(payload.workshopId).toBe(workshop!.id);
      expect(JSON.parse(workshop!.payload)).toMatchObject({
        municipalityCode: "0909",
        community: "Aldea Agua Blanca",
        facilitator: "Ana, San Juan Ostuncalco",
        attendance: { total: 12, bySex: { female: 7, male: 5 }, byPeople: { maya: 11 } },
        photos: [{ kind: "photo", mime: "image/jpeg" }],
      });
      const [workshopPhoto] = JSON.parse(workshop!.payload).photos as { id: string; sha256: string }[];
      expect(serverRows("select sha256 from attachments where id = ?", workshopPhoto!.id)).toEqual([
        { sha256: workshopPhoto!.sha256 },
      ]);
      // Every file on the server is the one the signed input names, byte for byte.
      expect(payload.media.map((media: { kind: string }) => media.kind).sort()).toEqual(["audio", "photo"]);
      for (const media of payload.media as { id: string; sha256: string; mime: string }[]) {
        const [file] = serverRows<{ sha256: string; storage_key: string }>(
          "select sha256, storage_key from attachments where id = ?",
          media.id,
        );
        expect(file!.sha256).toBe(media.sha256);
        const bytes = readFileSync(path.join(session.server.dataDir, "files", file!.storage_key));
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(media.sha256);
      }
      expect(payload.media.find((media: { kind: string }) => media.kind === "photo").mime).toBe("image/jpeg");
      // Accepted only because its signature verified with the key this phone enrolled; nothing quarantined.
      expect(serverRows("select status from mutations where device_id = ?", input!.device_id)).toEqual([
        { status: "applied" },
        { status: "applied" },
      ]);
      expect(serverRows("select id from quarantine where device_id = ?", input!.device_id)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
