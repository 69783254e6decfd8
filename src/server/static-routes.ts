// Serves the built PWA: hashed assets cached forever, the shell, service worker and manifest always revalidated.
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/** Files whose names do not change between releases must never be served stale. */
function cacheControlFor(path: string): string {
  return /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.\w+$/.test(path) ? IMMUTABLE : REVALIDATE;
}

/** No inline script, no third party: everything the PWA needs comes from its own origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Role: anonymous. */
export function mountStatic(app: Hono, staticDir: string): void {
  app.use("/*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
  });
  // Build metadata (dist/.vite) and other dot-paths are not part of the app.
  app.use("/*", async (c, next) => (c.req.path.includes("/.") ? c.notFound() : next()));
  const setHeaders = (path: string, c: Context) => {
    c.header("Cache-Control", cacheControlFor(path));
    if (path.endsWith(".webmanifest")) c.header("Content-Type", "application/manifest+json");
  };
  app.use("/*", serveStatic({ root: staticDir, onFound: setHeaders }));
  // Any other page address is a client route: answer the app shell, which routes itself.
  app.get("/*", async (c, next) => {
    if (c.req.path.startsWith("/api/") || !c.req.header("accept")?.includes("text/html")) return next();
    return serveStatic({ root: staticDir, path: "index.html", onFound: setHeaders })(c, next);
  });
}
