// Loaded after the first paint: wires the browser's events to the scheduler, which alone decides what runs.
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { createSyncScheduler } from "./scheduler";
import { createSyncEngine, type SyncEngine } from "./sync-engine";
import { BACKGROUND_SYNC_MESSAGE, BACKGROUND_SYNC_TAG, withSyncLock } from "./sync-lock";
import { connectSyncTrigger, syncStatus } from "./sync-status";
import { APP_TRANSPORTS } from "./transports";

export async function startSync(): Promise<void> {
  const lastSuccessAt = await settings.getLastSyncAt();
  syncStatus.update((s) => ({ ...s, lastSuccessAt }));
  const engine = createSyncEngine({
    db: database(),
    settings,
    transports: APP_TRANSPORTS,
    onMediaProgress: (media) => syncStatus.update((s) => ({ ...s, media })),
  });
  const scheduler = createSyncScheduler({
    engine,
    status: syncStatus,
    withLock: withSyncLock,
    shared: { get: settings.getBackoff, set: settings.setBackoff },
  });
  connectSyncTrigger((trigger) => void scheduler.ask(trigger));

  window.addEventListener("online", () => {
    syncStatus.update((s) => ({ ...s, online: true }));
    void scheduler.ask("online");
  });
  window.addEventListener("offline", () => syncStatus.update((s) => ({ ...s, online: false })));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void scheduler.ask("visible");
    else void handOverToBackground(engine);
  });
  // The service worker relays a Background Sync event to a visible tab: the scheduler decides, as for any ask.
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === BACKGROUND_SYNC_MESSAGE) void scheduler.ask("background");
  });
  void scheduler.ask("start");
}

interface SyncManager {
  register(tag: string): Promise<void>;
}

/**
 * The person left the app (another app, the screen off, the tab closed): if anything could still leave, the
 * browser is asked to wake the service worker once it has a network, to send it with the app closed. Never
 * while the app is in view, and never as a retry loop: the scheduler does the retrying while it is open.
 */
async function handOverToBackground(engine: SyncEngine): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  try {
    if ((await engine.sendable()) === 0) return;
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: SyncManager;
    };
    await registration.sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Background Sync is a help for a closed app only; the scheduler sends everything when it opens again.
  }
}
