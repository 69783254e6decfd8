// Small device settings kept in idb-keyval: device id and enrolled identity, pull cursor, last sync, language,
// the reader key of the phone's requests, and the sync's shared state (backoff, a block on pushing).
import { createStore, del, get, getMany, set, setMany, type UseStore, update } from "idb-keyval";
import { uuidv7 } from "uuidv7";
import type { UiLanguage } from "../../domain/language-codes";
import { PROTOCOL_VERSION } from "../../domain/protocol";
import type { DeviceIdentity } from "../enrol/device-identity";
import { UI_LANGUAGES_EVENT } from "../i18n/ui-languages-event";
import type { BackoffState } from "../sync/backoff";
import type { BlockReason } from "../sync/sync-errors";

/** Why this phone stopped pushing, for the identity (token) and app protocol it happened with. */
export interface PushBlock {
  reason: Exclude<BlockReason, "unenrolled">;
  token: string;
  protocol: number;
}

const KEYS = {
  deviceId: "deviceId",
  cursor: "pullCursor",
  cursorProtocol: "pullCursorProtocol",
  lastSyncAt: "lastSyncAt",
  language: "language",
  identity: "deviceIdentity",
  pendingKeys: "pendingEnrolmentKeys",
  readerKey: "readerKey",
  backoff: "syncBackoff",
  pushBlock: "pushBlock",
  translation: "uiTranslation:",
} as const;

/** 32 random bytes in base64url: the secret that lets this phone (and no one else) pull its requests' statuses. */
function newReaderKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The settings of one device, in the given idb-keyval store (the default store for the app). */
export function createSettings(store?: UseStore) {
  /**
   * A value made once and never changed. Read first: saving an input must not cost (or, on a full disk, fail
   * on) a settings write; update() makes two tabs that both find none agree on the same one.
   */
  async function readOrMake(key: string, make: () => string): Promise<string> {
    const known = await get<string>(key, store);
    if (known) return known;
    let made: string | undefined;
    await update<string>(
      key,
      (current) => {
        made = current ?? make();
        return made;
      },
      store,
    );
    return made!;
  }

  return {
    /** The device id is made once and never changes. */
    getDeviceId: (): Promise<string> => readOrMake(KEYS.deviceId, uuidv7),
    /**
     * Where the pull goes on from. A cursor reached by an older version of the app is not used: that version
     * could not read every kind of change, and its cursor went past the ones it skipped. The pull starts over
     * (what it stores is idempotent) the first time after an update.
     */
    async getCursor(): Promise<string> {
      const [cursor, protocol] = await getMany<string | number | undefined>(
        [KEYS.cursor, KEYS.cursorProtocol],
        store,
      );
      return protocol === PROTOCOL_VERSION && typeof cursor === "string" ? cursor : "0";
    },
    setCursor: (cursor: string): Promise<void> =>
      setMany(
        [
          [KEYS.cursor, cursor],
          [KEYS.cursorProtocol, PROTOCOL_VERSION],
        ],
        store,
      ),
    getLastSyncAt: (): Promise<string | undefined> => get<string>(KEYS.lastSyncAt, store),
    setLastSyncAt: (iso: string): Promise<void> => set(KEYS.lastSyncAt, iso, store),
    getLanguage: (): Promise<UiLanguage | undefined> => get<UiLanguage>(KEYS.language, store),
    setLanguage: (language: UiLanguage): Promise<void> => set(KEYS.language, language, store),
    /** Community interface translations kept for offline use (a language's strings, or "list": those offered). */
    getTranslation: <T>(name: string): Promise<T | undefined> => get<T>(KEYS.translation + name, store),
    setTranslation: (name: string, value: unknown): Promise<void> =>
      set(KEYS.translation + name, value, store),
    /** The community languages the server offers, as each pull says; an open page's picker hears of it. */
    setUiLanguages: async (languages: unknown[]): Promise<void> => {
      await set(`${KEYS.translation}list`, languages, store);
      // A page's picker listens; in the service worker (no document) nobody does.
      if ("document" in globalThis) globalThis.dispatchEvent(new Event(UI_LANGUAGES_EVENT));
    },
    /** The enrolled identity (token and private key), once an organizer's code enrolled this phone. */
    getIdentity: (): Promise<DeviceIdentity | undefined> => get<DeviceIdentity>(KEYS.identity, store),
    setIdentity: (identity: DeviceIdentity): Promise<void> => set(KEYS.identity, identity, store),
    forgetIdentity: (): Promise<void> => del(KEYS.identity, store),
    /** The key pair of an enrolment under way, kept until it succeeds so a retry presents the same key. */
    getPendingKeys: (): Promise<CryptoKeyPair | undefined> => get<CryptoKeyPair>(KEYS.pendingKeys, store),
    setPendingKeys: (pair: CryptoKeyPair): Promise<void> => set(KEYS.pendingKeys, pair, store),
    clearPendingKeys: (): Promise<void> => del(KEYS.pendingKeys, store),
    /** The reader key, if this phone ever filed a request. */
    getReaderKey: (): Promise<string | undefined> => get<string>(KEYS.readerKey, store),
    /** The reader key, made once (the first request filed here). */
    ensureReaderKey: (): Promise<string> => readOrMake(KEYS.readerKey, newReaderKey),
    /** When the next exchange may happen after failures; shared by the app's tabs and its service worker. */
    getBackoff: (): Promise<BackoffState | undefined> => get<BackoffState>(KEYS.backoff, store),
    setBackoff: (state: BackoffState | undefined): Promise<void> =>
      state ? set(KEYS.backoff, state, store) : del(KEYS.backoff, store),
    getPushBlock: (): Promise<PushBlock | undefined> => get<PushBlock>(KEYS.pushBlock, store),
    setPushBlock: (block: PushBlock | undefined): Promise<void> =>
      block ? set(KEYS.pushBlock, block, store) : del(KEYS.pushBlock, store),
  };
}

export type DeviceSettings = ReturnType<typeof createSettings>;

/** A separate settings store, e.g. one per simulated device in tests. */
export const createSettingsStore = (name: string): UseStore => createStore(name, "keyval");

/** This phone's settings. */
export const settings = createSettings();
export const { getDeviceId, getLanguage, setLanguage } = settings;
