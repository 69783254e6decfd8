// Saving one input in Chromium with 100,000 already stored on the phone: the app's own save path (one Dexie
// transaction: input + outbox entry + draft removal), timed by the app's performance measure, unthrottled.
import type { Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { spawnServer } from "../support/spawn-server";
import { realisticInputs } from "./sync-bench";

export interface SaveFigures {
  p50Ms: number;
  p95Ms: number;
  /** The page's JS heap after the saves (Chromium's Runtime.getHeapUsage), in MB. */
  heapMb: number;
}

const STORED = 100_000;
const SAVES = 200;

/** Fills the phone's database with `count` sent inputs through IndexedDB itself, in chunks. */
async function seed(page: Page, count: number): Promise<void> {
  const deviceId = "0193a5b0-7c00-7000-8000-00000000beef";
  const template = realisticInputs(1, "0193a5b0-7c00-7000-8000-000000000001")[0]!;
  await page.evaluate(
    async ({ count, template, deviceId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("tejido");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const chunk = 5_000;
      for (let start = 0; start < count; start += chunk) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction("inputs", "readwrite");
          const store = tx.objectStore("inputs");
          for (let i = start; i < Math.min(count, start + chunk); i++) {
            const id = `0193a5b0-7c00-7000-8000-${String(i).padStart(12, "0")}`;
            const createdAt = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
            store.put({ ...template, id, deviceId, createdAt, syncState: "sent", sentAt: createdAt });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { count, template, deviceId },
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

export async function measureSave(): Promise<SaveFigures> {
  const server = await spawnServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/consultas`);
    const capture = page.getByRole("link", { name: /Capturar aportes/ });
    await capture.waitFor();
    await seed(page, STORED);
    // Offline: only the save is measured, not a sync starting after each one.
    await browser.context.setOffline(true);
    await page.reload();
    await capture.click();
    await page.getByRole("heading", { name: "Nuevo aporte" }).waitFor();
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open("tejido");
          open.onsuccess = () => {
            const request = open.result.transaction("inputs").objectStore("inputs").count();
            request.onsuccess = () => {
              resolve(request.result);
              open.result.close();
            };
          };
        }),
    );
    if (stored < STORED) throw new Error(`save bench: only ${stored} inputs stored`);
    for (let n = 0; n < SAVES; n++) {
      await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
      await page
        .getByLabel(/¿Para qué usaría los datos/)
        .fill(`Aporte de prueba número ${n}, con acentos: ñandú.`);
      await page.getByRole("button", { name: "Guardar aporte" }).click();
      await page.waitForFunction(
        (count) => performance.getEntriesByName("tejido:save-input").length >= count,
        n + 1,
      );
    }
    const durations = await page.evaluate(() =>
      performance.getEntriesByName("tejido:save-input").map((entry) => entry.duration),
    );
    const sorted = [...durations].sort((a, b) => a - b);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
    return {
      p50Ms: Math.round(percentile(sorted, 0.5) * 10) / 10,
      p95Ms: Math.round(percentile(sorted, 0.95) * 10) / 10,
      heapMb: Math.round((usedSize / 1024 / 1024) * 10) / 10,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
