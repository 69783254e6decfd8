// Tejido's service worker: precache the app shell, answer navigations offline, and on Background Sync either
// wake the visible app's scheduler or, with no one looking, send what can leave by itself.
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { backgroundExchange } from "../src/client/sync/background-exchange";
import { BACKGROUND_SYNC_MESSAGE, BACKGROUND_SYNC_TAG } from "../src/client/sync/sync-lock";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every page address is the app shell; the app routes itself. The API is never answered from cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//] }));

// A new version waits until the person chooses to update, so a half-filled form is saved first.
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

// The first version takes control at once, so the very first visit already works offline.
clientsClaim();

/**
 * The app registers Background Sync only when the person leaves it with something still to send. A visible
 * tab's scheduler decides for itself (its backoff holds); otherwise this worker sends, once per event.
 */
async function onBackgroundSync(): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window" });
  const visible = windows.filter((client) => client.visibilityState === "visible");
  if (visible.length > 0) {
    for (const client of visible) client.postMessage({ type: BACKGROUND_SYNC_MESSAGE });
    return;
  }
  await backgroundExchange();
}

self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === BACKGROUND_SYNC_TAG) sync.waitUntil(onBackgroundSync());
});
