// What the service worker precaches; shared by the build and the benchmark that weighs it.
export const PRECACHE_GLOBS = ["**/*.{js,css,html,webmanifest,svg}", "icons/icon-192.png"] as const;
