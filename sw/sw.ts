// Tejido's service worker: precache the app shell, answer navigations offline, and on Background Sync send what
// still waits once the app is closed (background-exchange.ts).
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { onBackgroundSync } from "../src/client/sync/background-exchange";
import { BACKGROUND_SYNC_TAG } from "../src/client/sync/sync-lock";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every page address is the app shell; the app routes itself. The API is never answered from cache.
// Evidence files are the server's to answer (a PDF opened from a milestone is not a screen of the app).
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//, /^\/evidencia\//] }),
);

// A new version waits until the person chooses to update, so a half-filled form is saved first.
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

// The first version takes control at once, so the very first visit already works offline.
clientsClaim();

/** A tab of the app, visible or hidden: a hidden tab makes no requests, and the worker makes none for it. */
const appOpen = async () => (await self.clients.matchAll({ type: "window" })).length > 0;

self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === BACKGROUND_SYNC_TAG) sync.waitUntil(onBackgroundSync({ appOpen }));
});
