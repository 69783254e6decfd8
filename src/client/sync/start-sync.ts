// Loaded after the first paint: wires the sync engine to the browser's events and the UI.
import { database } from "../db/database";
import { settings } from "../storage/settings";
import { createSyncEngine } from "./sync-engine";
import { createSyncScheduler } from "./sync-scheduler";
import { connectSyncTrigger, syncStatus } from "./sync-status";

export async function startSync(): Promise<void> {
  const lastSuccessAt = await settings.getLastSyncAt();
  syncStatus.update((s) => ({ ...s, lastSuccessAt }));
  const engine = createSyncEngine({
    db: database(),
    settings,
    onMediaProgress: (media) => syncStatus.update((s) => ({ ...s, media })),
  });
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  const scheduler = createSyncScheduler({
    engine,
    status: syncStatus,
    withLock: locks
      ? (run) => locks.request("tejido-sync", run) as Promise<Awaited<ReturnType<typeof run>>>
      : undefined,
  });
  connectSyncTrigger(() => void scheduler.syncNow());
  // After a failed sync, ask the browser to wake the service worker when connectivity returns.
  syncStatus.subscribe((status) => {
    if (status.error && !status.running) void registerBackgroundSync();
  });

  window.addEventListener("online", () => {
    syncStatus.update((s) => ({ ...s, online: true }));
    void scheduler.syncNow();
  });
  window.addEventListener("offline", () => syncStatus.update((s) => ({ ...s, online: false })));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void scheduler.syncNow();
  });
  // The service worker relays Background Sync events, where the browser has them.
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === "tejido-sync") void scheduler.syncNow();
  });
  void scheduler.syncNow();
}

interface SyncManager {
  register(tag: string): Promise<void>;
}

async function registerBackgroundSync(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: SyncManager;
    };
    await registration.sync?.register("tejido-sync");
  } catch {
    // Background Sync is an extra trigger only; the timer and the online event still run.
  }
}
