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

export async function measureLighthouse(): Promise<Record<LighthousePage, PageFigures>> {
  assertChromium();
  const server = await spawnServer({}, { compiled: true });
  const figures = {} as Record<LighthousePage, PageFigures>;
  try {
    for (const [name, address] of Object.entries(LIGHTHOUSE_PAGES) as [LighthousePage, string][]) {
      // Every page in a fresh profile: a first visit, as Lighthouse means it.
      const profile = mkdtempSync(path.join(tmpdir(), "tejido-lighthouse-"));
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_PATH,
        chromeFlags: [...CHROMIUM_ARGS],
        userDataDir: profile,
        logLevel: "silent",
      });
      try {
        const result = await lighthouse(`${server.url}${address}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...LIGHTHOUSE_CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse gave no result for ${address}`);
        const { categories, audits } = result.lhr;
        const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
        figures[name] = {
          scores: {
            performance: score("performance"),
            accessibility: score("accessibility"),
            "best-practices": score("best-practices"),
          },
          cls: Number((audits["cumulative-layout-shift"]?.numericValue ?? 1).toFixed(3)),
          failing: Object.values(audits)
            .filter(
              (audit) =>
                audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative",
            )
            .map((audit) => `${audit.id} (${audit.displayValue ?? audit.score})`),
        };
        if (figures[name].failing.length > 0)
          console.error(`lighthouse ${name}: below 0.9: ${figures[name].failing.join(", ")}`);
      } finally {
        await chrome.kill();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.stop();
  }
  return figures;
}
