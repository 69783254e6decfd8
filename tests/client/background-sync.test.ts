// What the service worker does on a Background Sync event, against the real server: it only watches while the
// app is open, sends once the app is closed, and holds to the shared backoff. (The app's own database and
// settings, as the worker opens them, in fake-indexeddb.)
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import { settings } from "../../src/client/storage/settings";
import { onBackgroundSync } from "../../src/client/sync/background-exchange";
import { codesFor, enrol } from "../support/devices";
import { makeInput } from "../support/factories";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const requests: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer();
  // The worker talks to its own origin; here, that is the test server.
  globalThis.fetch = (input, init) => {
    const url = new URL(String(input), server.url);
    requests.push(url.pathname);
    return realFetch(url, init);
  };
  await settings.setIdentity(await enrol(server.url, codesFor(server), await settings.getDeviceId()));
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.dispose();
});
beforeEach(async () => {
  requests.length = 0;
  await settings.setBackoff(undefined);
});

/** A clock the event's waits move, instead of real time. */
function virtualTime() {
  let now = Date.now();
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

async function capture(count: number): Promise<string[]> {
  const deviceId = await settings.getDeviceId();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = makeInput({ deviceId });
    await saveInputWithMutation(database(), input, uuidv7());
    ids.push(input.id);
  }
  return ids;
}

const onServer = async (ids: string[]) =>
  (await server.storage.db.selectFrom("inputs").select("id").where("id", "in", ids).execute()).length;

describe("Background Sync in the service worker", () => {
  it("only watches while the app is open, then sends once the app is closed", async () => {
    const ids = await capture(2);
    let looks = 0;
    await onBackgroundSync({ appOpen: async () => ++looks <= 5, ...virtualTime() });
    expect(looks).toBe(6);
    expect(await onServer(ids)).toBe(2);
    expect(requests).toEqual(["/api/v1/sync/push"]);
    expect(await database().outbox.count()).toBe(0);
  });

  it("leaves an app that stays open to its own scheduler, and lets the browser try again later", async () => {
    const ids = await capture(1);
    await expect(onBackgroundSync({ appOpen: async () => true, ...virtualTime() })).rejects.toThrow(
      /is open/,
    );
    expect(requests).toEqual([]);
    expect(await onServer(ids)).toBe(0);
    await onBackgroundSync({ appOpen: async () => false, ...virtualTime() });
    expect(await onServer(ids)).toBe(1);
  });

  it("holds to the backoff the app left, and makes no request before it ends", async () => {
    const ids = await capture(1);
    await settings.setBackoff({ failures: 3, nextAttemptAt: Date.now() + 60_000 });
    await expect(onBackgroundSync({ appOpen: async () => false })).rejects.toThrow(/backing off/);
    expect(requests).toEqual([]);
    await settings.setBackoff({ failures: 3, nextAttemptAt: Date.now() - 1 });
    await onBackgroundSync({ appOpen: async () => false });
    expect(await onServer(ids)).toBe(1);
    expect(await settings.getBackoff()).toBeUndefined();
  });

  it("does nothing at all when nothing waits", async () => {
    await onBackgroundSync({ appOpen: async () => false });
    expect(requests).toEqual([]);
  });
});
