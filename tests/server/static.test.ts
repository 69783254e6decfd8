// The built PWA as served: cache rules per kind of file, the shell for client routes, security headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../src/domain/sync-messages";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let staticDir: string;

beforeAll(async () => {
  // A miniature build output with the same shapes of names as Vite's.
  staticDir = mkdtempSync(path.join(tmpdir(), "tejido-static-"));
  mkdirSync(path.join(staticDir, "assets"));
  mkdirSync(path.join(staticDir, ".vite"));
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Tejido</title>");
  writeFileSync(path.join(staticDir, "sw.js"), "self.addEventListener('fetch', () => {});");
  writeFileSync(path.join(staticDir, "manifest.webmanifest"), '{"name":"Tejido"}');
  writeFileSync(
    path.join(staticDir, "assets", "index-ClZKEu38.js"),
    `console.log(${JSON.stringify("x".repeat(4000))});`,
  );
  writeFileSync(path.join(staticDir, ".vite", "manifest.json"), "{}");
  server = await startTestServer({ staticDir });
});
afterAll(async () => {
  await server.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(server.url + pathname, { headers });

describe("static PWA", () => {
  it("caches hashed assets for a year, immutable", async () => {
    const response = await get("/assets/index-ClZKEu38.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("never lets the shell, the service worker or the manifest go stale", async () => {
    for (const file of ["/", "/index.html", "/sw.js", "/manifest.webmanifest"]) {
      const response = await get(file);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("cache-control"), file).toBe("no-cache");
    }
    expect((await get("/manifest.webmanifest")).headers.get("content-type")).toBe(
      "application/manifest+json",
    );
  });

  it("answers client routes with the app shell, but not API addresses or missing files", async () => {
    const page = await get("/consulta/0193a5b0-7c00-7000-8000-000000000001", { accept: "text/html" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Tejido</title>");

    const api = await get("/api/v1/nothing-here", { accept: "text/html" });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);

    expect((await get("/assets/missing-abcdef12.js")).status).toBe(404);
  });

  it("answers a revalidation of an unchanged shell with 304", async () => {
    const first = await get("/sw.js");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await get("/sw.js", { "if-none-match": tag! });
    expect(again.status).toBe(304);
  });

  it("revalidates the shell without replacing its policy, so a reload still runs the app", async () => {
    const first = await get("/");
    expect(first.headers.get("content-security-policy")).toContain("script-src 'self'");
    const again = await get("/", { "if-none-match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
    // A 304's headers replace the stored ones: a strict "default-src 'none'" here left the reloaded page blank.
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect(again.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("does not serve build metadata", async () => {
    expect((await get("/.vite/manifest.json")).status).toBe(404);
  });

  it("sends a strict content security policy and compresses text", async () => {
    const response = await get("/assets/index-ClZKEu38.js", { "accept-encoding": "gzip" });
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("reports health with the protocol version", async () => {
    const response = await get("/api/v1/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", protocol: PROTOCOL_VERSION });
  });
});
