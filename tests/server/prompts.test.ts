// Audio prompts against the real server (issue #14, item 5): an organizer sets a question's prompt from an audio file
// they uploaded; anyone lists a released consultation's prompts and downloads each, the bytes the organizer sent.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prompt } from "../../src/domain/prompts";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { allTypesConsultation } from "../support/factories";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { sha256Hex, uploadFile } from "../support/tus";

let server: TestServer;
let organizer: string;
beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "o@segeplan.gob.gt", role: "organizer" });
});
afterAll(() => server.dispose());

const prompts = `/consultations/${DEMO_CONSULTATION_ID}/prompts`;
const put = (body: unknown, cookie = organizer) =>
  fetch(`${server.url}/api/v1/organizer${prompts}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });
const publicList = async () =>
  ((await (await fetch(`${server.url}/api/v1/public${prompts}`)).json()) as { prompts: Prompt[] }).prompts;

describe("audio prompts", () => {
  it("sets a question's prompt in K'iche' from the organizer's upload; anyone lists and downloads it", async () => {
    const bytes = new Uint8Array(12_000).map((_, i) => (i * 5) % 256);
    const uploadId = await uploadFile(server.url, organizer, "pregunta.webm", "audio/webm", bytes);
    const target = "question:datos-abiertos.uso-datos";
    const set = await put({ target, language: "quc", uploadId });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ target, language: "quc", id: uploadId, size: bytes.length });
    const [listed] = await publicList();
    expect(listed).toMatchObject({ target, language: "quc", id: uploadId, sha256: sha256Hex(bytes) });
    const audio = await fetch(`${server.url}/api/v1/public/prompts/${uploadId}`);
    expect(audio.headers.get("content-type")).toBe("audio/webm");
    expect(audio.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(bytes);

    // A new recording replaces it; the removed prompt is no longer offered.
    const again = await uploadFile(
      server.url,
      organizer,
      "pregunta-2.webm",
      "audio/webm",
      bytes.slice(0, 900),
    );
    expect((await put({ target, language: "quc", uploadId: again })).status).toBe(200);
    expect((await publicList()).map((p) => p.id)).toEqual([again]);
    const removed = await fetch(
      `${server.url}/api/v1/organizer${prompts}?target=${encodeURIComponent(target)}&language=quc`,
      { method: "DELETE", headers: { cookie: organizer } },
    );
    expect(removed.status).toBe(204);
    expect(await publicList()).toEqual([]);
  });

  it("keeps a prompt of what only a draft has from the public, like the draft itself", async () => {
    const { id: _id, version: _v, status: _s, updatedAt: _u, ...design } = allTypesConsultation();
    const draftId = uuidv7();
    const created = await fetch(`${server.url}/api/v1/organizer/consultations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: organizer },
      body: JSON.stringify({ id: draftId, design }),
    });
    expect(created.status).toBeLessThan(300);
    const audio = await uploadFile(server.url, organizer, "intro.webm", "audio/webm", new Uint8Array(700));
    const set = await fetch(`${server.url}/api/v1/organizer/consultations/${draftId}/prompts`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: organizer },
      body: JSON.stringify({ target: "intro", language: "es", uploadId: audio }),
    });
    expect(set.status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/public/consultations/${draftId}/prompts`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/public/prompts/${audio}`)).status).toBe(404);
    // A question only a draft of a released consultation has: its prompt waits too.
    const upcoming = await uploadFile(server.url, organizer, "q.webm", "audio/webm", new Uint8Array(800));
    await server.storage.db
      .insertInto("consultation_prompts")
      .values({
        consultation_id: DEMO_CONSULTATION_ID,
        target: "question:datos-abiertos.nueva",
        language: "es",
        attachment_id: upcoming,
        updated_at: new Date().toISOString(),
        updated_by: "test",
      })
      .execute();
    expect((await publicList()).map((p) => p.id)).not.toContain(upcoming);
    expect((await fetch(`${server.url}/api/v1/public/prompts/${upcoming}`)).status).toBe(404);
  });

  it("refuses a target the consultation lacks, a file that is not audio or not the organizer's, and outsiders", async () => {
    const audio = await uploadFile(server.url, organizer, "intro.webm", "audio/webm", new Uint8Array(500));
    const unknown = await put({ target: "question:datos-abiertos.otra", language: "es", uploadId: audio });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { errors: unknown[] }).errors).toEqual([
      { pointer: "/target", code: "unknown" },
    ]);
    const pdf = await uploadFile(server.url, organizer, "acta.pdf", "application/pdf", new Uint8Array(500));
    expect((await put({ target: "intro", language: "es", uploadId: pdf })).status).toBe(422);
    const other = await staffSession(server, { email: "o2@segeplan.gob.gt", role: "organizer" });
    expect((await put({ target: "intro", language: "es", uploadId: audio }, other)).status).toBe(422);
    expect((await put({ target: "intro", language: "en", uploadId: audio })).status).toBe(422);
    expect((await put({ target: "intro", language: "es", uploadId: audio }, "")).status).toBe(401);
    // A consultation still in draft offers nothing to the public.
    expect((await fetch(`${server.url}/api/v1/public/consultations/${uuidv7()}/prompts`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/public/prompts/${pdf}`)).status).toBe(404);
  });
});
