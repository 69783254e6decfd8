// What the service worker sends on a Background Sync event when no one is looking at the app: the records and
// requests that can leave, once. Files wait for the app; the browser retries a failed event with its own backoff.
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { failedAgain } from "./backoff";
import { createSyncEngine } from "./sync-engine";
import { classifySyncError } from "./sync-errors";
import { withSyncLock } from "./sync-lock";
import { BACKGROUND_TRANSPORTS } from "./transports";

/** Rejects when nothing could be sent now (in backoff, or the exchange failed), so the browser tries again later. */
export async function backgroundExchange(): Promise<void> {
  const engine = createSyncEngine({ db: database(), settings, transports: BACKGROUND_TRANSPORTS });
  await withSyncLock(async () => {
    const backoff = await settings.getBackoff();
    if (backoff && backoff.nextAttemptAt > Date.now()) throw new Error("the sync is backing off");
    try {
      await engine.sync({ pull: false });
      if (backoff) await settings.setBackoff(undefined);
    } catch (error) {
      const problem = classifySyncError(error);
      await settings.setBackoff(
        failedAgain(backoff, Date.now(), Math.random, undefined, problem.retryAfterMs),
      );
      throw problem;
    }
  });
}
