// The database-backed fixed-window limiter allows `limit` hits per key per window, says when to retry, and
// prunes ended windows without touching live ones; on SQLite and on PostgreSQL alike.
import { sql } from "kysely";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter, pruneRateLimits, storedKey } from "../../src/server/http/rate-limit";
import { startTestServer, TEST_BACKEND, type TestServer } from "../support/test-server";

const WINDOW = 60_000;
const T0 = Date.parse("2026-11-20T15:00:00.000Z");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

/** A limiter of its own scope, on a clock the test moves by hand. */
function limiterAt(start: number, limit = 3, windowMs = WINDOW) {
  let time = start;
  const scope = `t${uuidv7().replaceAll("-", "")}`;
  const limiter = createRateLimiter({ db: server.storage.db, scope, limit, windowMs }, () => new Date(time));
  return {
    scope,
    take: (key: string) => limiter.take(key),
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** The live rows of one scope, by their stored key. */
async function rowsOf(scope: string) {
  return server.storage.db
    .selectFrom("rate_limits")
    .select(["key", "count"])
    .where("key", "like", `${scope}:%`)
    .execute();
}

describe("createRateLimiter", () => {
  it("counts without waiting for the disk, and leaves every other write fully durable", async () => {
    const db = server.storage.db;
    const limiter = limiterAt(T0);
    if (TEST_BACKEND === "sqlite") {
      // FULL (2) before and after: the limiter's NORMAL lasts only its own statement on the connection.
      const level = async () =>
        Number(Object.values((await sql`pragma synchronous`.execute(db)).rows[0] as object)[0]);
      expect(await level()).toBe(2);
      await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.take(`10.0.0.${i}`)));
      expect(await level()).toBe(2);
    } else {
      await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.take(`10.0.0.${i}`)));
      const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db);
      expect(rows[0]?.synchronous_commit).toBe("on");
    }
    expect(await rowsOf(limiter.scope)).toHaveLength(10);
  });

  it("allows `limit` hits in a window and refuses the next, with the rest of the window to wait", async () => {
    const clock = limiterAt(T0);
    expect(await clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(10_000);
    expect(await clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(10_000);
    expect(await clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(5_000);
    // The window began with the first hit, 25 s ago.
    expect(await clock.take("10.0.0.1")).toEqual({ ok: false, retryAfterMs: 35_000 });
    clock.advance(34_999);
    expect(await clock.take("10.0.0.1")).toEqual({ ok: false, retryAfterMs: 1 });
  });

  it("refuses at once with the whole window when all hits come together", async () => {
    const clock = limiterAt(T0, 5);
    for (let i = 0; i < 5; i++) expect((await clock.take("k")).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(await clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW });
  });

  it("counts each key on its own, and each scope on its own", async () => {
    const clock = limiterAt(T0, 2);
    expect((await clock.take("a")).ok).toBe(true);
    expect((await clock.take("a")).ok).toBe(true);
    expect((await clock.take("a")).ok).toBe(false);
    expect((await clock.take("b")).ok).toBe(true);
    expect((await clock.take("b")).ok).toBe(true);
    expect((await clock.take("b")).ok).toBe(false);
    expect((await clock.take("c")).ok).toBe(true);
    expect((await clock.take("a")).ok).toBe(false);
    const other = limiterAt(T0, 2);
    expect((await other.take("a")).ok).toBe(true);
  });

  it("starts a new window once windowMs has passed since the window began", async () => {
    const clock = limiterAt(T0, 2);
    await clock.take("k");
    await clock.take("k");
    clock.advance(WINDOW - 1);
    expect(await clock.take("k")).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(await clock.take("k")).toEqual({ ok: true });
    expect(await clock.take("k")).toEqual({ ok: true });
    // The new window began now, so the full window is left.
    expect(await clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW });
  });

  it("does not let refused hits extend the wait", async () => {
    const clock = limiterAt(T0, 1);
    expect((await clock.take("k")).ok).toBe(true);
    for (let i = 0; i < 59; i++) {
      clock.advance(1_000);
      expect(await clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW - (i + 1) * 1_000 });
    }
    clock.advance(1_000);
    expect((await clock.take("k")).ok).toBe(true);
  });

  it("stores a truncated hash of the key, never the address or email itself", async () => {
    const clock = limiterAt(T0, 2);
    await clock.take("198.51.100.7");
    await clock.take("carmen@segeplan.gob.gt");
    const keys = (await rowsOf(clock.scope)).map((row) => row.key).sort();
    expect(keys).toEqual(
      [storedKey(clock.scope, "198.51.100.7"), storedKey(clock.scope, "carmen@segeplan.gob.gt")].sort(),
    );
    for (const key of keys) expect(key).toMatch(new RegExp(`^${clock.scope}:[0-9a-f]{32}$`));
  });

  it("prunes ended windows as it goes and keeps refusing live ones", async () => {
    const clock = limiterAt(T0, 2);
    await clock.take("early");
    await clock.take("early");
    for (let i = 0; i < 50; i++) expect((await clock.take(`flood-${i}`)).ok).toBe(true);
    clock.advance(WINDOW / 2);
    await clock.take("late");
    await clock.take("late");
    expect(await clock.take("early")).toEqual({ ok: false, retryAfterMs: WINDOW / 2 });
    expect(await rowsOf(clock.scope)).toHaveLength(52);

    // Past the first window: a prune is due. Windows begun half a window ago must survive it.
    clock.advance(WINDOW / 2 + 1);
    expect(await clock.take("late")).toEqual({ ok: false, retryAfterMs: WINDOW / 2 - 1 });
    expect((await rowsOf(clock.scope)).map((row) => row.count)).toEqual([3]);
    expect(await clock.take("early")).toEqual({ ok: true });
    expect(await clock.take("early")).toEqual({ ok: true });
    expect(await clock.take("early")).toEqual({ ok: false, retryAfterMs: WINDOW });
  });

  it("prunes in bounded batches and never a window that has not ended", async () => {
    const clock = limiterAt(T0, 1);
    for (let i = 0; i < 30; i++) await clock.take(`old-${i}`);
    clock.advance(WINDOW);
    const db = server.storage.db;
    const at = T0 + WINDOW;
    // Other tests' scopes may hold ended windows too: prune until nothing ended is left, 10 at most each time.
    let deleted = await pruneRateLimits(db, at, 10);
    expect(deleted).toBe(10);
    while (deleted > 0) {
      deleted = await pruneRateLimits(db, at, 10);
      expect(deleted).toBeLessThanOrEqual(10);
    }
    expect(await rowsOf(clock.scope)).toEqual([]);
    const live = limiterAt(at, 1);
    await live.take("k");
    // A millisecond before its window ends, however many prunes run, the live window stays.
    while ((await pruneRateLimits(db, at + WINDOW - 1)) > 0);
    expect(await rowsOf(live.scope)).toEqual([{ key: storedKey(live.scope, "k"), count: 1 }]);
  });
});
