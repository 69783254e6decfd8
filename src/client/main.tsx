// Entry point: paint the shell first, then restore settings, start sync and register the service worker.
import { render } from "preact";
import { App } from "./app";
import { restoreLanguage } from "./i18n/i18n";
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
 * has loaded and the main thread is idle: on a slow phone the screen answers taps first. At most 2 s after the
 * load, and at most 10 s after this script ran, should something the page loads (an image) never finish.
 */
function whenIdle(work: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    work();
  };
  const start = () =>
    "requestIdleCallback" in window ? requestIdleCallback(once, { timeout: 2_000 }) : setTimeout(once, 0);
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
  setTimeout(once, 10_000);
}
whenIdle(() => {
  void import("./sync/start-sync").then((m) => m.startSync());
  if (import.meta.env.PROD) void import("./sw-register").then((m) => m.registerServiceWorker());
});
