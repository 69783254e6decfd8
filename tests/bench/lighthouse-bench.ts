// Lighthouse 12 (mobile, simulated throttling) on the public pages, in Debian's Chromium with a fresh profile:
// the scores of performance, accessibility and best practices, and the layout shift, per page (issue #17).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from "../support/browser";
import { spawnServer } from "../support/spawn-server";

/** The pages people reach without an account, by the name their figures carry. */
export const LIGHTHOUSE_PAGES = {
  home: "/",
  solicitud_nueva: "/solicitudes/nueva",
  solicitud_estado: "/solicitudes/estado",
  estadisticas: "/estadisticas",
  devolucion: `/devolucion/${DEMO_CONSULTATION_ID}`,
} as const;
export type LighthousePage = keyof typeof LIGHTHOUSE_PAGES;

export const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices"] as const;

export interface PageFigures {
  /** Category scores, 0–100. */
  scores: Record<(typeof LIGHTHOUSE_CATEGORIES)[number], number>;
  cls: number;
  /** The audits that cost points, for the log. */
  failing: string[];
}

/**
 * Runs per page. On two cores one run's performance score moves by ±10 points (the simulated blocking time
 * multiplies every hiccup of the machine by four), so the figure is the median run, as Lighthouse advises.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

export async function measureLighthouse(): Promise<Record<LighthousePage, PageFigures>> {
  assertChromium();
  const server = await spawnServer({}, { compiled: true });
  const figures = {} as Record<LighthousePage, PageFigures>;
  try {
    for (const [name, address] of Object.entries(LIGHTHOUSE_PAGES) as [LighthousePage, string][]) {
      const runs: PageFigures[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await measurePage(`${server.url}${address}`));
      runs.sort((a, b) => a.scores.performance - b.scores.performance);
      const median = runs[Math.floor(runs.length / 2)] as PageFigures;
      figures[name] = median;
      console.error(`lighthouse ${name}: performance ${runs.map((r) => r.scores.performance).join(", ")}`);
      if (median.failing.length > 0)
        console.error(`lighthouse ${name}: below 0.9: ${median.failing.join(", ")}`);
    }
  } finally {
    await server.stop();
  }
  return figures;
}

/** One run in a fresh profile: a first visit, as Lighthouse means it. */
async function measurePage(url: string): Promise<PageFigures> {
  const profile = mkdtempSync(path.join(tmpdir(), "tejido-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [...CHROMIUM_ARGS],
    userDataDir: profile,
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...LIGHTHOUSE_CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    return {
      scores: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
      },
      cls: Number((audits["cumulative-layout-shift"]?.numericValue ?? 1).toFixed(3)),
      failing: Object.values(audits)
        .filter(
          (audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative",
        )
        .map((audit) => `${audit.id} (${audit.displayValue ?? audit.score})`),
    };
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}
