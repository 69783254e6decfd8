// Measures the app in Chromium on an emulated low-end phone: 6× slower CPU, 2G (250 kbps, 300 ms RTT).
import type { Page } from "playwright-core";
import { launchBrowser, serviceWorkerInControl } from "../support/browser";
import { spawnServer } from "../support/spawn-server";

const TWO_G = {
  offline: false,
  latency: 300,
  downloadThroughput: 250_000 / 8,
  uploadThroughput: 250_000 / 8,
};
const CPU_SLOWDOWN = 6;

/** The app marks the moment its shell is rendered and usable (src/client/main.tsx). */
async function appRenderedAt(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName("tejido:app-rendered").length > 0);
  return page.evaluate(() => performance.getEntriesByName("tejido:app-rendered")[0]!.startTime);
}

/**
 * When the citizen's front door (its four links, marked `elementtiming="front-door"`) was first painted, by
 * index.html before any script or by the app: from then on a person can use it (the links work without script).
 */
async function frontDoorPaintedAt(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const times = list
            .getEntries()
            .filter(
              (entry) => (entry as PerformanceEntry & { identifier?: string }).identifier === "front-door",
            )
            .map((entry) => (entry as PerformanceEntry & { renderTime: number }).renderTime);
          if (times.length > 0) resolve(Math.min(...times));
        }).observe({ type: "element", buffered: true });
      }),
  );
}

async function firstContentfulPaint(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
  return page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]!.startTime);
}

export interface LowEndFigures {
  /** Cold load over 2G: first contentful paint. */
  firstPaintMs: number;
  /** Cold load over 2G: the first screen usable (the front door painted, from the HTML or by the app). */
  appReadyMs: number;
  /** Cold load over 2G: the app's script ran and rendered the screen. */
  appRenderedMs: number;
  /** Reload with no network, from the service worker: the app rendered and usable. */
  offlineReloadMs: number;
}

/** Medians of `runs` cold loads, each in a fresh profile, followed by an offline reload. */
export async function measureLowEnd(runs = 3): Promise<LowEndFigures> {
  const server = await spawnServer();
  const samples: LowEndFigures[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", TWO_G);
        await page.goto(server.url, { waitUntil: "commit" });
        const firstPaintMs = await firstContentfulPaint(page);
        const appRenderedMs = await appRenderedAt(page);
        const appReadyMs = Math.min(appRenderedMs, await frontDoorPaintedAt(page));
        await serviceWorkerInControl(page);
        await browser.context.setOffline(true);
        await page.reload({ waitUntil: "commit" });
        samples.push({ firstPaintMs, appReadyMs, appRenderedMs, offlineReloadMs: await appRenderedAt(page) });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
  const median = (pick: (figures: LowEndFigures) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]!);
  };
  return {
    firstPaintMs: median((f) => f.firstPaintMs),
    appReadyMs: median((f) => f.appReadyMs),
    appRenderedMs: median((f) => f.appRenderedMs),
    offlineReloadMs: median((f) => f.offlineReloadMs),
  };
}
