// A phone in Chromium whose whole origin is a gate proxy in front of a real server process: the test sees,
// holds and counts every request of the page and of its service worker.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { Page } from "playwright-core";
import { type Browser, launchBrowser, serviceWorkerInControl } from "./browser";
import { type GateProxy, startGateProxy } from "./gate-proxy";
import { type ServerProcess, spawnServer } from "./spawn-server";

export interface GatedPhone {
  server: ServerProcess;
  proxy: GateProxy;
  browser: Browser;
  page: Page;
  /** The phone's origin (the proxy), with the server's data dir, as enrolPhone wants it. */
  origin: { url: string; dataDir: string };
  /** Input ids stored on the server, read from its SQLite file. */
  serverInputs(): string[];
  close(): Promise<void>;
}

/**
 * Lets a test hide and show the tab: headless Chromium reports every open tab visible, so the page is told
 * (the browser's own answer stands until a test forces one, so a closing tab still turns hidden).
 */
const VISIBILITY_SWITCH = `
  const real = {
    state: Object.getOwnPropertyDescriptor(Document.prototype, "visibilityState").get,
    hidden: Object.getOwnPropertyDescriptor(Document.prototype, "hidden").get,
  };
  let forced;
  Object.defineProperty(Document.prototype, "visibilityState", {
    configurable: true,
    get() { return forced === undefined ? real.state.call(this) : forced ? "hidden" : "visible"; },
  });
  Object.defineProperty(Document.prototype, "hidden", {
    configurable: true,
    get() { return forced === undefined ? real.hidden.call(this) : forced; },
  });
  window.tejidoSetHidden = (value) => {
    forced = value;
    document.dispatchEvent(new Event("visibilitychange"));
  };`;

export async function startGatedPhone(): Promise<GatedPhone> {
  const server = await spawnServer();
  const proxy = await startGateProxy(server.url);
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.addInitScript({ content: VISIBILITY_SWITCH });
  await page.goto(proxy.url);
  await serviceWorkerInControl(page);
  return {
    server,
    proxy,
    browser,
    page,
    origin: { url: proxy.url, dataDir: server.dataDir },
    serverInputs() {
      const db = new SqliteDatabase(path.join(server.dataDir, "tejido.sqlite"), { readonly: true });
      try {
        return (db.prepare("select id from inputs").all() as { id: string }[]).map((row) => row.id);
      } finally {
        db.close();
      }
    },
    async close() {
      await browser.close();
      await proxy.close();
      await server.stop();
    },
  };
}

/** Hides or shows the tab, as switching to another app or back would. */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as { tejidoSetHidden(value: boolean): void }).tejidoSetHidden(value);
  }, hidden);
}

/** Saves inputs on the capture screen of the demo consultation (the page must be on it). */
export async function captureInputs(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
    await page.getByLabel(/¿Para qué usaría los datos/).fill(text);
    await page.getByRole("button", { name: "Guardar aporte" }).click();
    await page.getByTestId("saved").waitFor();
  }
}
