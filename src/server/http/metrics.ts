// GET /metrics — Prometheus text for whoever runs the server: requests by route and status, push results, sync
// and export durations, and the depth of what waits. Not public: loopback without a proxy, or a bearer token.
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Kysely } from "kysely";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { MutationStatus } from "../../domain/sync-messages";
import { MAX_MAIL_ATTEMPTS } from "../mail/mailer";
import type { Database } from "../storage/schema";
import { socketAddress } from "./client-address";

/** Seconds: from a fast pull on loopback to a large push on a loaded 2-core machine. */
const EXCHANGE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: exports stream for longer (a consultation of 100,000 inputs as XLSX). */
const EXPORT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export type Exchange = "push" | "pull" | "filing";
export type ExportKind = "csv" | "jsonl" | "xlsx" | "datapackage";

export interface MetricsSources {
  db: Kysely<Database>;
  /** Exchanges being served now (the load shedder's count). */
  exchangesInFlight: () => number;
}

/** One registry per app, so two servers in one process (tests) never mix their counts. */
export function createMetrics({ db, exchangesInFlight }: MetricsSources) {
  const registry = new Registry();
  const requests = new Counter({
    name: "tejido_http_requests_total",
    help: "HTTP requests answered, by method, registered route pattern and status code",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const pushResults = new Counter({
    name: "tejido_push_mutations_total",
    help: "Mutations pushed by devices, by what became of them once their batch was committed",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const syncSeconds = new Histogram({
    name: "tejido_sync_duration_seconds",
    help: "Time the server took to answer an exchange with a phone (push, pull, filing), by outcome",
    labelNames: ["exchange", "outcome"] as const,
    buckets: EXCHANGE_BUCKETS,
    registers: [registry],
  });
  const exportSeconds = new Histogram({
    name: "tejido_export_duration_seconds",
    help: "Time from the start of an export to its last byte, by format",
    labelNames: ["format"] as const,
    buckets: EXPORT_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "tejido_exchanges_in_flight",
    help: "Exchanges with phones being served now (past MAX_EXCHANGES_IN_FLIGHT they are turned away)",
    registers: [registry],
    collect() {
      this.set(exchangesInFlight());
    },
  });
  new Gauge({
    name: "tejido_queue_depth",
    help: "Work waiting: mail not yet sent (mail_waiting), mail given up after every try (mail_failed), records kept in quarantine (quarantine)",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      const [mail, quarantined] = await Promise.all([
        db
          .selectFrom("mail_outbox")
          .select((eb) => [
            eb.fn.count<string | number>("id").filterWhere("attempts", "<", MAX_MAIL_ATTEMPTS).as("waiting"),
            eb.fn.count<string | number>("id").filterWhere("attempts", ">=", MAX_MAIL_ATTEMPTS).as("failed"),
          ])
          .where("sent_at", "is", null)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("quarantine")
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow(),
      ]);
      this.set({ queue: "mail_waiting" }, Number(mail.waiting));
      this.set({ queue: "mail_failed" }, Number(mail.failed));
      this.set({ queue: "quarantine" }, Number(quarantined.n));
    },
  });

  return {
    registry,
    /** Counts every answer by the pattern it was routed by (never the raw path: the label set stays small). */
    requestCounter: (async (c, next) => {
      await next();
      requests.inc({ method: c.req.method, route: routeLabel(c), status: String(c.res.status) });
    }) satisfies MiddlewareHandler,
    /** Times an exchange; its outcome is the class of its status (2xx, 4xx, 5xx). */
    timeExchange(exchange: Exchange): MiddlewareHandler {
      return async (c, next) => {
        const stop = syncSeconds.startTimer({ exchange });
        try {
          await next();
        } finally {
          stop({ outcome: `${Math.floor(c.res.status / 100)}xx` });
        }
      };
    },
    /** Push results, counted only after their transaction committed. */
    countPushResults(results: readonly { status: MutationStatus }[]) {
      for (const { status } of results)
        pushResults.inc({ result: status === "rejected" ? "quarantined" : status });
    },
    /** Mutations from a revoked device: all refused (kept raw for review while under its cap). */
    countRevoked(count: number) {
      if (count > 0) pushResults.inc({ result: "revoked" }, count);
    },
    /** Passes an export's bytes through and records how long it took once the last one has gone. */
    timeExport(format: ExportKind, body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
      const stop = exportSeconds.startTimer({ format });
      return body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          flush() {
            stop();
          },
        }),
      );
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The pattern that answered (`/api/v1/organizer/consultations/:id/export`), or `unmatched` for an unknown address. */
function routeLabel(c: Context): string {
  const pattern = routePath(c);
  if (c.res.status === 404 && (!pattern || pattern.endsWith("*"))) return "unmatched";
  return pattern || "unmatched";
}

export interface MetricsAccess {
  /** METRICS_TOKEN: a scraper anywhere may read with `Authorization: Bearer <token>`. */
  token?: string;
  /** Reverse proxies in front: then every request seems to come from loopback, so only the token opens. */
  trustProxyHops: number;
  /** The caller's socket address (tests give their own). */
  socketAddress?: (c: Context) => string | undefined;
}

const PROXY_HEADERS = [
  "x-forwarded-for",
  "forwarded",
  "x-real-ip",
  "via",
  "x-forwarded-proto",
  "x-forwarded-host",
];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Whether this caller may read the metrics: with the token, or straight from loopback with no proxy in
 * between (a proxy on the same machine would make every visitor look local, so then only the token opens).
 */
export function mayReadMetrics(c: Context, access: MetricsAccess): boolean {
  const header = c.req.header("authorization") ?? "";
  if (access.token && header.startsWith("Bearer ")) {
    const given = Buffer.from(header.slice(7));
    const expected = Buffer.from(access.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  if (access.trustProxyHops > 0) return false;
  // Any sign of a proxy (whatever headers it was set up to add) closes the loopback door.
  for (const header of PROXY_HEADERS) if (c.req.header(header) !== undefined) return false;
  const address = (access.socketAddress ?? socketAddress)(c);
  return address !== undefined && LOOPBACK.test(address);
}
