// The pull route: published consultations in changelog order, paged by cursor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemTypeUri } from "../../src/domain/problem";
import type { PullResponse } from "../../src/domain/sync-messages";
import { PULL_PAGE_SIZE } from "../../src/domain/sync-messages";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID, demoConsultation } from "../../src/server/consultations/demo-consultation";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const pull = async (cursor?: string) => {
  const response = await fetch(
    `${server.url}/api/v1/sync/pull${cursor === undefined ? "" : `?cursor=${cursor}`}`,
  );
  return { response, body: (await response.json()) as PullResponse };
};

describe("GET /api/v1/sync/pull", () => {
  it("gives a new device the seeded demo consultation in Spanish and English", async () => {
    const { response, body } = await pull();
    expect(response.status).toBe(200);
    expect(body.hasMore).toBe(false);
    const demo = body.changes.find((change) => change.data.id === DEMO_CONSULTATION_ID)!.data;
    expect(demo.title.es).toBe("Estrategia Nacional de Gobierno Electrónico");
    expect(demo.themes.length).toBeGreaterThanOrEqual(3);
    expect(demo.themes.length).toBeLessThanOrEqual(5);
    for (const theme of demo.themes) {
      expect(theme.title.en).toBeTruthy();
      for (const question of theme.questions) expect(question.label.en).toBeTruthy();
    }
  });

  it("returns nothing new after the last cursor, and only later changes after an earlier one", async () => {
    const first = await pull("0");
    const again = await pull(first.body.nextCursor);
    expect(again.body.changes).toEqual([]);
    expect(again.body.nextCursor).toBe(first.body.nextCursor);

    const updated = { ...demoConsultation("2026-11-02T00:00:00.000Z"), status: "closed" as const };
    await saveConsultation(server.storage.db, updated);
    const later = await pull(first.body.nextCursor);
    expect(later.body.changes.map((change) => change.data.status)).toEqual(["closed"]);
    expect(Number(later.body.nextCursor)).toBeGreaterThan(Number(first.body.nextCursor));
  });

  it("pages through many changes in order, without skipping or repeating any", async () => {
    const base = demoConsultation("2026-11-03T00:00:00.000Z");
    const ids: string[] = [];
    for (let i = 0; i < PULL_PAGE_SIZE + 30; i++) {
      const id = `0193a5b0-7c00-7000-8000-${String(100_000 + i).padStart(12, "0")}`;
      ids.push(id);
      await saveConsultation(server.storage.db, { ...base, id });
    }
    const seen: string[] = [];
    let cursor = "0";
    let pages = 0;
    for (;;) {
      const { body } = await pull(cursor);
      pages++;
      seen.push(...body.changes.map((change) => change.data.id));
      cursor = body.nextCursor;
      if (!body.hasMore) break;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it("keeps draft consultations off devices", async () => {
    const { body: before } = await pull("0");
    const draftId = "0193a5b0-7c00-7000-8000-0000000000aa";
    await saveConsultation(server.storage.db, {
      ...demoConsultation("2026-11-04T00:00:00.000Z"),
      id: draftId,
      status: "draft",
    });
    const { body } = await pull(before.nextCursor);
    expect(body.changes.map((change) => change.data.id)).not.toContain(draftId);
    expect(Number(body.nextCursor)).toBeGreaterThan(Number(before.nextCursor));
  });

  it("answers a malformed cursor with a 400 problem", async () => {
    const response = await fetch(`${server.url}/api/v1/sync/pull?cursor=abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await response.json()).type).toBe(problemTypeUri("invalid-request"));
  });
});
