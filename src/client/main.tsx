// Entry point: paint the shell first, then restore settings, start sync and register the service worker.
import { render } from "preact";
import { App } from "./app";
import { restoreLanguage } from "./i18n/i18n";
import "./ui/app.css";

render(<App />, document.getElementById("app")!);

void restoreLanguage();
// Everything below waits for the first paint: none of it is needed to show the screen.
void import("./sync/start-sync").then((m) => m.startSync());
if (import.meta.env.PROD) void import("./sw-register").then((m) => m.registerServiceWorker());
