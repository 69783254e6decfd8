// Small device settings kept in idb-keyval: device id and enrolled identity, pull cursor, last sync, language.
import { createStore, del, get, set, type UseStore, update } from "idb-keyval";
import { uuidv7 } from "uuidv7";
import type { UiLanguage } from "../../domain/language-codes";
import type { DeviceIdentity } from "../enrol/device-identity";

const KEYS = {
  deviceId: "deviceId",
  cursor: "pullCursor",
  lastSyncAt: "lastSyncAt",
  language: "language",
  institutionsEtag: "institutionsEtag",
  identity: "deviceIdentity",
  pendingKeys: "pendingEnrolmentKeys",
} as const;

/** The settings of one device, in the given idb-keyval store (the default store for the app). */
export function createSettings(store?: UseStore) {
  return {
    /** The device id is made once and never changes; update() makes two tabs agree on the same one. */
    async getDeviceId(): Promise<string> {
      // Read first: saving an input must not cost (or, on a full disk, fail on) a settings write.
      const known = await get<string>(KEYS.deviceId, store);
      if (known) return known;
      let id: string | undefined;
      await update<string>(
        KEYS.deviceId,
        (current) => {
          id = current ?? uuidv7();
          return id;
        },
        store,
      );
      return id!;
    },
    getCursor: async (): Promise<string> => (await get<string>(KEYS.cursor, store)) ?? "0",
    setCursor: (cursor: string): Promise<void> => set(KEYS.cursor, cursor, store),
    getLastSyncAt: (): Promise<string | undefined> => get<string>(KEYS.lastSyncAt, store),
    setLastSyncAt: (iso: string): Promise<void> => set(KEYS.lastSyncAt, iso, store),
    getLanguage: (): Promise<UiLanguage | undefined> => get<UiLanguage>(KEYS.language, store),
    setLanguage: (language: UiLanguage): Promise<void> => set(KEYS.language, language, store),
    /** The enrolled identity (token and private key), once an organizer's code enrolled this phone. */
    getIdentity: (): Promise<DeviceIdentity | undefined> => get<DeviceIdentity>(KEYS.identity, store),
    setIdentity: (identity: DeviceIdentity): Promise<void> => set(KEYS.identity, identity, store),
    forgetIdentity: (): Promise<void> => del(KEYS.identity, store),
    /** The key pair of an enrolment under way, kept until it succeeds so a retry presents the same key. */
    getPendingKeys: (): Promise<CryptoKeyPair | undefined> => get<CryptoKeyPair>(KEYS.pendingKeys, store),
    setPendingKeys: (pair: CryptoKeyPair): Promise<void> => set(KEYS.pendingKeys, pair, store),
    clearPendingKeys: (): Promise<void> => del(KEYS.pendingKeys, store),
    institutionsEtag: {
      get: (): Promise<string | undefined> => get<string>(KEYS.institutionsEtag, store),
      set: (value: string): Promise<void> => set(KEYS.institutionsEtag, value, store),
    },
  };
}

export type DeviceSettings = ReturnType<typeof createSettings>;

/** A separate settings store, e.g. one per simulated device in tests. */
export const createSettingsStore = (name: string): UseStore => createStore(name, "keyval");

/** This phone's settings. */
export const settings = createSettings();
export const { getDeviceId, getLanguage, setLanguage } = settings;
