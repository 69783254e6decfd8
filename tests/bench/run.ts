// `npm run bench [-- NAME...]`: prints one JSON line per figure, {"metric","value","unit","target","ok"}.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { getManifest } from "workbox-build";
import { PRECACHE_GLOBS } from "../../sw/precache-globs";
import { type LowEndFigures, measureLowEnd } from "./lowend-phone";

const DIST = path.resolve(import.meta.dirname, "../../dist");

interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** The budget from DESIGN §11; `ok` compares against it. */
  target: number;
  better: "lower" | "higher";
}

type Bench = () => Promise<Figure[]>;

const gzipBytes = (file: string) => gzipSync(readFileSync(path.join(DIST, file))).byteLength;

interface ViteManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The entry script and every chunk it imports statically: what must arrive before the first paint. */
function firstLoadFiles(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ViteManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].filter((file) => file.endsWith(".js"));
}

let lowEnd: Promise<LowEndFigures> | undefined;
/** Both low-end figures come from the same browser runs. */
const lowEndFigures = () => {
  lowEnd ??= measureLowEnd();
  return lowEnd;
};

const BENCHES: Record<string, Bench> = {
  first_load_js_gzip_bytes: async () => [
    {
      metric: "first_load_js_gzip_bytes",
      value: firstLoadFiles().reduce((sum, file) => sum + gzipBytes(file), 0),
      unit: "bytes",
      target: 60 * 1024,
      better: "lower",
    },
  ],
  precache_gzip_bytes: async () => {
    const { manifestEntries, warnings } = await getManifest({
      globDirectory: DIST,
      globPatterns: [...PRECACHE_GLOBS],
      globIgnores: ["sw.js", ".vite/**"],
    });
    if (warnings.length > 0) console.error(warnings.join("\n"));
    const urls = (manifestEntries ?? []).map((entry) => entry.url);
    return [
      {
        metric: "precache_gzip_bytes",
        value: urls.reduce((sum, url) => sum + gzipBytes(url), 0),
        unit: "bytes",
        target: 250 * 1024,
        better: "lower",
      },
    ];
  },
  lowend_first_paint_ms: async () => [
    {
      metric: "lowend_first_paint_ms",
      value: (await lowEndFigures()).firstPaintMs,
      unit: "ms",
      target: 3_000,
      better: "lower",
    },
  ],
  lowend_app_ready_ms: async () => [
    {
      metric: "lowend_app_ready_ms",
      value: (await lowEndFigures()).appReadyMs,
      unit: "ms",
      // No budget of its own in DESIGN §11; held to the first-paint budget.
      target: 3_000,
      better: "lower",
    },
  ],
  offline_reload_ms: async () => [
    {
      metric: "offline_reload_ms",
      value: (await lowEndFigures()).offlineReloadMs,
      unit: "ms",
      target: 1_000,
      better: "lower",
    },
  ],
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  for (const figure of await BENCHES[name]!()) {
    const ok = figure.better === "lower" ? figure.value <= figure.target : figure.value >= figure.target;
    console.log(
      JSON.stringify({
        metric: figure.metric,
        value: figure.value,
        unit: figure.unit,
        target: figure.target,
        ok,
      }),
    );
  }
}
