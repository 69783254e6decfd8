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
  // Every open tab moves to the new version when it takes control: sw-follow.ts, listening from the first load.
  void wb.register();
}
