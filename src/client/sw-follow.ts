// Every open tab follows a new version of the app the moment its service worker takes control, even a tab whose
// own registration (deferred: main.tsx) has not run yet: the old version's files leave the cache, and a tab left on
// it could no longer load its screens offline. Tiny and part of the first load.
import { flushBeforeUpdate } from "./ui/update-banner";

export function followServiceWorkerUpdates(): void {
  if (!("serviceWorker" in navigator)) return;
  // The very first version taking control of an uncontrolled page is not an update: no reload then.
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    void flushBeforeUpdate().then(() => window.location.reload());
  });
}
