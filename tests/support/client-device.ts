// A simulated phone for client tests: its own Dexie database (fake-indexeddb) and settings, and a sync engine.
import { uuidv7 } from "uuidv7";
import { type OutboxEntry, TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import { createSettings, createSettingsStore, type DeviceSettings } from "../../src/client/storage/settings";
import { createSyncEngine, type SyncEngineOptions } from "../../src/client/sync/sync-engine";
import { APP_TRANSPORTS } from "../../src/client/sync/transports";
import type { Input } from "../../src/domain/input";
import type { Mutation } from "../../src/domain/sync-messages";
import { type CodeSource, enrol } from "./devices";
import { makeInput } from "./factories";

export interface TestDevice {
  db: TejidoDatabase;
  settings: DeviceSettings;
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
  const settings = createSettings(createSettingsStore(`${name}-settings`));
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
 * Wraps fetch to note each mutationId the server acknowledged (applied or duplicate) in an answer that
 * actually reached the phone: the only ones allowed to leave its outbox.
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
    return response;
  };
}

/** The mutation of an outbox entry that must be one (a test that meets another kind fails here). */
export function mutationOf(entry: OutboxEntry): Mutation {
  if (entry.kind !== "mutation")
    throw new Error(`outbox entry ${entry.seq} is a ${entry.kind}, not a mutation`);
  return entry.mutation;
}
