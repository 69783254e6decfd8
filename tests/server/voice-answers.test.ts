// Text questions answered by voice (issue #14, item 6), against the real server: a required text question answered
// only by a recording is accepted; organizers find it among the inputs, hear it from their own route (nobody else
// can), see it counted on the dashboard, and the export's cell marks it with its link (public data's mark, without
// a link, is in tests/unit/input-table.test.ts).
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadMedia } from "../../src/client/sync/media-upload";
import type { PublicInput } from "../../src/domain/dispositions";
import type { Dashboard } from "../../src/domain/results/dashboard";
import type { PushResponse } from "../../src/domain/sync-messages";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { sha256Hex } from "../support/tus";

let server: TestServer;
let organizer: string;
const bytes = new Uint8Array(20_000).map((_, i) => (i * 13) % 256);
const recording = {
  id: uuidv7(),
  kind: "audio" as const,
  mime: "audio/webm;codecs=opus",
  size: bytes.length,
  sha256: sha256Hex(bytes),
  durationMs: 3_000,
  questionId: "tramite-dificil",
};
const spokenInput = makeInput({ answers: { "canal-preferido": "telefono" }, media: [recording] });

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "o@segeplan.gob.gt", role: "organizer" });
  const phone = await enrol(server.url, codesFor(server));
  const pushed = await pushAs(server.url, phone, {
    deviceId: phone.deviceId,
    mutations: [await signedMutation(phone, spokenInput)],
  });
  expect(((await pushed.json()) as PushResponse).results[0]!.status).toBe("applied");
  await uploadMedia(
    { id: recording.id, mime: recording.mime, sha256: recording.sha256, blob: new Blob([bytes]) },
    { baseUrl: server.url, token: phone.token, fetch, requestTimeoutMs: 10_000 },
  );
});
afterAll(() => server.dispose());

const organizerGet = (path: string, cookie = organizer) =>
  fetch(`${server.url}/api/v1/organizer${path}`, { headers: cookie ? { cookie } : {} });

describe("a text question answered by voice", () => {
  it("is listed with its recording, which organizers hear from their own route and no one else", async () => {
    const page = (await (await organizerGet(`/consultations/${DEMO_CONSULTATION_ID}/inputs`)).json()) as {
      inputs: PublicInput[];
    };
    const listed = page.inputs.find((input) => input.id === spokenInput.id);
    expect(listed?.recordings).toEqual([
      { id: recording.id, kind: "audio", questionId: "tramite-dificil", durationMs: 3_000, arrived: true },
    ]);
    const heard = await organizerGet(`/media/${recording.id}`);
    expect(heard.status).toBe(200);
    expect(heard.headers.get("content-type")).toBe("audio/webm");
    expect(heard.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await heard.arrayBuffer())).toEqual(bytes);
    expect((await organizerGet(`/media/${recording.id}`, "")).status).toBe(401);
    const officer = await staffSession(server, { email: "f@segeplan.gob.gt", role: "officer" });
    expect((await organizerGet(`/media/${recording.id}`, officer)).status).toBe(403);
    expect((await organizerGet(`/media/${uuidv7()}`)).status).toBe(404);
  });

  it("is counted on the dashboard and marked in the staff exports with the link to hear it", async () => {
    const { dashboard } = (await (
      await organizerGet(`/consultations/${DEMO_CONSULTATION_ID}/dashboard`)
    ).json()) as { dashboard: Dashboard };
    const question = dashboard.questions.find((q) => q.questionId === "tramite-dificil");
    expect(question).toMatchObject({ answered: 1, spoken: 1 });
    expect(dashboard.questions.find((q) => q.questionId === "canal-preferido")?.spoken).toBeUndefined();

    const csv = await (await organizerGet(`/consultations/${DEMO_CONSULTATION_ID}/export?format=csv`)).text();
    const [header, row] = csv.trim().split("\r\n");
    const cell = row!.split(",")[header!.split(",").indexOf("tramites.tramite-dificil")];
    expect(cell).toBe(`[grabación de voz: ${server.url}/api/v1/organizer/media/${recording.id}]`);
    const jsonl = await (
      await organizerGet(`/consultations/${DEMO_CONSULTATION_ID}/export?format=jsonl`)
    ).text();
    expect(JSON.parse(jsonl.trim())["tramites.tramite-dificil"]).toBe(cell);
  });
});
