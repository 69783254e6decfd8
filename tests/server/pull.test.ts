// The pull route: every change a phone may see, in changelog order, paged by cursor; public changes for anyone,
// a device's dispositions to its token only, a request's status to its reader key only.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consultation } from "../../src/domain/consultation";
import { problemTypeUri } from "../../src/domain/problem";
import {
  type Change,
  PROTOCOL_VERSION,
  PULL_PAGE_SIZE,
  type PullResponse,
  READER_KEY_HEADER,
} from "../../src/domain/sync-messages";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID, demoConsultation } from "../../src/server/consultations/demo-consultation";
import { makeInput } from "../support/factories";
import { makeRequest, postJson, pushInputs, seededInstitution, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const pull = async (
  cursor?: string,
  options: { protocol?: number; headers?: Record<string, string> } = {},
) => {
  const query = new URLSearchParams();
  if (cursor !== undefined) query.set("cursor", cursor);
  if (options.protocol !== undefined) query.set("protocol", String(options.protocol));
  const response = await fetch(`${server.url}/api/v1/sync/pull?${query}`, { headers: options.headers ?? {} });
  return { response, body: (await response.json()) as PullResponse };
};

/** Pulls from a cursor until the server has no more, as a phone does. */
async function pullAll(cursor = "0", options: Parameters<typeof pull>[1] = {}) {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const { body } = await pull(cursor, options);
    pages++;
    changes.push(...body.changes);
    cursor = body.nextCursor;
    if (!body.hasMore) return { changes, cursor, pages };
  }
}

const consultationsIn = (changes: Change[]): Consultation[] =>
  changes.flatMap((change) => (change.kind === "consultation" ? [change.data] : []));
const kindsIn = (changes: Change[]) => [...new Set(changes.map((change) => change.kind))].sort();
const v2 = { protocol: PROTOCOL_VERSION };

describe("GET /api/v1/sync/pull", () => {
  it("gives a new device the seeded demo consultation in Spanish and English", async () => {
    const { response, body } = await pull();
    expect(response.status).toBe(200);
    expect(body.hasMore).toBe(false);
    const demo = consultationsIn(body.changes).find((data) => data.id === DEMO_CONSULTATION_ID)!;
    expect(demo.title.es).toBe("Estrategia Nacional de Gobierno Electrónico");
    expect(demo.themes.length).toBeGreaterThanOrEqual(3);
    expect(demo.themes.length).toBeLessThanOrEqual(5);
    for (const theme of demo.themes) {
      expect(theme.title.en).toBeTruthy();
      for (const question of theme.questions) expect(question.label.en).toBeTruthy();
    }
  });

  it("gives a v1 phone consultations only, and a current one the institution list as well", async () => {
    const old = await pullAll("0");
    expect(kindsIn(old.changes)).toEqual(["consultation"]);
    const current = await pullAll("0", v2);
    expect(kindsIn(current.changes)).toEqual(["consultation", "institution"]);
    const institutions = current.changes.filter((change) => change.kind === "institution");
    expect(institutions.length).toBeGreaterThanOrEqual(370);
    expect(current.cursor).toBe(old.cursor);
  });

  it("returns nothing new after the last cursor, and only later changes after an earlier one", async () => {
    const first = await pullAll("0", v2);
    const again = await pull(first.cursor, v2);
    expect(again.body.changes).toEqual([]);
    expect(again.body.nextCursor).toBe(first.cursor);

    const updated = { ...demoConsultation("2026-11-02T00:00:00.000Z"), status: "closed" as const };
    await saveConsultation(server.storage.db, updated);
    const later = await pull(first.cursor, v2);
    expect(consultationsIn(later.body.changes).map((data) => data.status)).toEqual(["closed"]);
    expect(Number(later.body.nextCursor)).toBeGreaterThan(Number(first.cursor));
  });

  it("pages through many changes in order, without skipping or repeating any", async () => {
    const base = demoConsultation("2026-11-03T00:00:00.000Z");
    const ids: string[] = [];
    for (let i = 0; i < PULL_PAGE_SIZE + 30; i++) {
      const id = `0193a5b0-7c00-7000-8000-${String(100_000 + i).padStart(12, "0")}`;
      ids.push(id);
      await saveConsultation(server.storage.db, { ...base, id });
    }
    const { changes, pages } = await pullAll("0", v2);
    // Pages stop early by size: a phone on 2G never waits for one enormous answer.
    expect(pages).toBeGreaterThan(Math.ceil((PULL_PAGE_SIZE + 400) / PULL_PAGE_SIZE));
    expect(
      consultationsIn(changes)
        .map((data) => data.id)
        .filter((id) => ids.includes(id)),
    ).toEqual(ids);
    const positions = changes.map((change) => Number(change.cursor));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("keeps draft consultations off devices, and moves the cursor past them", async () => {
    const { cursor: before } = await pullAll("0", v2);
    const draftId = "0193a5b0-7c00-7000-8000-0000000000aa";
    await saveConsultation(server.storage.db, {
      ...demoConsultation("2026-11-04T00:00:00.000Z"),
      id: draftId,
      status: "draft",
    });
    const { body } = await pull(before, v2);
    expect(consultationsIn(body.changes).map((data) => data.id)).not.toContain(draftId);
    expect(Number(body.nextCursor)).toBeGreaterThan(Number(before));
  });

  it("gives the dispositions of a phone's inputs to that enrolled phone alone", async () => {
    const organizer = await staffSession(server, { email: "devuelve@segeplan.gob.gt", role: "organizer" });
    const mine = makeInput();
    const theirs = makeInput();
    const me = await pushInputs(server, [mine]);
    const them = await pushInputs(server, [theirs]);
    const { cursor } = await pullAll("0", v2);
    const answered = await postJson(
      `${server.url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}/dispositions`,
      {
        inputIds: [mine.id, theirs.id],
        status: "partly_incorporated",
        reason: "Se tomó la idea del registro.",
      },
      organizer,
    );
    expect(answered.status).toBe(200);

    const asMe = await pullAll(cursor, { ...v2, headers: { authorization: `Bearer ${me.token}` } });
    expect(asMe.changes).toMatchObject([
      {
        kind: "disposition",
        data: { inputId: mine.id, status: "partly_incorporated", reason: "Se tomó la idea del registro." },
      },
    ]);
    const asThem = await pullAll(cursor, { ...v2, headers: { authorization: `Bearer ${them.token}` } });
    expect(asThem.changes.map((change) => change.kind === "disposition" && change.data.inputId)).toEqual([
      theirs.id,
    ]);
    // Anyone else (no token, or one the server does not know) sees nothing of either, and moves past both.
    const anyone = await pull(cursor, v2);
    expect(anyone.body.changes).toEqual([]);
    expect(anyone.body.nextCursor).toBe(asMe.cursor);
    const stranger = await pull(cursor, { ...v2, headers: { authorization: `Bearer ${"x".repeat(43)}` } });
    expect(stranger.body.changes).toEqual([]);
  });

  it("gives a request's new status to the phone holding its reader key, and to no one else", async () => {
    const minfin = seededInstitution("MINFIN");
    const officer = await staffSession(server, {
      email: "enlace@minfin.gob.gt",
      role: "officer",
      institutionId: minfin.id,
    });
    const readerKey = randomBytes(32).toString("base64url");
    const readerSha256 = createHash("sha256").update(readerKey).digest("hex");
    const request = makeRequest({ institutionId: minfin.id, readerSha256 });
    expect((await postJson(`${server.url}/api/v1/requests`, request)).status).toBe(201);
    const { cursor } = await pullAll("0", v2);

    const acted = await postJson(
      `${server.url}/api/v1/officer/requests/${request.id}/actions`,
      { action: "start" },
      officer,
    );
    expect(acted.status).toBe(200);
    const mine = await pullAll(cursor, { ...v2, headers: { [READER_KEY_HEADER]: readerKey } });
    expect(mine.changes).toMatchObject([{ kind: "request", data: { id: request.id, status: "in_process" } }]);
    const other = randomBytes(32).toString("base64url");
    const notMine = await pullAll(cursor, { ...v2, headers: { [READER_KEY_HEADER]: other } });
    expect(notMine.changes).toEqual([]);
    expect((await pull(cursor, v2)).body.changes).toEqual([]);
  });

  it("answers a malformed cursor with a 400 problem", async () => {
    const response = await fetch(`${server.url}/api/v1/sync/pull?cursor=abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await response.json()).type).toBe(problemTypeUri("invalid-request"));
  });
});
