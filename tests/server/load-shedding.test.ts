// Under overload the server turns exchanges away at once with 503 + Retry-After, and health stays fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemTypeUri } from "../../src/domain/problem";
import { makeRequest } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ load: { maxInFlight: 2, retryAfterSeconds: 7 } });
});
afterAll(() => server.dispose());

/** A filing whose body arrives only when the test says: the server holds it in flight until then. */
function heldFiling(signal?: AbortSignal) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const text = JSON.stringify(makeRequest());
  controller.enqueue(encoder.encode(text.slice(0, 20)));
  const response = fetch(`${server.url}/api/v1/requests`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
    signal,
  } as RequestInit);
  return {
    response,
    release() {
      controller.enqueue(encoder.encode(text.slice(20)));
      controller.close();
    },
  };
}

/** Waits until the server holds both filings in flight (its shedder says so), polling a state, not a time. */
async function untilHeld(count: number): Promise<void> {
  while (server.shedder.inFlight() < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Waits until the server holds at most `count` in flight. */
async function untilAtMost(count: number): Promise<void> {
  while (server.shedder.inFlight() > count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("load shedding", () => {
  it("turns exchanges away with 503 and Retry-After while full, keeps health fast, and takes them again after", async () => {
    const first = heldFiling();
    await untilHeld(1);
    const second = heldFiling();
    await untilHeld(2);
    const refused = await fetch(`${server.url}/api/v1/sync/pull?cursor=0`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await refused.json()).type).toBe(problemTypeUri("overloaded"));
    const push = await fetch(`${server.url}/api/v1/sync/push`, { method: "POST", body: "{}" });
    expect(push.status).toBe(503);

    // Cheap requests are not exchanges: they answer while the exchanges are full.
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe("ok");

    first.release();
    second.release();
    expect((await first.response).status).toBe(201);
    expect((await second.response).status).toBe(201);
    expect((await fetch(`${server.url}/api/v1/sync/pull?cursor=0`)).status).toBe(200);
    const filed = await server.storage.db.selectFrom("info_requests").select("id").execute();
    expect(filed).toHaveLength(2);
  });
  it("frees the place of an exchange whose phone went away mid-body", async () => {
    const gone = new AbortController();
    const cut = heldFiling(gone.signal);
    await untilHeld(1);
    const other = heldFiling();
    await untilHeld(2);
    gone.abort();
    await expect(cut.response).rejects.toThrow();
    // The cut filing's place is given back (or the test times out here): a third one is taken, not shed.
    await untilAtMost(1);
    const third = await fetch(`${server.url}/api/v1/requests`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(makeRequest()),
    });
    expect(third.status).toBe(201);
    other.release();
    expect((await other.response).status).toBe(201);
    await untilAtMost(0);
  });
});
