// Small device settings kept in idb-keyval: device id, pull cursor, last sync, language.
import { get, set, update } from "idb-keyval";
import { uuidv7 } from "uuidv7";
import type { UiLanguage } from "../../domain/language-codes";

const KEYS = {
  deviceId: "deviceId",
  cursor: "pullCursor",
  lastSyncAt: "lastSyncAt",
  language: "language",
} as const;

/** The device id is made once and never changes; update() makes two tabs agree on the same one. */
export async function getDeviceId(): Promise<string> {
  // Read first: saving an input must not cost (or, on a full disk, fail on) a settings write.
  const known = await get<string>(KEYS.deviceId);
  if (known) return known;
  let id: string | undefined;
  await update<string>(KEYS.deviceId, (current) => {
    id = current ?? uuidv7();
    return id;
  });
  return id!;
}

export const getCursor = async (): Promise<string> => (await get<string>(KEYS.cursor)) ?? "0";
export const setCursor = (cursor: string): Promise<void> => set(KEYS.cursor, cursor);

export const getLastSyncAt = (): Promise<string | undefined> => get<string>(KEYS.lastSyncAt);
export const setLastSyncAt = (iso: string): Promise<void> => set(KEYS.lastSyncAt, iso);

export const getLanguage = (): Promise<UiLanguage | undefined> => get<UiLanguage>(KEYS.language);
export const setLanguage = (language: UiLanguage): Promise<void> => set(KEYS.language, language);
