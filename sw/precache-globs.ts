// What the service worker precaches; shared by the build and the benchmark that weighs it.
export const PRECACHE_GLOBS = ["**/*.{js,css,html,webmanifest,svg}", "icons/icon-192.png"] as const;
/**
 * Staff-only code (the officer's desk, resumable uploads) is never precached: citizens' phones should not
 * pay for it, and staff work online. The build names those chunks "staff-…" (vite.config.ts).
 */
export const PRECACHE_IGNORES = ["**/staff-*"] as const;

/** Modules whose chunks are staff-only. */
export const STAFF_MODULES = [
  "/src/client/admin/",
  "/src/client/results/",
  "/src/client/design/",
  "/src/client/enrol/devices-screen",
  "/src/client/enrol/i18n",
  "/src/client/enrol/transfer-import-card",
  "/src/client/staff/staff-json",
  "/src/client/staff/staff-gate",
  "/src/domain/staff-answers",
  "/src/domain/ui-translation",
  "/src/client/requests/office-",
  "/src/client/requests/report-screen",
  "/src/client/requests/resumable-upload",
  "/src/client/tracker/tracker-work-screen",
  "/src/client/drafting/draft-work-screen",
  "/tus-js-client/",
] as const;
