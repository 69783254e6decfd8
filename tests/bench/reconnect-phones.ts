// One process of simulated phones for the reconnect storm: each the real client (Dexie over fake-indexeddb,
// the outbox, the sync engine and its scheduler, on the real clock), driven by the parent over IPC.
import "fake-indexeddb/auto";
import { uuidv7 } from "uuidv7";
import { TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import { type DeviceIdentity, newKeyPair, signText } from "../../src/client/enrol/device-identity";
import { createSettings, createSettingsStore, type DeviceSettings } from "../../src/client/storage/settings";
import { createSyncScheduler, type SyncScheduler } from "../../src/client/sync/scheduler";
import { createSyncEngine } from "../../src/client/sync/sync-engine";
import type { SyncStatus } from "../../src/client/sync/sync-status";
import { APP_TRANSPORTS } from "../../src/client/sync/transports";
import { createStore } from "../../src/client/ui/store";
import { canonicalJson } from "../../src/domain/canonical-json";
import { realisticInputs } from "./sync-bench";

export type ToPhones =
  | { type: "setup"; url: string; count: number; inputsEach: number; seed: number }
  | {
      type: "identities";
      identities: { deviceId: string; token: string; enrolledAt: string }[];
      cursor: string;
    }
  | { type: "go"; startAt: number; windowMs: number };

export type FromPhones =
  | { type: "keys"; keys: { deviceId: string; publicKey: JsonWebKey }[] }
  | { type: "ready" }
  | {
      type: "done";
      finishedAt: number[];
      left: number;
      requests: number;
      overloaded: number;
      failed: number;
    };

interface Phone {
  deviceId: string;
  db: TejidoDatabase;
  settings: DeviceSettings;
  keys: CryptoKeyPair;
  scheduler?: SyncScheduler;
}

const phones: Phone[] = [];
let url = "";
const counts = { requests: 0, overloaded: 0, failed: 0 };

const send = (message: FromPhones) => process.send?.(message);

/** The phone's fetch, counted: every request, and those the server turned away. */
const countedFetch: typeof fetch = async (input, init) => {
  counts.requests += 1;
  try {
    const response = await fetch(input, init);
    if (response.status === 503) counts.overloaded += 1;
    return response;
  } catch (error) {
    counts.failed += 1;
    throw error;
  }
};

async function setup(message: Extract<ToPhones, { type: "setup" }>) {
  url = message.url;
  for (let n = 0; n < message.count; n++) {
    const name = `storm-${uuidv7()}`;
    const db = new TejidoDatabase(name);
    await db.open();
    const settings = createSettings(createSettingsStore(`${name}-settings`));
    const deviceId = await settings.getDeviceId();
    for (const input of realisticInputs(message.inputsEach, deviceId, message.seed * 10_000 + n))
      await saveInputWithMutation(db, input, uuidv7());
    phones.push({ deviceId, db, settings, keys: await newKeyPair() });
  }
  const keys = await Promise.all(
    phones.map(async (phone) => ({
      deviceId: phone.deviceId,
      publicKey: await crypto.subtle.exportKey("jwk", phone.keys.publicKey),
    })),
  );
  send({ type: "keys", keys });
}

async function identities(message: Extract<ToPhones, { type: "identities" }>) {
  const byDevice = new Map(message.identities.map((identity) => [identity.deviceId, identity]));
  for (const phone of phones) {
    const known = byDevice.get(phone.deviceId)!;
    const identity: DeviceIdentity = { ...known, privateKey: phone.keys.privateKey, label: null };
    await phone.settings.setIdentity(identity);
    // These phones pulled before they went out of signal: they are behind only by what they captured.
    await phone.settings.setCursor(message.cursor);
    // Signed on the phone, as the engine does before the first send: the phones' CPU is not the server's.
    const entries = await phone.db.outbox.toArray();
    for (const entry of entries) {
      if (entry.kind === "mutation")
        entry.mutation.signature = await signText(
          phone.keys.privateKey,
          canonicalJson(entry.mutation.payload),
        );
    }
    await phone.db.outbox.bulkPut(entries);
  }
  send({ type: "ready" });
}

function go(message: Extract<ToPhones, { type: "go" }>) {
  const finishedAt: number[] = [];
  let pending = phones.length;
  for (const phone of phones) {
    const engine = createSyncEngine({
      db: phone.db,
      settings: phone.settings,
      transports: APP_TRANSPORTS,
      baseUrl: url,
      fetch: countedFetch,
    });
    const status = createStore<SyncStatus>({ running: false, online: true });
    const scheduler = createSyncScheduler({
      engine,
      status,
      isOnline: () => true,
      isVisible: () => true,
      shared: { get: phone.settings.getBackoff, set: phone.settings.setBackoff },
    });
    phone.scheduler = scheduler;
    let done = false;
    status.subscribe((now) => {
      if (now.running || done) return;
      void phone.db.outbox.count().then((left) => {
        if (left > 0 || done) return;
        done = true;
        finishedAt.push(Date.now());
        scheduler.stop();
        pending -= 1;
        if (pending === 0) void finish(finishedAt);
      });
    });
    // Each phone finds its signal again at its own moment within the window.
    const at = message.startAt + Math.random() * message.windowMs;
    setTimeout(() => void scheduler.ask("online"), Math.max(0, at - Date.now()));
  }
}

async function finish(finishedAt: number[]) {
  let left = 0;
  for (const phone of phones) left += await phone.db.outbox.count();
  send({ type: "done", finishedAt, left, ...counts });
}

process.on("message", (message: ToPhones) => {
  if (message.type === "setup") void setup(message);
  else if (message.type === "identities") void identities(message);
  else go(message);
});
