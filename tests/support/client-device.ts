// A simulated phone for client tests: its own Dexie database (fake-indexeddb) and settings, and a sync engine.
import { clear } from "idb-keyval";
import { uuidv7 } from "uuidv7";
import { TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import * as settings from "../../src/client/storage/settings";
import { createSyncEngine, type SyncEngineOptions } from "../../src/client/sync/sync-engine";
import type { Input } from "../../src/domain/input";
import { makeInput } from "./factories";

export interface TestDevice {
  db: TejidoDatabase;
  deviceId: string;
  engine: ReturnType<typeof createSyncEngine>;
  capture(count: number, overrides?: Partial<Input>): Promise<Input[]>;
  close(): void;
}

export async function makeDevice(
  baseUrl: string,
  options: Partial<Omit<SyncEngineOptions, "db" | "settings" | "baseUrl">> = {},
): Promise<TestDevice> {
  await clear();
  const db = new TejidoDatabase(`tejido-test-${uuidv7()}`);
  await db.open();
  const deviceId = await settings.getDeviceId();
  const engine = createSyncEngine({ db, settings, baseUrl, requestTimeoutMs: 5_000, ...options });
  return {
    db,
    deviceId,
    engine,
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
