// What the UI shows about sync: kept tiny, it is part of the first load; the engine loads later.
import { createStore } from "../ui/store";
import type { SyncTrigger } from "./scheduler";
import type { BlockReason, SyncErrorKind } from "./sync-errors";

export interface SyncStatus {
  running: boolean;
  online: boolean;
  lastSuccessAt?: string;
  /** The last exchange failed; it is tried again by itself at nextRetryAt. */
  error?: SyncErrorKind;
  nextRetryAt?: number;
  /** This phone cannot send its signed records now, and will not try until that changes. */
  blocked?: BlockReason;
  /** The server says this app is too old: it keeps syncing, and asks the person to update. */
  updateRequired?: boolean;
  /** Voice recordings and photos being uploaded in the running sync: files done of all, bytes sent of all. */
  media?: { files: number; done: number; sentBytes: number; totalBytes: number };
}

export const syncStatus = createStore<SyncStatus>({
  running: false,
  online: typeof navigator === "undefined" ? true : navigator.onLine,
});

type Asker = (trigger: SyncTrigger) => void;
let asker: Asker | undefined;
const askedEarly = new Set<SyncTrigger>();
let starter: (() => void) | undefined;

/** What starts the engine before its time, should something be saved first (main.tsx). */
export function setSyncStarter(start: () => void): void {
  starter = start;
}

/**
 * Asks the scheduler for an exchange: "save" after a record is stored (sent if this phone may send it),
 * "manual" for the person's button (at once, whatever the backoff). Before the engine has loaded, the asks
 * are kept and made once it has.
 */
export function requestSync(trigger: Extract<SyncTrigger, "save" | "manual"> = "save"): void {
  if (asker) asker(trigger);
  else {
    askedEarly.add(trigger);
    // Something was saved before the engine loaded: it loads now, not when the page is quiet.
    starter?.();
  }
}

/** Starts the engine now if it has not started (a screen needs what its first pull brings). */
export function startSyncEarly(): void {
  if (!asker) starter?.();
}

export function connectSyncTrigger(ask: Asker): void {
  asker = ask;
  for (const trigger of askedEarly) ask(trigger);
  askedEarly.clear();
}
