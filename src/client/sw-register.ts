// Registers the service worker and turns a waiting new version into the update banner.
import { Workbox } from "workbox-window";
import { flushBeforeUpdate, updateStore } from "./ui/update-banner";

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const wb = new Workbox("/sw.js");
  wb.addEventListener("waiting", () => {
    updateStore.set({
      async apply() {
        await flushBeforeUpdate();
        wb.messageSkipWaiting();
      },
    });
  });
  // Every open tab, not only the one whose button was pressed, moves to the new version: the old
  // version's files leave the cache, and a tab left on it could no longer load its screens offline.
  // The very first version taking control of an uncontrolled page is not an update: no reload then.
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    void flushBeforeUpdate().then(() => window.location.reload());
  });
  void wb.register();
}
