// Serves the built PWA: hashed assets cached forever, the shell, service worker and manifest always revalidated.
// The shell carries the deployment's identity (name, operator, contact, logo), written in by the server.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";
import { DEFAULT_SITE_IDENTITY, SITE_IDENTITY_ELEMENT_ID, type SiteIdentity } from "../domain/site-identity";

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

export interface ShellIdentity {
  site: Omit<SiteIdentity, "logo">;
  /** The operator's logo file (.svg, .png or .webp), served at /logo.<ext>. */
  logoFile?: string;
}

const LOGO_TYPES: Record<string, string> = {
  svg: "image/svg+xml",
  png: "image/png",
  webp: "image/webp",
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The built index.html with the identity in it: the JSON block the app reads, and the name and operator in the
 * HTML painted before any script runs. Elements are found by their markers (id, data-site), so a rebuilt shell
 * needs no change here.
 */
export function renderShell(html: string, identity: SiteIdentity): string {
  // In a <script> block, "</" would end it early: JSON escapes "<" instead.
  const json = JSON.stringify(identity).replace(/</g, "\\u003c");
  return html
    .replace(
      new RegExp(`(<script type="application/json" id="${SITE_IDENTITY_ELEMENT_ID}">)[^<]*(</script>)`),
      (_, open: string, close: string) => `${open}${json}${close}`,
    )
    .replace(
      /(<title>)[^<]*(<\/title>)/,
      (_, open: string, close: string) => `${open}${escapeHtml(identity.name)}${close}`,
    )
    .replace(
      /(<[a-z]+ [^>]*data-site="(name|operator)"[^>]*>)[^<]*(<)/g,
      (_, open: string, key: "name" | "operator", close: string) =>
        `${open}${escapeHtml(identity[key])}${close}`,
    )
    .replace(/(<img [^>]*data-site="logo"[^>]*src=")[^"]*(")/g, (_, open: string, close: string) => {
      return `${open}${escapeHtml(identity.logo)}${close}`;
    });
}

/** Role: anonymous. */
export function mountStatic(
  app: Hono,
  staticDir: string,
  shell: ShellIdentity = { site: DEFAULT_SITE_IDENTITY },
): void {
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

  const logoExtension = shell.logoFile ? path.extname(shell.logoFile).slice(1).toLowerCase() : undefined;
  const identity: SiteIdentity = {
    ...shell.site,
    logo: logoExtension ? `/logo.${logoExtension}` : DEFAULT_SITE_IDENTITY.logo,
  };
  if (shell.logoFile && logoExtension) {
    const logoFile = shell.logoFile;
    const type = LOGO_TYPES[logoExtension] ?? "application/octet-stream";
    app.get(`/logo.${logoExtension}`, (c) => {
      c.header("Cache-Control", REVALIDATE);
      return c.body(readFileSync(logoFile), 200, { "content-type": type });
    });
  }

  // The shell, read again only when the build replaced it: whole for the home (and for the service worker,
  // which caches /index.html), without the home's front door for any other address.
  const indexFile = path.join(staticDir, "index.html");
  let cached: { version: string; home: string; other: string } | undefined;
  const shellHtml = (home: boolean): string | undefined => {
    let version: string;
    try {
      // Time and size: a deploy that keeps file times (rsync -t, cp -p) still changes one of them.
      const stat = statSync(indexFile);
      version = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return undefined;
    }
    if (cached?.version !== version) {
      const html = renderShell(readFileSync(indexFile, "utf8"), identity);
      cached = { version, home: html, other: html.replace(/<!--home-->[\s\S]*?<!--\/home-->/, "") };
    }
    return home ? cached.home : cached.other;
  };
  const answerShell = async (c: Context, next: () => Promise<void>) => {
    const html = shellHtml(c.req.path === "/" || c.req.path === "/index.html");
    if (html === undefined) return next();
    c.header("Cache-Control", REVALIDATE);
    return c.html(html);
  };
  app.get("/", answerShell);
  app.get("/index.html", answerShell);
  app.use("/*", serveStatic({ root: staticDir, onFound: setHeaders }));
  // Any other page address is a client route: answer the app shell, which routes itself.
  app.get("/*", async (c, next) => {
    if (c.req.path.startsWith("/api/") || !c.req.header("accept")?.includes("text/html")) return next();
    return answerShell(c, next);
  });
}
