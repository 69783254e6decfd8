// Entry point: paint the shell first, then restore settings, start sync and register the service worker.
import { render } from "preact";
import { App } from "./app";
import { restoreLanguage } from "./i18n/i18n";
import "./ui/app.css";

const root = document.getElementById("app")!;
// The static loading shell from index.html gives way to the app.
root.textContent = "";
render(<App />, root);
performance.mark("tejido:app-rendered");

void restoreLanguage();
// Everything below waits for the first paint: none of it is needed to show the screen.
void import("./sync/start-sync").then((m) => m.startSync());
if (import.meta.env.PROD) void import("./sw-register").then((m) => m.registerServiceWorker());
