// Tejido's service worker: precache the app shell, answer navigations offline, relay Background Sync.
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

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

self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== "tejido-sync") return;
  sync.waitUntil(
    self.clients.matchAll({ type: "window" }).then((clients) => {
      for (const client of clients) client.postMessage({ type: "tejido-sync" });
    }),
  );
});
