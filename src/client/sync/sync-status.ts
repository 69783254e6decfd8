// What the UI shows about sync: kept tiny, it is part of the first load; the engine loads later.
import { createStore } from "../ui/store";
import type { SyncErrorKind } from "./sync-errors";

export interface SyncStatus {
  running: boolean;
  online: boolean;
  lastSuccessAt?: string;
  error?: SyncErrorKind;
  nextRetryAt?: number;
  /** The server says this app is too old: it keeps syncing, and asks the person to update. */
  updateRequired?: boolean;
  /** Voice recordings and photos being uploaded in the running sync: files done of all, bytes sent of all. */
  media?: { files: number; done: number; sentBytes: number; totalBytes: number };
}

export const syncStatus = createStore<SyncStatus>({
  running: false,
  online: typeof navigator === "undefined" ? true : navigator.onLine,
});

type Trigger = () => void;
let trigger: Trigger | undefined;
let requestedEarly = false;

/** Asks for a sync now (the button, a fresh save). Before the engine has loaded, it runs once loaded. */
export function requestSync(): void {
  if (trigger) trigger();
  else requestedEarly = true;
}

export function connectSyncTrigger(run: Trigger): void {
  trigger = run;
  if (requestedEarly) {
    requestedEarly = false;
    run();
  }
}
