// Carrying data out by hand in Chromium (issue #14): an enrolled phone captures 20 inputs and one answered by voice
// with no signal, and saves them to a file from /aportes; the file, read with nothing but its README description
// (canonical JSON, a P-256 signature by the phone's enrolled key, the recording's bytes with their SHA-256), is what
// the phone would push and upload; an organizer imports it on /dispositivos and every input and the recording arrive
// once; back online, the phone shows them all as sent, none twice, and uploads no byte of the recording. A second
// run: an altered copy reaches the organizer (the altered entry is quarantined, the others applied), and a second
// phone relays the genuine file (what was missing arrives, nothing twice); the first phone then shows all sent.
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { launchBrowser, seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";
import { captureInputs } from "../support/gated-phone";
import { serverRowsIn } from "../support/server-rows";

const session = useE2eSession();
beforeAll(() =>
  createUserWithCli(session.server.dataDir, {
    email: "organiza@segeplan.gob.gt",
    name: "Beto",
    role: "organizer",
    password: PASSWORD,
  }),
);
const PASSWORD = "una frase larga para organizar";
/** Twenty inputs typed at the workshop; a twenty-first is answered by voice. */
const TEXTS = Array.from({ length: 20 }, (_, i) => `Para ver el presupuesto de la aldea, aporte ${i + 1}`);

function serverRows<T>(sql: string, ...params: unknown[]): T[] {
  return serverRowsIn<T>(session.server.dataDir, sql, ...params);
}

/** Canonical JSON as the README states it: keys sorted by UTF-16 code units, absent members out, no spaces. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Answers the open-data question by voice (Chromium's fake microphone), nothing typed, and saves the input. */
async function answerByVoice(page: Page) {
  await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
  const voice = page.getByTestId("voice-answer");
  await voice.getByRole("button", { name: "Responder con la voz" }).click();
  // Stopped once the recorder has counted a second of sound (its own clock, shown on screen).
  await voice.getByText(/Grabando… 0:0[1-9]/).waitFor();
  await voice.getByRole("button", { name: "Detener la grabación" }).click();
  await voice.getByText("Respuesta grabada").waitFor();
  await expectAccessible(page, "a text question answered by voice");
  await page.getByRole("button", { name: "Guardar aporte" }).click();
  await page.getByTestId("saved").waitFor();
}

/** Chromium's fake microphone: a tone the recorder takes as speech. */
const FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];

/**
 * An enrolled phone in its own browser that captured `texts` and one answer by voice offline, and saved the file; it
 * stays offline.
 */
async function phoneWithFile(texts: readonly string[]) {
  const browser = await launchBrowser(FAKE_MICROPHONE);
  const page = await browser.context.newPage();
  await page.goto(session.server.url);
  await serviceWorkerInControl(page);
  await enrolPhone(page, session.server);
  await page.goto(session.server.url);
  const capture = page.getByRole("link", { name: /Capturar aportes: Estrategia Nacional/ });
  await capture.waitFor();
  await browser.context.setOffline(true);
  await capture.click();
  await captureInputs(page, texts);
  await answerByVoice(page);
  await page.getByRole("link", { name: "Aportes guardados" }).click();
  const card = page.getByTestId("transfer-export");
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Guardar archivo para llevar a mano" }).click();
  const saved = await download;
  const filePath = path.join(session.server.dataDir, `${Date.now()}-${saved.suggestedFilename()}`);
  await saved.saveAs(filePath);
  return { browser, page, filePath };
}

/** The organizer signed in on the phones screen, in a browser of its own (a fresh session each time). */
async function organizerDesk() {
  const browser = await launchBrowser();
  const desk = await browser.context.newPage();
  desk.on("close", () => void browser.close());
  await desk.goto(`${session.server.url}/entrar`);
  await desk.getByLabel("Correo electrónico").fill("organiza@segeplan.gob.gt");
  await desk.getByLabel("Contraseña").fill(PASSWORD);
  await desk.getByRole("button", { name: "Entrar" }).click();
  await desk.getByRole("link", { name: "Teléfonos" }).click();
  await desk.getByTestId("transfer-import").waitFor();
  return desk;
}

const statesOf = (page: Page) =>
  page.getByTestId("input").evaluateAll((all) => all.map((i) => (i as HTMLElement).dataset.state).join(","));

describe("offline transfer file in Chromium", () => {
  it("carries 20 inputs and a voice answer captured offline to the server by hand, each once; the phone then shows them sent", async () => {
    const phoneBrowser = await launchBrowser(FAKE_MICROPHONE);
    const uploads: string[] = [];
    phoneBrowser.context.on("request", (request) => {
      if (request.url().includes("/api/v1/uploads")) uploads.push(request.method());
    });
    try {
      const phone = await phoneBrowser.context.newPage();
      await phone.goto(session.server.url);
      await serviceWorkerInControl(phone);
      await enrolPhone(phone, session.server);
      await phone.goto(session.server.url);
      await phone.getByRole("link", { name: /Capturar aportes: Estrategia Nacional/ }).waitFor();
      // A request taken for someone who asked aloud, with no signal (the institutions were pulled on enrolment).
      await phone.getByRole("link", { name: "Pedir información" }).click();
      await phone.getByRole("link", { name: "Nueva solicitud" }).click();
      await phone.getByLabel("Institución a la que le pide la información").fill("finanzas");
      const minfin = phone.getByRole("button", { name: /Ministerio de Finanzas Públicas \(MINFIN\)/ });
      await minfin.waitFor();
      await phoneBrowser.context.setOffline(true);
      await minfin.click();
      await phone
        .getByLabel("¿Qué información necesita?")
        .fill("Cuánto se gastó en el camino de la aldea en 2025.");
      await phone.getByLabel("Su nombre").fill("Tomás Raxón Ixcoy");
      await phone.getByLabel("Registro esta solicitud por otra persona que la pidió de palabra").check();
      await phone.getByRole("button", { name: "Guardar solicitud" }).click();
      await phone.getByRole("heading", { name: "Comprobante de solicitud" }).waitFor();
      // Back to the facilitator's home, still offline (the service worker answers).
      await phone.goto(session.server.url);
      await phone.getByRole("link", { name: /Capturar aportes: Estrategia Nacional/ }).click();
      await captureInputs(phone, TEXTS);
      // A participant who prefers to speak answers the text question by voice, nothing typed.
      await answerByVoice(phone);
      await phone.getByRole("link", { name: "Aportes guardados" }).click();
      const card = phone.getByTestId("transfer-export");
      // 21 inputs, the request and the recording.
      await card.getByText("23 registros esperan señal.", { exact: false }).waitFor();
      await expectAccessible(phone, "saved inputs with the transfer card");
      const download = phone.waitForEvent("download");
      await card.getByRole("button", { name: "Guardar archivo para llevar a mano" }).click();
      const saved = await download;
      await card.getByText(/^Archivo guardado en las descargas del teléfono/).waitFor();
      const filePath = path.join(session.server.dataDir, saved.suggestedFilename());
      await saved.saveAs(filePath);

      // The file read with its description only.
      const file = JSON.parse(await readFile(filePath, "utf8"));
      expect(file.manifest.format).toBe("tejido-transfer");
      expect(file.manifest.version).toBe(1);
      expect(file.entries).toHaveLength(21);
      expect(file.requests).toHaveLength(1);
      // The recording: its bytes in base64, listed under the signature with their size and hash, and named by
      // the record of the input it answers, with the question.
      expect(file.media).toHaveLength(1);
      const [carried] = file.media;
      const voiceBytes = Buffer.from(carried.data, "base64");
      expect(voiceBytes.length).toBeGreaterThan(1_000);
      const voiceSha = createHash("sha256").update(voiceBytes).digest("hex");
      expect(file.manifest.media).toEqual([{ id: carried.id, size: voiceBytes.length, sha256: voiceSha }]);
      const spoken = file.entries.at(-1).payload;
      expect(spoken.answers).toEqual({});
      expect(spoken.media).toEqual([
        expect.objectContaining({ id: carried.id, sha256: voiceSha, kind: "audio", questionId: "uso-datos" }),
      ]);
      expect(file.manifest.requests).toEqual([
        {
          id: file.requests[0].id,
          sha256: createHash("sha256").update(canonical(file.requests[0])).digest("hex"),
        },
      ]);
      const [device] = serverRows<{ public_key: string }>(
        "select public_key from devices where id = ?",
        file.manifest.deviceId,
      );
      const key = createPublicKey({ key: JSON.parse(device!.public_key), format: "jwk" });
      const signed = (text: string, signature: string) =>
        verify(
          "sha256",
          Buffer.from(text),
          { key, dsaEncoding: "ieee-p1363" },
          Buffer.from(signature, "base64url"),
        );
      expect(signed(canonical(file.manifest), file.signature)).toBe(true);
      for (const [i, entry] of file.entries.entries()) {
        expect(entry.type).toBe("input.create");
        expect(entry.payload.deviceId).toBe(file.manifest.deviceId);
        expect(signed(canonical(entry.payload), entry.signature)).toBe(true);
        expect(file.manifest.entries[i].mutationId).toBe(entry.mutationId);
        expect(file.manifest.entries[i].payloadSha256).toBe(
          createHash("sha256").update(canonical(entry.payload)).digest("hex"),
        );
      }
      expect(serverRows("select id from inputs")).toHaveLength(0);

      // The organizer imports it from the phones screen.
      const desk = await organizerDesk();
      const importer = desk.getByTestId("transfer-import");
      await expectAccessible(desk, "phones with the import card");
      await importer.getByLabel("Elegir el archivo del teléfono (.json)").setInputFiles(filePath);
      await importer
        .getByTestId("transfer-report")
        .getByText("Archivo aplicado. Nuevos: 21 · ya estaban: 0 · en cuarentena para revisar: 0.")
        .waitFor();
      const reported = await importer.getByTestId("transfer-report").textContent();
      expect(reported).toContain(
        "Solicitudes de información: 1 registradas con su folio · ya estaban: 0 · rechazadas: 0.",
      );
      expect(reported).toContain(
        "Grabaciones y fotos: 1 guardadas · ya estaban: 0 · rechazadas (se quedan en el teléfono): 0.",
      );
      const attachment = () =>
        serverRows<{ state: string; sha256: string; completed_at: string }>(
          "select state, sha256, completed_at from attachments where id = ?",
          carried.id,
        );
      expect(attachment()).toEqual([expect.objectContaining({ state: "complete", sha256: voiceSha })]);
      const storedAt = attachment()[0]!.completed_at;

      // The organizer hears the spoken answer beside the input, from the staff-only route.
      await desk.getByRole("link", { name: "Resultados" }).click();
      await desk.getByText("Revisar aportes y dar devolución").first().click();
      const heard = desk.getByTestId("recording").filter({ hasText: "Respuesta grabada con la voz" });
      await heard.waitFor();
      expect(await heard.getAttribute("data-question")).toBe("uso-datos");
      await expectAccessible(desk, "inputs with a spoken answer");
      const duration = await heard.locator("audio").evaluate(
        (audio: HTMLAudioElement) =>
          new Promise<number>((resolve, reject) => {
            audio.onloadedmetadata = () => resolve(audio.duration);
            audio.onerror = () => reject(new Error(`audio: ${audio.error?.code}`));
            audio.preload = "auto";
            audio.load();
          }),
      );
      expect(duration).toBeGreaterThan(0);
      const [filed] = serverRows<{ folio: string; channel: string }>(
        "select folio, channel from info_requests",
      );
      expect(filed).toMatchObject({ channel: "oral" });
      const stored = serverRows<{ id: string; device_id: string }>("select id, device_id from inputs");
      expect(stored.map((row) => row.device_id)).toEqual(Array(21).fill(file.manifest.deviceId));
      expect(new Set(stored.map((row) => row.id))).toEqual(
        new Set(file.entries.map((e: { recordId: string }) => e.recordId)),
      );

      // The phone reaches a signal: its own push is answered "duplicate", and it shows everything as sent.
      await phoneBrowser.context.setOffline(false);
      const items = phone.getByTestId("input");
      await expect
        .poll(async () => (await items.evaluateAll((all) => all.map((i) => i.dataset.state))).join(","), {
          timeout: 60_000,
        })
        .toBe(Array(21).fill("sent").join(","));
      // Nothing waits any more (the card goes), the recording included: its upload found it whole on the
      // server (one HEAD) and sent no bytes, and the file there is the one the import stored.
      await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(0);
      expect(uploads).toEqual(["HEAD"]);
      expect(attachment()).toEqual([expect.objectContaining({ state: "complete", completed_at: storedAt })]);
      expect(serverRows("select id from inputs")).toHaveLength(21);
      expect(serverRows("select mutation_id from mutations where type = 'input.create'")).toHaveLength(21);
      // The request went out in the same exchange: the phone's receipt now has the folio the import gave it.
      await phone.getByRole("link", { name: "Pedir información" }).click();
      await phone.getByText(filed!.folio).waitFor();
      expect(serverRows("select id from info_requests")).toHaveLength(1);
      await desk.close();
    } finally {
      await phoneBrowser.close();
    }
  });

  it("quarantines an altered copy's changed entry, and a second phone relays the genuine file", async () => {
    const a = await phoneWithFile(["Relevo uno", "Relevo dos", "Relevo tres"]);
    const b = await launchBrowser();
    try {
      const file = JSON.parse(await readFile(a.filePath, "utf8"));
      const ids = file.entries.map((e: { recordId: string }) => e.recordId);
      const onServer = () =>
        serverRows<{ id: string; device_id: string }>(
          `select id, device_id from inputs where id in (${ids.map(() => "?").join(",")})`,
          ...ids,
        );

      const [carried] = file.media;
      const attachment = () =>
        serverRows<{ state: string }>("select state from attachments where id = ?", carried.id);

      // Someone changed one entry on the way, and left the recording out: that entry is quarantined, the other
      // three applied, and the recording waits.
      const altered = structuredClone(file);
      altered.entries[1].payload.freeText = "Cambiado en el camino.";
      delete altered.media;
      const alteredPath = `${a.filePath}.altered.json`;
      await writeFile(alteredPath, JSON.stringify(altered));
      const desk = await organizerDesk();
      const importer = desk.getByTestId("transfer-import");
      await importer.getByLabel("Elegir el archivo del teléfono (.json)").setInputFiles(alteredPath);
      const report = importer.getByTestId("transfer-report");
      await report
        .getByText("Archivo aplicado. Nuevos: 3 · ya estaban: 0 · en cuarentena para revisar: 1.")
        .waitFor();
      expect(await report.textContent()).toContain("Registros que no coinciden con la lista del archivo: 1.");
      expect(onServer()).toHaveLength(3);
      expect(attachment()).toEqual([]);
      await desk.close();

      // Phone B, enrolled and offline, takes the genuine file and carries it, recording included, when it
      // reaches a signal.
      const relay = await b.context.newPage();
      await relay.goto(session.server.url);
      await serviceWorkerInControl(relay);
      await enrolPhone(relay, session.server);
      await b.context.setOffline(true);
      await relay.goto(`${session.server.url}/aportes`).catch(() => undefined);
      const card = relay.getByTestId("relay");
      await card.getByLabel("Tomar el archivo de otro teléfono (.json)").setInputFiles(a.filePath);
      await card
        .getByText("Archivo guardado en este teléfono (4 registros). Se enviará solo cuando haya señal.")
        .waitFor();
      expect(await card.getByTestId("relay-item").getAttribute("data-state")).toBe("pending");
      await expectAccessible(relay, "saved inputs with a file to relay");
      await b.context.setOffline(false);
      await expect.poll(() => card.getByTestId("relay-item").count(), { timeout: 60_000 }).toBe(0);
      const rows = onServer();
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((row) => row.device_id))).toEqual(new Set([file.manifest.deviceId]));
      expect(attachment()).toEqual([{ state: "complete" }]);

      // Phone A reaches a signal at last: all four sent, none twice, and nothing left waiting.
      await a.browser.context.setOffline(false);
      await expect.poll(() => statesOf(a.page), { timeout: 60_000 }).toBe("sent,sent,sent,sent");
      await expect.poll(() => a.page.getByTestId("transfer-export").count(), { timeout: 60_000 }).toBe(0);
      expect(onServer()).toHaveLength(4);
      expect(attachment()).toEqual([{ state: "complete" }]);
    } finally {
      await b.close();
      await a.browser.close();
    }
  });
});
