// A simulated phone for client tests: its own Dexie database (fake-indexeddb) and settings, and a sync engine.
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import { type OutboxEntry, TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation, saveWorkshopWithMutation } from "../../src/client/db/outbox";
import { saveRequest } from "../../src/client/requests/request-store";
import { createSettings, createSettingsStore, type DeviceSettings } from "../../src/client/storage/settings";
import { createSyncEngine, type SyncEngineOptions } from "../../src/client/sync/sync-engine";
import { APP_TRANSPORTS } from "../../src/client/sync/transports";
import type { Input } from "../../src/domain/input";
import type { Mutation } from "../../src/domain/sync-messages";
import type { Database } from "../../src/server/storage/schema";
import { type CodeSource, enrol } from "./devices";
import { makeInput, makeWorkshop } from "./factories";
import { makeRequest } from "./requests";

export interface TestDevice {
  db: TejidoDatabase;
  settings: DeviceSettings;
  /** The idb-keyval store its settings live in (a test may reach under them, as an older app left them). */
  settingsStoreName: string;
  deviceId: string;
  engine: ReturnType<typeof createSyncEngine>;
  /** The push transport's current batch size (it adapts to the link). */
  pushBatchSize(): number;
  capture(count: number, overrides?: Partial<Input>): Promise<Input[]>;
  close(): void;
}

export interface DeviceOptions
  extends Partial<Omit<SyncEngineOptions, "db" | "settings" | "baseUrl" | "transports">> {
  /** The app's transports (every kind) unless given. */
  transports?: SyncEngineOptions["transports"];
  /** Enrols the phone with a code from here before it syncs; without it, the phone is not enrolled. */
  codes?: CodeSource;
  /** Where to enrol when the sync goes elsewhere (through a fault proxy, say). */
  enrolAt?: string;
}

export async function makeDevice(baseUrl: string, options: DeviceOptions = {}): Promise<TestDevice> {
  const { codes, enrolAt, ...engineOptions } = options;
  // Each simulated phone has its own database and settings, so several can sync at once.
  const name = `tejido-test-${uuidv7()}`;
  const db = new TejidoDatabase(name);
  const settingsStoreName = `${name}-settings`;
  const settings = createSettings(createSettingsStore(settingsStoreName));
  await db.open();
  const deviceId = await settings.getDeviceId();
  if (codes) await settings.setIdentity(await enrol(enrolAt ?? baseUrl, codes, deviceId));
  const engine = createSyncEngine({
    db,
    settings,
    baseUrl,
    requestTimeoutMs: 5_000,
    transports: APP_TRANSPORTS,
    ...engineOptions,
  });
  return {
    db,
    settings,
    settingsStoreName,
    deviceId,
    engine,
    pushBatchSize() {
      const push = engine.transports.find((transport) => transport.kind === "mutation");
      return (push as unknown as { currentBatchSize(): number }).currentBatchSize();
    },
    async capture(count, overrides = {}) {
      const inputs: Input[] = [];
      for (let i = 0; i < count; i++) {
        const input = makeInput({ deviceId, ...overrides });
        await saveInputWithMutation(db, input, uuidv7());
        inputs.push(input);
      }
      return inputs;
    },
    close: () => db.close(),
  };
}

/**
 * Wraps fetch to note each outbox entry the server acknowledged in an answer that actually reached the phone
 * (a mutation applied or duplicate, by mutationId; a request filed, as "request:<id>"): the only ones allowed
 * to leave its outbox.
 */
export function recordingAcknowledgements(
  acknowledged: Set<string>,
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (url, init) => {
    const response = await inner(url, init);
    if (String(url).includes("/push") && response.ok) {
      const body = (await response.clone().json()) as { results: { mutationId: string; status: string }[] };
      for (const result of body.results)
        if (result.status !== "rejected") acknowledged.add(result.mutationId);
    }
    // A request is acknowledged by the folio the server answers it with.
    if (String(url).endsWith("/api/v1/requests") && response.ok) {
      const body = (await response.clone().json()) as { id: string };
      acknowledged.add(`request:${body.id}`);
    }
    return response;
  };
}

/** The mutation of an outbox entry that must be one (a test that meets another kind fails here). */
export function mutationOf(entry: OutboxEntry): Mutation {
  if (entry.kind !== "mutation")
    throw new Error(`outbox entry ${entry.seq} is a ${entry.kind}, not a mutation`);
  return entry.mutation;
}

/** What a phone captured of each kind that travels through the one outbox. */
export interface CapturedMix {
  inputs: string[];
  /** Each workshop's id and its latest save's updatedAt (the server must keep that one). */
  workshops: { id: string; updatedAt: string }[];
  requests: string[];
}

/**
 * Fills a phone's outbox with every kind of record, interleaved as a day in the field does it: inputs, workshops
 * (opened, then completed: two saves each) and information requests taken on behalf of citizens.
 */
export async function captureMix(
  device: TestDevice,
  counts: { inputs: number; workshops: number; requests: number },
): Promise<CapturedMix> {
  const mix: CapturedMix = { inputs: [], workshops: [], requests: [] };
  const rounds = Math.max(counts.inputs, counts.workshops, counts.requests);
  for (let i = 0; i < rounds; i++) {
    if (i < counts.workshops) {
      const opened = makeWorkshop({ deviceId: device.deviceId, attendance: {} });
      await saveWorkshopWithMutation(device.db, opened, uuidv7());
      const completed = { ...opened, updatedAt: `2026-11-20T18:${String(10 + i).padStart(2, "0")}:00.000Z` };
      await saveWorkshopWithMutation(device.db, completed, uuidv7());
      mix.workshops.push({ id: opened.id, updatedAt: completed.updatedAt });
    }
    if (i < counts.inputs) mix.inputs.push(...(await device.capture(1)).map((input) => input.id));
    if (i < counts.requests) {
      const request = makeRequest({ deviceId: device.deviceId, channel: "oral" });
      await saveRequest(device.db, request, "Ministerio de Finanzas Públicas");
      mix.requests.push(request.id);
    }
  }
  return mix;
}

/** How an outbox entry is named in acknowledgements: its mutationId, or its kind and record. */
export function outboxKey(entry: OutboxEntry): string {
  if (entry.kind === "mutation") return entry.mutation.mutationId;
  return `${entry.kind}:${entry.kind === "reply" ? entry.reply.id : entry.recordId}`;
}

/** The keys of every entry in a phone's outbox. */
export async function outboxKeys(db: TejidoDatabase): Promise<Set<string>> {
  return new Set((await db.outbox.toArray()).map(outboxKey));
}

/** Where a phone's records stand on the server: lost, doubled, and what the phone believes. */
export async function tallyOnServer(
  db: Kysely<Database>,
  device: TestDevice,
  mix: CapturedMix,
): Promise<{ lost: number; duplicated: number }> {
  const inputs = (
    await db.selectFrom("inputs").select("id").where("device_id", "=", device.deviceId).execute()
  ).map((row) => row.id);
  const workshops = await db
    .selectFrom("workshops")
    .select(["id", "updated_at"])
    .where("device_id", "=", device.deviceId)
    .execute();
  const requests = await db
    .selectFrom("info_requests")
    .select(["id", "folio"])
    .where("device_id", "=", device.deviceId)
    .execute();
  const applied = await db
    .selectFrom("mutations")
    .select("mutation_id")
    .where("device_id", "=", device.deviceId)
    .where("status", "=", "applied")
    .execute();
  const count = (ids: string[], wanted: string[]) => ({
    lost: wanted.filter((id) => !ids.includes(id)).length,
    duplicated: ids.length - new Set(ids).size + ids.filter((id) => !wanted.includes(id)).length,
  });
  const parts = [
    count(inputs, mix.inputs),
    count(
      workshops
        .filter((row) => mix.workshops.some((w) => w.id === row.id && w.updatedAt === row.updated_at))
        .map((row) => row.id),
      mix.workshops.map((w) => w.id),
    ),
    count(
      requests.map((row) => row.id),
      mix.requests,
    ),
    // One applied mutation per input and per workshop save: a second would mean something was applied twice.
    { lost: 0, duplicated: Math.max(0, applied.length - mix.inputs.length - 2 * mix.workshops.length) },
  ];
  // The phone shows each request with the very folio the server gave it.
  for (const row of requests) {
    const stored = await device.db.requests.get(row.id);
    if (stored?.state !== "sent" || stored.folio !== row.folio) parts.push({ lost: 1, duplicated: 0 });
  }
  return parts.reduce(
    (sum, part) => ({ lost: sum.lost + part.lost, duplicated: sum.duplicated + part.duplicated }),
    {
      lost: 0,
      duplicated: 0,
    },
  );
}
