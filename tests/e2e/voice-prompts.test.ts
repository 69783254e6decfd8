import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { createUserWithCli } from "../support/admin-cli";
import { launchBrowser, seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";
import { serverRowsIn } from "../support/server-rows";

const session = useE2eSession();
const PASSWORD = "una frase larga para grabar audios";
beforeAll(() =>
  createUserWithCli(session.server.dataDir, {
    email: "audios@segeplan.gob.gt",
    name: "Olga",
    role: "organizer",
    password: PASSWORD,
  }),
);
const FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];
const QUESTION = "question:datos-abiertos.uso-datos";

function serverRows<T>(sql: string, ...params: unknown[]): T[] {
  return serverRowsIn<T>(session.server.dataDir, sql, ...params);
}

describe("audio prompts and spoken answers", () => {
  it("an organizer records a question; an offline phone plays it and answers by voice", async () => {
    const desk = await launchBrowser(FAKE_MICROPHONE);
    const phone = await launchBrowser(FAKE_MICROPHONE);
    try {
      // The organizer, from the designer, records the open-data question in Spanish.
      const organizer = await desk.context.newPage();
      await organizer.goto(`${session.server.url}/entrar`);
      await organizer.getByLabel("Correo electrónico").fill("audios@segeplan.gob.gt");
      await organizer.getByLabel("Contraseña").fill(PASSWORD);
      await organizer.getByRole("button", { name: "Entrar" }).click();
      await organizer
        .getByRole("navigation", { name: "Su trabajo" })
        .getByRole("link", { name: "Diseñar consultas" })
        .click();
      await organizer
        .getByRole("link", { name: /Estrategia Nacional/ })
        .first()
        .click();
      await organizer
        .getByRole("link", { name: "Grabar los audios de las preguntas (para quien no lee)" })
        .click();
      const row = organizer.locator(`[data-target="${QUESTION}"]`);
      await row.getByText("Sin audio en este idioma.").waitFor();
      await expect(seriousA11yViolations(organizer)).resolves.toEqual([]);
      await row.getByRole("button", { name: "Grabar", exact: true }).click();
      // Stopped once the recorder has counted a second (its own clock, on screen).
      await row.getByText(/Grabando… 0:0[1-9]/).waitFor();
      await row.getByRole("button", { name: "Detener la grabación" }).click();
      await row.getByText("Audio guardado. Los teléfonos lo recibirán al abrir la consulta.").waitFor();
      await row.locator("audio").waitFor();
      const [stored] = serverRows<{ attachment_id: string; language: string }>(
        "select attachment_id, language from consultation_prompts where consultation_id = ? and target = ?",
        DEMO_CONSULTATION_ID,
        QUESTION,
      );
      expect(stored).toMatchObject({ language: "es" });

      // The facilitator's phone opens the consultation with a signal: the prompt is kept.
      const page = await phone.context.newPage();
      await page.goto(session.server.url);
      await serviceWorkerInControl(page);
      await enrolPhone(page, session.server);
      await page.goto(session.server.url);
      await page.getByRole("link", { name: /Capturar aportes: Estrategia Nacional/ }).click();
      await page
        .getByTestId("prompt-shelf")
        .getByText(/guardados en este teléfono: 1 \(/)
        .waitFor();

      // No signal: reloaded from the phone alone, the question plays.
      await phone.context.setOffline(true);
      await page.reload();
      await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
      const player = page.locator(`[data-testid="prompt-player"][data-target="${QUESTION}"]`);
      const playing = player
        .getByTestId("prompt-audio")
        .evaluate(
          (audio: HTMLAudioElement) =>
            new Promise<boolean>((resolve) =>
              audio.addEventListener("playing", () => resolve(!audio.paused), { once: true }),
            ),
        );
      await player.getByRole("button", { name: "Escuchar la pregunta · Español" }).click();
      expect(await playing).toBe(true);
      await player.getByRole("button", { name: "Detener · Español" }).waitFor();
      await expect(seriousA11yViolations(page)).resolves.toEqual([]);

      // The participant answers by voice, and the input is kept with its recording.
      const voice = page.getByTestId("voice-answer");
      await voice.getByRole("button", { name: "Responder con la voz" }).click();
      await voice.getByText(/Grabando… 0:0[1-9]/).waitFor();
      await voice.getByRole("button", { name: "Detener la grabación" }).click();
      await voice.getByText("Respuesta grabada").waitFor();
      await page.getByRole("button", { name: "Guardar aporte" }).click();
      await page.getByTestId("saved").waitFor();

      // The signal returns: the input arrives, answered by its recording, and the recording with it.
      await phone.context.setOffline(false);
      await expect
        .poll(
          () =>
            serverRows<{ payload: string }>("select payload from inputs where theme_id = 'datos-abiertos'")
              .length,
          { timeout: 60_000 },
        )
        .toBe(1);
      const [input] = serverRows<{ payload: string }>(
        "select payload from inputs where theme_id = 'datos-abiertos'",
      );
      const [spoken] = JSON.parse(input!.payload).media;
      expect(spoken).toMatchObject({ kind: "audio", questionId: "uso-datos" });
      await expect
        .poll(
          () =>
            serverRows("select id from attachments where id = ? and state = 'complete'", spoken.id).length,
          {
            timeout: 60_000,
          },
        )
        .toBe(1);
    } finally {
      await phone.close();
      await desk.close();
    }
  });
});
