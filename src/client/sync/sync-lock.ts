// One exchange at a time across the app's tabs and its service worker, where the runtime has Web Locks.
const SYNC_LOCK = "tejido-sync";

export function withSyncLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? (locks.request(SYNC_LOCK, run) as Promise<T>) : run();
}

/** The Background Sync tag the app registers and the service worker answers. */
export const BACKGROUND_SYNC_TAG = "tejido-sync";
