// Two server instances on one database (one SQLite file, or one PostgreSQL schema) enforce one rate limit
// between them: a client alternating between them gets the limit once, not once per instance (issue #15).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemTypeUri } from "../../src/domain/problem";
import { startTestServer, type TestServer } from "../support/test-server";

const WINDOW = 60_000;
let clock = Date.parse("2026-11-20T15:00:00.000Z");
const now = () => new Date(clock);
const servers: TestServer[] = [];

beforeAll(async () => {
  const options = {
    now,
    // Behind one proxy, so each test poses as a client of its own through X-Forwarded-For.
    trustProxyHops: 1,
    requests: { statusLimit: { limit: 5, windowMs: WINDOW } },
    auth: { loginLimit: { limit: 3, windowMs: WINDOW } },
    enrolLimit: { limit: 4, windowMs: WINDOW },
  };
  const first = await startTestServer(options);
  servers.push(first);
  servers.push(await startTestServer({ ...options, shareDatabaseOf: first }));
});
afterAll(async () => {
  // The second first: it leaves the shared data to the first, which deletes it.
  for (const server of [...servers].reverse()) await server.dispose();
});

/** POSTs JSON to instance `turn % 2` as the client at `address`. */
function post(turn: number, path: string, address: string, body: unknown): Promise<Response> {
  return fetch(`${servers[turn % 2]!.url}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
}
const statusQuery = (turn: number, address: string) =>
  post(turn, "/requests/status", address, {
    folio: `MINFIN-2026-${String(turn).padStart(6, "0")}`,
    trackingCode: "AAAA-AAAA-AAAA-AAAA",
  });

describe("rate limits shared by two instances on one database", () => {
  it("refuses status queries alternating between the instances after 5 in total, not 10", async () => {
    const answers: Response[] = [];
    for (let turn = 0; turn < 10; turn++) answers.push(await statusQuery(turn, "203.0.113.1"));
    expect(answers.map((answer) => answer.status)).toEqual([
      404, 404, 404, 404, 404, 429, 429, 429, 429, 429,
    ]);
    // Both instances refuse alike: a problem, and the same time left in the one window.
    for (const refused of answers.slice(5, 7)) {
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect((await refused.json()).type).toBe(problemTypeUri("rate-limited"));
      expect(refused.headers.get("retry-after")).toBe("60");
    }
    // Another client is not held back by the first.
    expect((await statusQuery(0, "203.0.113.2")).status).toBe(404);
    expect((await statusQuery(1, "203.0.113.2")).status).toBe(404);
  });

  it("counts every one of many hits arriving at once through both instances", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, turn) =>
        statusQuery(turn, "203.0.113.3").then((answer) => answer.status),
      ),
    );
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });

  it("limits sign-in attempts and enrolments across both instances too", async () => {
    const logins: number[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const answer = await post(turn, "/auth/login", "203.0.113.4", {
        email: `nadie${turn}@segeplan.gob.gt`,
        password: "adivinanza",
      });
      logins.push(answer.status);
    }
    expect(logins).toEqual([401, 401, 401, 429, 429, 429]);

    const enrolments: number[] = [];
    for (let turn = 0; turn < 6; turn++)
      enrolments.push((await post(turn, "/devices/enrol", "203.0.113.4", {})).status);
    expect(enrolments.slice(4)).toEqual([429, 429]);
    expect(enrolments.slice(0, 4)).not.toContain(429);
  });

  it("opens again on both instances once the window has ended, and not a moment before", async () => {
    const address = "203.0.113.5";
    for (let turn = 0; turn < 5; turn++) expect((await statusQuery(turn, address)).status).toBe(404);
    clock += WINDOW - 1_000;
    const late = await statusQuery(0, address);
    expect(late.status).toBe(429);
    expect(late.headers.get("retry-after")).toBe("1");
    expect((await statusQuery(1, address)).status).toBe(429);
    clock += 1_000;
    const answers: number[] = [];
    for (let turn = 1; turn < 8; turn++) answers.push((await statusQuery(turn, address)).status);
    expect(answers).toEqual([404, 404, 404, 404, 404, 429, 429]);
  });

  it("stores who was counted only as a hash, and prunes windows that have ended", async () => {
    const db = servers[0]!.storage.db;
    const rows = await db.selectFrom("rate_limits").select(["key", "resets_at", "count"]).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key).toMatch(/^(status|login|enrol|filing):[0-9a-f]{32}$/);
      expect(row.key).not.toContain("203.0.113");
    }
    // Long after every window: the next hit on either instance clears the ended ones.
    clock += 10 * WINDOW;
    expect((await statusQuery(1, "203.0.113.6")).status).toBe(404);
    expect((await statusQuery(0, "203.0.113.6")).status).toBe(404);
    const left = await db.selectFrom("rate_limits").select(["count"]).execute();
    expect(left).toEqual([{ count: 2 }]);
  });
});
