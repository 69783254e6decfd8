// Runs the real server in this process on a loopback port, with a real SQLite file in a temp dir.

import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { uuidv7 } from "uuidv7";
import { type AppOptions, createApp } from "../../src/server/app";
import { seedDemoConsultation } from "../../src/server/consultations/consultation-store";
import { answerClientErrors } from "../../src/server/http/client-errors";
import {
  createLoadShedder,
  DEFAULT_LOAD_LIMIT,
  type LoadLimit,
  type LoadShedder,
} from "../../src/server/http/load-shedding";
import type { RateLimit } from "../../src/server/http/rate-limit";
import { createLogger } from "../../src/server/logger";
import { createMailer, type Mailer } from "../../src/server/mail/mailer";
import { seedRequestCatalogues } from "../../src/server/requests/catalogue-store";
import type { RequestRoutesOptions } from "../../src/server/requests/request-routes";
import { dropSchema, openStorage, type Storage } from "../../src/server/storage/database";
import { seedDemoCommitment } from "../../src/server/tracker/tracker-store";

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  storage: Storage;
  /** The server's load shedder: tests of overload wait until it holds what they sent. */
  shedder: LoadShedder;
  /** The mail sender, when started with smtpUrl. */
  mailer?: Mailer;
  /** Stops listening and closes the database; the data dir stays for a restart. */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops and deletes the data dir. */
  dispose(): Promise<void>;
}

/** "postgres" when this test project runs against PostgreSQL (DATABASE_URL), otherwise SQLite. */
export const TEST_BACKEND = process.env.TEST_BACKEND === "postgres" ? "postgres" : "sqlite";

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "TEST_BACKEND=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)",
    );
  return url;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "tejido-test-"));
}

export interface TestServerOptions {
  dataDir?: string;
  maxBodyBytes?: number;
  staticDir?: string;
  /** The server's clock, for tests of expiry and delays. */
  now?: () => Date;
  requests?: Partial<Pick<RequestRoutesOptions, "statusLimit" | "filingLimit" | "maxAttachmentBytes">>;
  /** Enrolment attempts per address; tests that enrol many simulated phones from one address get room. */
  enrolLimit?: RateLimit;
  /** Bytes each device may have in quarantine. */
  quarantineBytes?: number;
  /** Sign-in limits; by default high enough for tests that sign in before each case. */
  auth?: { loginLimit?: RateLimit; hashing?: { running: number; waiting: number } };
  /** Believe this many proxies' X-Forwarded-For (tests of per-address limits pose as several clients). */
  trustProxyHops?: number;
  /** What a revoked device may still add to quarantine. */
  revokedQuarantineCap?: number;
  /** Exchanges served at once before 503 (tests of load shedding shrink it). */
  load?: LoadLimit;
  /** Mail to requesters through this SMTP server (tests run one with smtp-server). */
  smtpUrl?: string;
  /**
   * A second instance on the first one's database (its SQLite file, or its PostgreSQL schema), as two servers
   * behind one load balancer; disposing it leaves the data to the first.
   */
  shareDatabaseOf?: TestServer;
  /** Who may read GET /metrics: a bearer token, and the socket address the server believes (default: the real one). */
  metricsAccess?: AppOptions["metricsAccess"];
}

export async function startTestServer(options: TestServerOptions = {}) {
  const shared = options.shareDatabaseOf;
  const dataDir = shared?.dataDir ?? options.dataDir ?? makeDataDir();
  // Each test server gets its own PostgreSQL schema, dropped on dispose: runs never see each other's rows.
  const schema =
    TEST_BACKEND !== "postgres" ? undefined : (shared?.storage.schema ?? `t_${uuidv7().replaceAll("-", "")}`);
  let server: ServerType | undefined;
  let port = 0;
  const handle = { shedder: createLoadShedder(options.load ?? DEFAULT_LOAD_LIMIT) } as TestServer;

  async function start() {
    const storage = await openStorage(
      schema ? { dataDir, databaseUrl: databaseUrl(), databaseSchema: schema } : { dataDir },
    ).catch(async (error: unknown) => {
      if (schema && !shared) await dropSchema(databaseUrl(), schema);
      throw error;
    });
    await seedDemoConsultation(storage.db, new Date("2026-11-01T12:00:00Z"));
    await seedRequestCatalogues(storage.db, new Date("2026-11-01T12:00:00Z"));
    await seedDemoCommitment(storage.db, new Date("2026-11-01T12:00:00Z"));
    const mailer = options.smtpUrl
      ? createMailer({
          db: storage.db,
          smtpUrl: options.smtpUrl,
          from: "Tejido <no-responder@tejido.test>",
          logger: createLogger("silent"),
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
    const app = createApp({
      db: storage.db,
      probe: storage.probe,
      shedder: handle.shedder,
      ...(mailer ? { mail: { mailer, publicUrl: "https://tejido.test" } } : {}),
      logger: createLogger("silent"),
      maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
      staticDir: options.staticDir,
      filesDir: path.join(dataDir, "files"),
      requests: {
        ...options.requests,
        ...(options.trustProxyHops === undefined ? {} : { trustProxyHops: options.trustProxyHops }),
      },
      auth: {
        loginLimit: { limit: 100_000, windowMs: 60_000 },
        // Tests sign in many at once (before each case, in parallel sessions): let them all wait their turn.
        hashing: { running: 2, waiting: 1_000 },
        ...options.auth,
      },
      devices: {
        enrolLimit: options.enrolLimit ?? { limit: 100_000, windowMs: 60_000 },
        ...(options.revokedQuarantineCap === undefined
          ? {}
          : { revokedQuarantineCap: options.revokedQuarantineCap }),
        ...(options.quarantineBytes === undefined ? {} : { quarantineBytes: options.quarantineBytes }),
      },
      ...(options.now ? { now: options.now } : {}),
      ...(options.metricsAccess ? { metricsAccess: options.metricsAccess } : {}),
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
      answerClientErrors(server as Server);
    });
    Object.assign(handle, { url: `http://127.0.0.1:${port}`, port, storage, mailer });
  }

  async function stop() {
    const current = server;
    server = undefined;
    if (current) {
      await new Promise<void>((resolve) => {
        current.close(() => resolve());
        (current as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    }
    await handle.mailer?.stop();
    await handle.storage?.close();
  }

  Object.assign(handle, {
    dataDir,
    stop,
    restart: start,
    async dispose() {
      await stop();
      if (shared) return;
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropSchema(databaseUrl(), schema);
    },
  });
  await start();
  return handle;
}
