// Decides when to sync: on start, when the network returns, after saves, on a timer with backoff, on request.

import type { Store } from "../ui/store";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff";
import type { SyncEngine, SyncReport } from "./sync-engine";
import { classifySyncError } from "./sync-errors";
import type { SyncStatus } from "./sync-status";

export interface SchedulerOptions {
  engine: SyncEngine;
  status: Store<SyncStatus>;
  random?: () => number;
  backoff?: BackoffOptions;
  /** How often to pull for news when everything went well. */
  idleIntervalMs?: number;
  isOnline?: () => boolean;
  /** Runs the sync under a lock shared by the app's tabs, where the browser has Web Locks. */
  withLock?: <T>(run: () => Promise<T>) => Promise<T>;
}

export interface SyncScheduler {
  /** Starts or joins a sync; resolves when no sync is left to do for now. */
  syncNow(): Promise<SyncReport | undefined>;
  stop(): void;
}

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const {
    engine,
    status,
    random = Math.random,
    backoff = DEFAULT_BACKOFF,
    idleIntervalMs = 5 * 60_000,
    isOnline = () => navigator.onLine,
    withLock = (run) => run(),
  } = options;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<SyncReport | undefined> | undefined;
  let again = false;
  let stopped = false;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void syncNow(), delayMs);
    status.update((s) => ({ ...s, nextRetryAt: Date.now() + delayMs }));
  }

  async function runOnce(): Promise<SyncReport | undefined> {
    if (!isOnline()) {
      status.update((s) => ({ ...s, online: false, running: false, error: "offline" }));
      failures += 1;
      schedule(backoffDelay(failures, random, backoff));
      return undefined;
    }
    status.update((s) => ({ ...s, online: true, running: true }));
    try {
      const report = await withLock(() => engine.sync());
      failures = 0;
      status.update((s) => ({
        ...s,
        running: false,
        error: undefined,
        updateRequired: report.updateRequired,
        lastSuccessAt: new Date().toISOString(),
      }));
      schedule(idleIntervalMs);
      return report;
    } catch (error) {
      failures += 1;
      const kind = classifySyncError(error).kind;
      status.update((s) => ({ ...s, running: false, error: kind }));
      schedule(backoffDelay(failures, random, backoff));
      return undefined;
    }
  }

  function syncNow(): Promise<SyncReport | undefined> {
    if (stopped) return Promise.resolve(undefined);
    if (running) {
      // A save during a run may have missed the batch: run once more afterwards.
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      let report: SyncReport | undefined;
      do {
        again = false;
        report = await runOnce();
      } while (again && report && !stopped);
      running = undefined;
      return report;
    })();
    return running;
  }

  return {
    syncNow,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
