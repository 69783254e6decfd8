// The server as deployed: built to JavaScript, run by plain node, needing only the runtime dependencies.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnServer } from "../support/spawn-server";
import { TEST_BACKEND } from "../support/test-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD = path.join(ROOT, "dist-server");

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

/** "hono/cookie" → "hono", "@tus/server" → "@tus/server". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

// The build is the same whatever the database; run once.
describe.skipIf(TEST_BACKEND !== "sqlite")("the compiled server", () => {
  it("is built (npm run build writes dist-server/)", () => {
    expect(existsSync(path.join(BUILD, "main.js")), "run `npm run build` before the tests").toBe(true);
  });

  it("imports nothing but Node's own modules and the runtime dependencies (no tsx, no dev tools)", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const allowed = new Set(Object.keys(manifest.dependencies));
    expect(allowed.has("tsx")).toBe(false);
    const imported = new Set<string>();
    for (const file of builtFiles(BUILD)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(
        /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']((?:@[\w.-]+\/)?[\w][\w.-]*(?:\/[\w.-]+)*)["']/g,
      )) {
        const specifier = match[1] ?? "";
        if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        imported.add(packageOf(specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it("starts with plain node, migrates a fresh database and answers", async () => {
    const server = await spawnServer({}, { compiled: true });
    try {
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
      // Migrated and seeded: the institutions catalogue is there.
      const institutions = await fetch(`${server.url}/api/v1/institutions`);
      expect(institutions.status).toBe(200);
      expect(JSON.stringify(await institutions.json()).length).toBeGreaterThan(100);
      expect(server.child.spawnargs).not.toContain("tsx");
    } finally {
      await server.stop();
    }
  });
});
