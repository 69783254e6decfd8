// The last status seen of each request, kept on the phone so the status page reads offline. Kept under a hash of
// folio and code together: on a shared phone, knowing a folio is not enough to read a request offline.
import { get, set } from "idb-keyval";
import { PublicRequestStatus } from "../../domain/requests/info-request";
import { normalizeTrackingCode } from "../../domain/requests/tracking-code";
import { sha256Hex } from "./sha256";

async function cacheKey(folio: string, code: string): Promise<string> {
  const text = `${folio.trim().toUpperCase()}|${normalizeTrackingCode(code) ?? code.trim()}`;
  return `requestStatus:${await sha256Hex(new TextEncoder().encode(text))}`;
}

/** The status last seen for this folio (or provisional code) and code, if any. */
export async function cachedStatus(folio: string, code: string): Promise<PublicRequestStatus | undefined> {
  const stored = await get(await cacheKey(folio, code)).catch(() => undefined);
  return PublicRequestStatus.safeParse(stored).data;
}

/** Keeps a status under its folio and under what was typed (a provisional code finds it too). */
export async function rememberStatus(
  status: PublicRequestStatus,
  typedFolio: string,
  code: string,
): Promise<void> {
  const keys = await Promise.all([cacheKey(status.folio, code), cacheKey(typedFolio, code)]);
  await Promise.all(keys.map((key) => set(key, status))).catch(() => undefined);
}
