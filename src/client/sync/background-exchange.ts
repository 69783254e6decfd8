// What the service worker does on a Background Sync event. While the app is open (a tab, visible or hidden) it
// only watches: the app's own scheduler sends, and a hidden tab sends nothing. Once the app is closed with
// something still to send, it sends the records and requests that can leave, once. Files wait for the app. A failed or
// unfinished event is retried later by the browser, with its own backoff (minutes).
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { failedAgain } from "./backoff";
import { createSyncEngine } from "./sync-engine";
import { classifySyncError } from "./sync-errors";
import { withSyncLock } from "./sync-lock";
import { BACKGROUND_TRANSPORTS } from "./transports";

/** How long one event watches an open app before leaving it to the browser's next try. */
const WATCH_MS = 150_000;
/** How often it looks whether the app is still open and still has something to send (no network). */
const LOOK_EVERY_MS = 1_000;

export interface BackgroundOptions {
  /** Whether a tab of the app is open now (visible or not). */
  appOpen(): Promise<boolean>;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

export async function onBackgroundSync({
  appOpen,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now = () => Date.now(),
}: BackgroundOptions): Promise<void> {
  const engine = createSyncEngine({ db: database(), settings, transports: BACKGROUND_TRANSPORTS });
  const until = now() + WATCH_MS;
  for (;;) {
    if ((await engine.sendable()) === 0) return;
    if (!(await appOpen())) break;
    // Rejected: the browser fires the event again later, when the app may be closed.
    if (now() > until) throw new Error("the app is open and still has something to send");
    await sleep(LOOK_EVERY_MS);
  }
  await withSyncLock(async () => {
    const backoff = await settings.getBackoff();
    if (backoff && backoff.nextAttemptAt > now()) throw new Error("the sync is backing off");
    try {
      await engine.sync({ pull: false });
      if (backoff) await settings.setBackoff(undefined);
    } catch (error) {
      const problem = classifySyncError(error);
      await settings.setBackoff(failedAgain(backoff, now(), Math.random, undefined, problem.retryAfterMs));
      throw problem;
    }
  });
}
