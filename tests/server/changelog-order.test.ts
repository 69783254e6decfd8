// The pull cursor follows commit order: with many concurrent writers, a reader pulling meanwhile never skips a change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PullResponse } from "../../src/domain/sync-messages";
import { writeConsultation } from "../../src/server/consultations/consultation-store";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";
import { seeded } from "../support/seeded";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("changelog order", () => {
  it("never lets a reader skip a change committed by a slower concurrent writer", async () => {
    const random = seeded(42);
    const writers = 40;
    const written: string[] = [];
    const seen = new Set<string>();
    let cursor = "0";
    let done = false;

    const reader = (async () => {
      for (;;) {
        const finished = done;
        const response = await fetch(`${server.url}/api/v1/sync/pull?cursor=${cursor}`);
        const page = (await response.json()) as PullResponse;
        for (const change of page.changes) if (change.kind === "consultation") seen.add(change.data.id);
        cursor = page.nextCursor;
        if (finished && !page.hasMore) return;
        if (!page.hasMore) await sleep(2);
      }
    })();

    const base = demoConsultation("2026-11-05T00:00:00.000Z");
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const id = `0193a5b0-7c00-7000-8000-${String(200_000 + i).padStart(12, "0")}`;
        await sleep(random() * 20);
        // Each writer holds its transaction open for a while after writing its change.
        const hold = random() * 30;
        await server.storage.db.transaction().execute(async (trx) => {
          await writeConsultation(trx, { ...base, id });
          await sleep(hold);
        });
        written.push(id);
      }),
    );
    done = true;
    await reader;

    expect(written).toHaveLength(writers);
    const missed = written.filter((id) => !seen.has(id));
    expect(missed).toEqual([]);
  });
});
