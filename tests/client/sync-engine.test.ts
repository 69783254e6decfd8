// The phone's sync engine against the real server over loopback, with IndexedDB from fake-indexeddb.
import { gunzipSync } from "node:zlib";
import { del as idbDel } from "idb-keyval";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSettingsStore } from "../../src/client/storage/settings";
import { createSyncScheduler } from "../../src/client/sync/scheduler";
import type { SyncStatus } from "../../src/client/sync/sync-status";
import { createStore } from "../../src/client/ui/store";
import { problemTypeUri } from "../../src/domain/problem";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { makeDevice, type TestDevice } from "../support/client-device";
import { codesFor } from "../support/devices";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let device: TestDevice | undefined;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  device?.close();
  device = undefined;
  await server.dispose();
});

async function serverInputsOf(deviceId: string): Promise<string[]> {
  const rows = await server.storage.db
    .selectFrom("inputs")
    .select("id")
    .where("device_id", "=", deviceId)
    .execute();
  return rows.map((row) => row.id);
}

/** The JSON text of a request body, gzip or not. */
function decodeBody(init: RequestInit | undefined): string {
  const encoding = new Headers(init?.headers).get("content-encoding");
  const body = init?.body;
  if (typeof body === "string") return body;
  const bytes = Buffer.from(body as Uint8Array);
  return (encoding === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("sync engine", () => {
  it("pushes captured inputs, empties the outbox and marks them sent", async () => {
    device = await makeDevice(server.url, { codes: codesFor(server) });
    const inputs = await device.capture(3);
    expect(await device.db.outbox.count()).toBe(3);

    const report = await device.engine.sync();

    expect(report.pushed).toBe(3);
    expect((await serverInputsOf(device.deviceId)).sort()).toEqual(inputs.map((i) => i.id).sort());
    expect(await device.db.outbox.count()).toBe(0);
    const states = (await device.db.inputs.toArray()).map((input) => input.syncState);
    expect(states).toEqual(["sent", "sent", "sent"]);
  });

  it("pushes in bounded batches", async () => {
    const seen: number[] = [];
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      batchSize: 4,
      fetch: async (url, init) => {
        if (String(url).includes("/push")) seen.push(JSON.parse(decodeBody(init)).mutations.length);
        return fetch(url, init);
      },
    });
    await device.capture(10);
    await device.engine.sync();
    expect(seen).toEqual([4, 4, 2]);
    expect(await serverInputsOf(device.deviceId)).toHaveLength(10);
  });

  it("sends push bodies gzip-compressed, several times smaller than their JSON", async () => {
    const wire: { encoding: string | null; bytes: number; json: number }[] = [];
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      fetch: async (url, init) => {
        if (String(url).includes("/push")) {
          const encoding = new Headers(init?.headers).get("content-encoding");
          const bytes = (init!.body as Uint8Array).byteLength;
          wire.push({ encoding, bytes, json: Buffer.byteLength(decodeBody(init)) });
        }
        return fetch(url, init);
      },
    });
    await device.capture(20);
    await device.engine.sync();
    expect(wire).toHaveLength(1);
    expect(wire[0]!.encoding).toBe("gzip");
    expect(wire[0]!.bytes * 3).toBeLessThan(wire[0]!.json);
    expect(await serverInputsOf(device.deviceId)).toHaveLength(20);
  });

  it("pulls the published consultations and advances the cursor", async () => {
    device = await makeDevice(server.url, { codes: codesFor(server) });
    const first = await device.engine.sync();
    expect(first.pulled).toBeGreaterThanOrEqual(1);
    const stored = await device.db.consultations.get(DEMO_CONSULTATION_ID);
    expect(stored?.data.title.es).toBe("Estrategia Nacional de Gobierno Electrónico");
    const cursor = await device.settings.getCursor();
    expect(Number(cursor)).toBeGreaterThan(0);

    const second = await device.engine.sync();
    expect(second.pulled).toBe(0);
    expect(await device.settings.getCursor()).toBe(cursor);
  });

  it("keeps everything when the server is down, and sends it exactly once when it is back", async () => {
    device = await makeDevice(server.url, { codes: codesFor(server), requestTimeoutMs: 2_000 });
    const inputs = await device.capture(5);
    await server.stop();

    const status = createStore<SyncStatus>({ running: false, online: true });
    const scheduler = createSyncScheduler({
      engine: device.engine,
      status,
      isOnline: () => true,
      isVisible: () => true,
      backoff: { baseMs: 30, capMs: 200 },
      random: () => 0.5,
    });
    try {
      await scheduler.ask("start");
      expect(status.get().error).toBe("offline");
      expect(await device.db.outbox.count()).toBe(5);
      expect((await device.db.inputs.toArray()).every((input) => input.syncState === "pending")).toBe(true);

      await server.restart();
      // No manual trigger: the backoff timer must retry by itself.
      await waitFor(async () => (await device!.db.outbox.count()) === 0 && !status.get().running);
    } finally {
      scheduler.stop();
    }
    expect(status.get().error).toBeUndefined();
    expect(status.get().lastSuccessAt).toBeDefined();
    expect((await serverInputsOf(device.deviceId)).sort()).toEqual(inputs.map((i) => i.id).sort());
  });

  it("re-sends when the answer is lost after the server committed, and nothing is doubled", async () => {
    const acknowledged = new Set<string>();
    let dropNext = true;
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (String(url).includes("/push")) {
          if (dropNext) {
            dropNext = false;
            throw new TypeError("connection reset after the server answered");
          }
          const body = await response.clone().json();
          for (const result of body.results) acknowledged.add(result.mutationId);
        }
        return response;
      },
    });
    const inputs = await device.capture(4);
    const mutationIds = (await device.db.outbox.toArray()).map((entry) =>
      entry.kind === "mutation" ? entry.mutation.mutationId : "",
    );

    await expect(device.engine.sync()).rejects.toMatchObject({ kind: "offline" });
    expect(await serverInputsOf(device.deviceId)).toHaveLength(4);
    expect(await device.db.outbox.count()).toBe(4);

    await device.engine.sync();
    expect(await device.db.outbox.count()).toBe(0);
    expect((await serverInputsOf(device.deviceId)).sort()).toEqual(inputs.map((i) => i.id).sort());
    // Every entry that left the outbox was acknowledged by the server first.
    for (const id of mutationIds) expect(acknowledged.has(id)).toBe(true);
  });

  it("gives up on an answer whose body stalls, keeps the outbox, and succeeds on the next try", async () => {
    let stall = true;
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      requestTimeoutMs: 1_000,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (!stall || !String(url).includes("/push")) return response;
        stall = false;
        // The headers arrive, then the connection goes quiet mid-body (as on a dropping 2G link).
        const signal = init?.signal;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"results":['));
            signal?.addEventListener("abort", () => controller.error(signal.reason));
          },
        });
        return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    await device.capture(2);
    await expect(device.engine.sync()).rejects.toMatchObject({ kind: "timeout" });
    expect(await device.db.outbox.count()).toBe(2);
    expect(device.pushBatchSize()).toBe(1);

    await device.engine.sync();
    expect(await device.db.outbox.count()).toBe(0);
    expect(await serverInputsOf(device.deviceId)).toHaveLength(2);
  });

  it("halves the batch after a timeout and grows it back gradually after answered pushes", async () => {
    const sizes: number[] = [];
    let stall = true;
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      batchSize: 8,
      requestTimeoutMs: 300,
      fetch: async (url, init) => {
        if (!String(url).includes("/push")) return fetch(url, init);
        sizes.push(JSON.parse(decodeBody(init)).mutations.length);
        if (stall) {
          stall = false;
          // Nothing comes back until the deadline gives up.
          return new Promise<Response>((_, reject) =>
            init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
          );
        }
        return fetch(url, init);
      },
    });
    await device.capture(30);
    await expect(device.engine.sync()).rejects.toMatchObject({ kind: "timeout" });
    await device.engine.sync();
    // 4 after the timeout; three answered pushes later, 6; three more, 8 (the configured maximum).
    expect(sizes).toEqual([8, 4, 4, 4, 6, 6, 6]);
    expect(await serverInputsOf(device.deviceId)).toHaveLength(30);
  });

  it("marks a rejected input as needing attention, keeps it, and still sends the rest", async () => {
    device = await makeDevice(server.url, { codes: codesFor(server) });
    await device.capture(1);
    const [bad] = await device.capture(1, { consultationVersion: 99 });
    await device.capture(1);

    const report = await device.engine.sync();

    expect(report).toMatchObject({ pushed: 2, rejected: 1 });
    const entries = await device.db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: "rejected", mutation: { recordId: bad!.id } });
    expect(entries[0]!.problem?.type).toBe(problemTypeUri("unknown-consultation"));
    const stored = await device.db.inputs.get(bad!.id);
    expect(stored?.syncState).toBe("rejected");
    // A rejected entry is not retried forever: the next sync leaves it for a person.
    const again = await device.engine.sync();
    expect(again.pushed + again.rejected).toBe(0);
  });

  it("halves the batch when the server says it is too large, and still sends everything", async () => {
    await server.dispose();
    server = await startTestServer({ maxBodyBytes: 6_000 });
    device = await makeDevice(server.url, {
      codes: codesFor(server),
      batchSize: 20,
      maxBatchBytes: 1_000_000,
    });
    const inputs = await device.capture(12, { freeText: "palabra ".repeat(60) });
    await device.engine.sync();
    expect(device.pushBatchSize()).toBeLessThan(20);
    expect((await serverInputsOf(device.deviceId)).sort()).toEqual(inputs.map((i) => i.id).sort());
    expect(await device.db.outbox.count()).toBe(0);
  });

  it("pulls everything again once after the app is updated: a cursor an older version reached is not trusted", async () => {
    device = await makeDevice(server.url);
    await device.engine.sync();
    const head = await device.settings.getCursor();
    expect(Number(head)).toBeGreaterThan(0);
    await device.db.institutions.clear();
    // As the previous version left it: a cursor past changes it could not read, with no protocol beside it.
    await idbDel("pullCursorProtocol", createSettingsStore(device.settingsStoreName));
    expect(await device.settings.getCursor()).toBe("0");
    const report = await device.engine.sync();
    expect(await device.db.institutions.count()).toBeGreaterThanOrEqual(370);
    expect(report.pulled).toBeGreaterThan(370);
    expect(await device.settings.getCursor()).toBe(head);
  });
});
