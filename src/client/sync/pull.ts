// Pulls the changes after the phone's cursor, page by page: records first, cursor second.
import {
  PROTOCOL_VERSION,
  PullResponse,
  READER_KEY_HEADER,
  type UiLanguageSummary,
} from "../../domain/sync-messages";
import type { TejidoDatabase } from "../db/database";
import type { DeviceIdentity } from "../enrol/device-identity";
import { type Exchange, failureOf } from "./exchange";
import { applyChanges } from "./pull-readers";
import { SyncError } from "./sync-errors";

const PULL_PATH = "/api/v1/sync/pull";

export interface PullSettings {
  getCursor(): Promise<string>;
  setCursor(cursor: string): Promise<void>;
  /** The key the phone's requests were filed with, if it filed any: it pulls their statuses. */
  getReaderKey?(): Promise<string | undefined>;
  /** Keeps the community interface languages the server offers (for the language picker). */
  setUiLanguages?(languages: UiLanguageSummary[]): Promise<void>;
}

export interface Pulled {
  pulled: number;
  updateRequired: boolean;
}

/**
 * Pulls until the server has nothing more. An enrolled device's token adds its inputs' dispositions; the
 * reader key adds its requests' statuses. A crash between a page's records and its cursor only pulls that page again.
 */
export async function pullChanges(
  db: TejidoDatabase,
  exchange: Exchange,
  settings: PullSettings,
  identity: DeviceIdentity | undefined,
): Promise<Pulled> {
  const readerKey = await settings.getReaderKey?.();
  const headers: Record<string, string> = {
    accept: "application/json",
    ...(identity ? { authorization: `Bearer ${identity.token}` } : {}),
    ...(readerKey ? { [READER_KEY_HEADER]: readerKey } : {}),
  };
  let cursor = await settings.getCursor();
  const result: Pulled = { pulled: 0, updateRequired: false };
  for (;;) {
    const path = `${PULL_PATH}?cursor=${encodeURIComponent(cursor)}&protocol=${PROTOCOL_VERSION}`;
    const { response, body } = await exchange(path, { method: "GET", headers });
    if (!response.ok) throw failureOf(response, PULL_PATH);
    const parsed = PullResponse.safeParse(body);
    if (!parsed.success) throw new SyncError("protocol", "pull: unexpected answer");
    const page = parsed.data;
    if (page.clientUpdate === "required") result.updateRequired = true;
    await applyChanges(db, page.changes);
    if (page.uiLanguages) await settings.setUiLanguages?.(page.uiLanguages);
    result.pulled += page.changes.length;
    const advanced = page.nextCursor !== cursor;
    if (advanced) await settings.setCursor(page.nextCursor);
    cursor = page.nextCursor;
    if (!page.hasMore) return result;
    // "More" without a new cursor would loop forever on the same page.
    if (!advanced) throw new SyncError("protocol", "pull: hasMore without a new cursor");
  }
}
