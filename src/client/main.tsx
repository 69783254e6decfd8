// Entry point: paint the shell first, then restore settings, start sync and register the service worker.
import { render } from "preact";
import { App } from "./app";
import { restoreLanguage } from "./i18n/i18n";
import { followServiceWorkerUpdates } from "./sw-follow";
import { setSyncStarter } from "./sync/sync-status";
import { fieldMode } from "./ui/field-mode";
import "./ui/app.css";

const root = document.getElementById("app")!;
let rendered = false;
/** The static shell from index.html (the front door, header and footer) gives way to the app. */
function renderApp(): void {
  if (rendered) return;
  rendered = true;
  root.textContent = "";
  render(<App />, root);
  performance.mark("tejido:app-rendered");
}
// Once the static shell is on screen: on a fast connection this script can arrive before the first paint, and
// the person would then wait for the app's screen (and the chunks it loads) to see anything at all. A hidden
// tab paints no frames: the timer renders it there.
requestAnimationFrame(() => setTimeout(renderApp, 0));
setTimeout(renderApp, 250);

void restoreLanguage();

/**
 * Background work (the sync engine and its first exchange, the service worker's install) starts once the page
 * has loaded and the main thread is idle: on a slow phone the screen answers taps first. At most 2 s after that,
 * and at most 10 s (15 s) after this script ran, should something the page loads (an image) never finish.
 *
 * A phone without field work (a citizen's) waits `settle` ms more after the load: its engine (the local database,
 * ~100 KB of script, a second of work on a low-end phone) and the worker's precache download would otherwise
 * compete with the person's first taps and with the page's own requests on a slow line, for nothing urgent: the
 * first pull only prepares offline use, and anything saved meanwhile starts the engine at once (requestSync).
 */
function whenIdle(work: () => void, settle: number): void {
  const start = () => {
    const idle = () =>
      "requestIdleCallback" in window ? requestIdleCallback(work, { timeout: 2_000 }) : setTimeout(work, 0);
    if (settle > 0) setTimeout(idle, settle);
    else idle();
  };
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
  setTimeout(work, 10_000 + settle);
}
let started = false;
function startBackground(): void {
  if (started) return;
  started = true;
  void import("./sync/start-sync").then((m) => m.startSync());
  if (import.meta.env.PROD) void import("./sw-register").then((m) => m.registerServiceWorker());
}
setSyncStarter(startBackground);
if (import.meta.env.PROD) followServiceWorkerUpdates();
whenIdle(startBackground, fieldMode.get() ? 0 : 5_000);
