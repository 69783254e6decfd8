// Loaded after the first paint: wires the browser's events to the scheduler, which alone decides what runs.
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { createSyncScheduler, type SyncTrigger } from "./scheduler";
import { createSyncEngine } from "./sync-engine";
import { BACKGROUND_SYNC_MESSAGE, BACKGROUND_SYNC_TAG, withSyncLock } from "./sync-lock";
import { connectSyncTrigger, syncStatus } from "./sync-status";
import { APP_TRANSPORTS } from "./transports";

interface SyncManager {
  register(tag: string): Promise<void>;
}

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

  // What Background Sync needs when the person leaves is read ahead: a closing tab has no time to wait.
  let sendable = 0;
  let syncManager: SyncManager | undefined;
  const refresh = () =>
    void engine.sendable().then(
      (count) => {
        sendable = count;
      },
      () => undefined,
    );
  void navigator.serviceWorker?.ready.then((registration) => {
    syncManager = (registration as ServiceWorkerRegistration & { sync?: SyncManager }).sync;
  });
  const ask = (trigger: SyncTrigger) => void scheduler.ask(trigger).finally(refresh);
  // Exchanges the scheduler's own timer starts end here too.
  syncStatus.subscribe((status) => {
    if (!status.running) refresh();
  });
  connectSyncTrigger((trigger) => {
    refresh();
    ask(trigger);
  });

  window.addEventListener("online", () => {
    syncStatus.update((s) => ({ ...s, online: true }));
    ask("online");
  });
  window.addEventListener("offline", () => syncStatus.update((s) => ({ ...s, online: false })));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") ask("visible");
    else handOverToBackground();
  });
  // The service worker relays a Background Sync event to a visible tab: the scheduler decides, as for any ask.
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === BACKGROUND_SYNC_MESSAGE) ask("background");
  });
  ask("start");

  /**
   * The person left the app (another app, the screen off, the tab closed): if anything could still leave,
   * the browser is asked to wake the service worker once it has a network, to send it with the app closed.
   * Never while the app is in view, and never as a retry loop: while it is open the scheduler retries.
   * Synchronous on purpose: a closing tab does not wait for promises.
   */
  function handOverToBackground(): void {
    if (sendable === 0 || !syncManager) return;
    syncManager.register(BACKGROUND_SYNC_TAG).catch(() => {
      // Background Sync is a help for a closed app only; everything is sent when the app opens again.
    });
  }
}
