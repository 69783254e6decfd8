// Builds the Hono application: API routes, problem handling and the static PWA.
import { Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { requestId } from "hono/request-id";
import type { Kysely } from "kysely";
import { makeProblem } from "../domain/problem";
import { PROTOCOL_VERSION } from "../domain/sync-messages";
import { adminRoutes } from "./admin/admin-routes";
import { auditStaffActions } from "./audit/audit-middleware";
import { authRoutes } from "./auth/auth-routes";
import { designRoutes } from "./consultations/design-routes";
import { organizerPromptRoutes, publicPromptRoutes } from "./consultations/prompt-routes";
import { deviceRoutes } from "./devices/device-routes";
import { organizerDraftRoutes, publicDraftRoutes } from "./drafts/draft-routes";
import { exportRoutes } from "./exports/export-routes";
import {
  createLoadShedder,
  DEFAULT_LOAD_LIMIT,
  type LoadLimit,
  type LoadShedder,
} from "./http/load-shedding";
import { createMetrics, type MetricsAccess, mayReadMetrics } from "./http/metrics";
import { problemResponse, sendProblem } from "./http/problem-response";
import type { RateLimit } from "./http/rate-limit";
import { adminTranslationRoutes, publicTranslationRoutes } from "./i18n/translation-routes";
import type { Logger } from "./logger";
import type { Mailer } from "./mail/mailer";
import { publicRoutes } from "./public/public-routes";
import {
  DEFAULT_MAX_ATTACHMENT_BYTES,
  type RequestRoutesOptions,
  requestRoutes,
} from "./requests/request-routes";
import { mountStatic, type ShellIdentity } from "./static-routes";
import type { Database } from "./storage/schema";
import { pullRoute } from "./sync/pull-route";
import { pushRoute } from "./sync/push-route";
import { organizerTransferRoutes, relayRoute } from "./sync/transfer-routes";
import {
  civilSocietyTrackerRoutes,
  evidenceRoutes,
  officerTrackerRoutes,
  publicTrackerRoutes,
} from "./tracker/tracker-routes";
import { uploadRoutes } from "./uploads/upload-routes";

export interface AppOptions {
  db: Kysely<Database>;
  /** The health check's own connection (Storage.probe); the main one if absent. */
  probe?: Kysely<Database>;
  /** How many exchanges (push, pull, filing, upload) are served at once before 503 + Retry-After. */
  load?: LoadLimit;
  /** The shedder itself, when the caller wants to watch it (tests); made from `load` otherwise. */
  shedder?: LoadShedder;
  logger: Logger;
  maxBodyBytes: number;
  staticDir?: string;
  /** Where answer files are kept (DATA_DIR/files by default in main). */
  filesDir: string;
  /** PUBLIC_URL, when set: the address links in staff exports start with (behind a proxy, the request's is not). */
  publicUrl?: string;
  now?: () => Date;
  /** Rate limits and sizes of the information-request routes (tests shrink them). */
  requests?: Partial<
    Pick<RequestRoutesOptions, "statusLimit" | "filingLimit" | "maxAttachmentBytes" | "trustProxyHops">
  >;
  /** Sign-in attempts per client address, and password checks at once (tests change them). */
  auth?: { loginLimit?: RateLimit; hashing?: { running: number; waiting: number } };
  /** The enrolment rate limit and a revoked device's quarantine cap (tests shrink them). */
  devices?: { enrolLimit?: RateLimit; revokedQuarantineCap?: number; quarantineBytes?: number };
  /** Demographic counts below this are suppressed in results (SMALL_CELL_THRESHOLD, default 5). */
  smallCell?: number;
  /** Mail to requesters (SMTP_URL set): the sender, and the address people open the app at. */
  mail?: { mailer: Mailer; publicUrl: string };
  /** Who may read GET /metrics besides loopback callers with no proxy (METRICS_TOKEN); tests set the address. */
  metricsAccess?: Partial<Pick<MetricsAccess, "token" | "socketAddress">>;
  /** The deployment's identity, written into the app shell (SITE_* variables); the demo's when absent. */
  shell?: ShellIdentity;
}

export function createApp({
  db,
  probe = db,
  load = DEFAULT_LOAD_LIMIT,
  shedder = createLoadShedder(load),
  logger,
  maxBodyBytes,
  staticDir,
  shell,
  filesDir,
  publicUrl,
  now = () => new Date(),
  requests = {},
  devices = {},
  auth = {},
  smallCell,
  mail,
  metricsAccess = {},
}: AppOptions): Hono {
  const app = new Hono();
  const metrics = createMetrics({ db: probe, exchangesInFlight: shedder.inFlight });
  app.use(requestId());
  // Every answer, API and files included: never sniffed, never framed, HTTPS remembered (ignored over plain
  // HTTP), no referrer. API answers run nothing, so their policy allows nothing; the PWA sets its own.
  app.use(async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Strict-Transport-Security", "max-age=31536000");
    // A 304 updates the headers the browser stored with the page: one without a policy keeps the page's own
    // (the shell's, which lets its scripts run); a strict one here would replace it and leave the page blank.
    const revalidated = c.res.status === 304 && !c.req.path.startsWith("/api/");
    if (!revalidated && (c.req.path.startsWith("/api/") || !c.res.headers.has("Content-Security-Policy")))
      c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  });
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(metrics.requestCounter);
  // Role: operator. Prometheus text; anyone else is told there is nothing here.
  app.get("/metrics", async (c) => {
    if (!mayReadMetrics(c, { trustProxyHops: requests.trustProxyHops ?? 0, ...metricsAccess }))
      return sendProblem(c, "not-found", 404, "There is nothing at this address");
    c.header("Cache-Control", "no-store");
    return c.body(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType });
  });

  const api = new Hono();
  // A NUL byte in the address (path or query, %00) is never part of an id, a cursor or a filter; PostgreSQL
  // refuses it in text, so it is turned away here, for every route, before it reaches a query.
  api.use("*", async (c, next) => {
    if (/%00/.test(c.req.url))
      return problemResponse(
        c,
        makeProblem("invalid-request", 400, "The address holds a NUL character", {
          detail: "Remove %00 from the path and the query.",
        }),
      );
    await next();
  });
  // JSON answers (pulls, the institution list, statuses) are gzipped: on 2G every byte is time and money.
  api.use("*", compress());
  // A JSON answer says its length, so compress() leaves the small ones (health, problems, acks) as they are:
  // gzip costs more than it saves under a kilobyte, and a flood of small answers must stay cheap to serve.
  api.use("*", async (c, next) => {
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (c.res.headers.has("content-length") || !/^application\/(problem\+)?json/.test(type) || !c.res.body)
      return;
    const bytes = await c.res.arrayBuffer();
    const headers = new Headers(c.res.headers);
    headers.set("content-length", String(bytes.byteLength));
    c.res = new Response(bytes, { status: c.res.status, statusText: c.res.statusText, headers });
  });
  // Every staff action that changed something, once it succeeded: who, what, on what, when (admins read it).
  api.use("*", auditStaffActions({ db, now, logger }));
  // Role: anonymous. Answers 503 when the database does not. Its own connection and no load limit: it stays
  // fast while pushes queue.
  api.get("/health", async (c) => {
    try {
      await probe.selectFrom("changes").select("position").limit(1).execute();
      return c.json({ status: "ok", protocol: PROTOCOL_VERSION, time: now().toISOString() });
    } catch (error) {
      logger.error({ err: error }, "health check failed");
      return c.json({ status: "unavailable" }, 503);
    }
  });
  // Exchanges with phones share one in-flight limit; past it they are turned away with 503 at once. Uploads
  // have a limit of their own: a chunk crawling in over 2G must not keep pushes and pulls out.
  api.use("/sync/push", metrics.timeExchange("push"));
  api.use("/sync/pull", metrics.timeExchange("pull"));
  api.on("POST", "/requests", metrics.timeExchange("filing"));
  for (const path of ["/sync/push", "/sync/pull"]) api.use(path, shedder.middleware);
  api.on("POST", "/requests", shedder.middleware);
  api.use("/uploads/*", createLoadShedder(load).middleware);
  api.route(
    "/auth",
    authRoutes({
      db,
      now,
      trustProxyHops: requests.trustProxyHops ?? 0,
      ...auth,
    }),
  );
  api.route("/admin", adminRoutes({ db, now }));
  api.route("/admin", adminTranslationRoutes({ db, now }));
  const enrolment = deviceRoutes({
    db,
    now,
    trustProxyHops: requests.trustProxyHops ?? 0,
    ...(devices.enrolLimit ? { enrolLimit: devices.enrolLimit } : {}),
  });
  api.route("/organizer", designRoutes({ db, now }));
  api.route("/organizer", organizerPromptRoutes({ db, now, filesDir }));
  api.route("/organizer", enrolment.organizer);
  api.route("/devices", enrolment.devices);
  api.route(
    "/organizer",
    exportRoutes({
      db,
      now,
      metrics,
      filesDir,
      ...(publicUrl === undefined ? {} : { publicUrl }),
      ...(smallCell === undefined ? {} : { smallCell }),
    }),
  );
  api.route("/public", publicTranslationRoutes({ db, now }));
  api.route("/public", publicPromptRoutes({ db, now, filesDir }));
  api.route("/public", publicRoutes({ db, now, metrics, ...(smallCell === undefined ? {} : { smallCell }) }));
  api.route("/public", publicTrackerRoutes({ db, now }));
  // Comments come from the same people as requests, with the same protections (and the same limit, counted apart).
  api.route(
    "/public",
    publicDraftRoutes({
      db,
      now,
      trustProxyHops: requests.trustProxyHops ?? 0,
      ...(requests.filingLimit ? { commentLimit: requests.filingLimit } : {}),
    }),
  );
  api.route("/organizer", organizerDraftRoutes({ db, now }));
  api.route("/officer", officerTrackerRoutes({ db, now, filesDir }));
  api.route("/civil-society", civilSocietyTrackerRoutes({ db, now, filesDir }));
  api.route(
    "/sync/push",
    pushRoute({
      db,
      maxBodyBytes,
      now,
      metrics,
      ...(devices.revokedQuarantineCap === undefined
        ? {}
        : { revokedQuarantineCap: devices.revokedQuarantineCap }),
      ...(devices.quarantineBytes === undefined ? {} : { quarantineBytes: devices.quarantineBytes }),
    }),
  );
  api.route("/sync/pull", pullRoute({ db, logger }));
  const transfers = {
    db,
    now,
    filesDir,
    ...(devices.quarantineBytes === undefined ? {} : { quarantineBytes: devices.quarantineBytes }),
  };
  api.route("/organizer", organizerTransferRoutes(transfers));
  api.route("/sync/relay", relayRoute(transfers));
  api.route(
    "/",
    requestRoutes({
      db,
      now,
      filesDir,
      ...requests,
      ...(mail
        ? { mail: { mailer: mail.mailer, statusPageUrl: `${mail.publicUrl}/solicitudes/estado` } }
        : {}),
    }),
  );
  api.route(
    "/uploads",
    uploadRoutes({
      db,
      now,
      filesDir,
      maxBytes: requests.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    }),
  );
  api.notFound((c) => sendProblem(c, "not-found", 404, "There is no such API address"));
  app.route("/api/v1", api);
  app.all("/api/*", (c) => sendProblem(c, "not-found", 404, "There is no such API address"));
  // Evidence at its permanent address, with or without the PWA in front.
  app.route("/evidencia", evidenceRoutes({ db, filesDir }));

  if (staticDir) {
    app.use("/*", compress());
    // The shell, the service worker and the manifest are revalidated on every visit: a 304 keeps that cheap on 2G.
    app.use("/*", etag());
    mountStatic(app, staticDir, shell);
  }

  app.onError((error, c) => {
    logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return sendProblem(c, "internal", 500, "Something went wrong on the server", {
      detail: "The request was not completed; it is safe to retry.",
    });
  });
  return app;
}
