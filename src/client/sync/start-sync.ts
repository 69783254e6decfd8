// Loaded after the first paint: wires the browser's events to the scheduler, which alone decides what runs.
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { markFieldPhone } from "../ui/field-mode";
import { createSyncScheduler, type SyncTrigger } from "./scheduler";
import { createSyncEngine } from "./sync-engine";
import { BACKGROUND_SYNC_TAG, withSyncLock } from "./sync-lock";
import { connectSyncTrigger, syncStatus } from "./sync-status";
import { APP_TRANSPORTS } from "./transports";

interface SyncManager {
  register(tag: string): Promise<void>;
}

export async function startSync(): Promise<void> {
  const lastSuccessAt = await settings.getLastSyncAt();
  // A phone enrolled, or holding field work, from before its home knew field mode: its home opens on that work.
  const db = database();
  if ((await settings.getIdentity()) || (await db.inputs.count()) > 0 || (await db.workshops.count()) > 0)
    markFieldPhone();
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

  let syncManager: SyncManager | undefined;
  void navigator.serviceWorker?.ready.then((registration) => {
    syncManager = (registration as ServiceWorkerRegistration & { sync?: SyncManager }).sync;
  });
  /**
   * While something this phone may send waits, a Background Sync stays registered: should the app be closed
   * before it is sent (even mid-exchange, when a closing tab has no time to ask), the service worker sends it.
   * While the app is open (a tab, visible or not) the worker only watches (background-exchange.ts): no request
   * of its own, and never a retry loop; the scheduler does the retrying. Nothing waiting, nothing registered.
   */
  const keepBackgroundSync = () =>
    void engine.sendable().then(
      (sendable) => {
        if (sendable > 0) syncManager?.register(BACKGROUND_SYNC_TAG).catch(() => undefined);
      },
      () => undefined,
    );
  // Before the exchange too: the tab may be closed while it runs.
  const ask = (trigger: SyncTrigger) => {
    keepBackgroundSync();
    void scheduler.ask(trigger).finally(keepBackgroundSync);
  };
  connectSyncTrigger(ask);
  // Exchanges the scheduler's own timer starts end here too.
  syncStatus.subscribe((status) => {
    if (!status.running) keepBackgroundSync();
  });

  window.addEventListener("online", () => {
    syncStatus.update((s) => ({ ...s, online: true }));
    ask("online");
  });
  window.addEventListener("offline", () => syncStatus.update((s) => ({ ...s, online: false })));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") ask("visible");
    else keepBackgroundSync();
  });
  ask("start");
}
