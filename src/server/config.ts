// Reads and validates the server's configuration from the environment, once.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_SITE_IDENTITY, SITE_CONTACT_PATTERN } from "../domain/site-identity";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  STATIC_DIR: z.string().min(1).default("./dist"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  SMALL_CELL_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  MAX_EXCHANGES_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
  OVERLOAD_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3_600).default(5),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default("Tejido <no-responder@localhost>"),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, "must be http(s)://host[:port], without a path or a final /")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  METRICS_TOKEN: z
    .string()
    .min(24, "must be at least 24 characters (a long random string)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain lower-case identifier")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Set but empty (as compose files often leave them): the default.
  SITE_NAME: z
    .string()
    .trim()
    .max(80)
    .default("")
    .transform((name) => name || DEFAULT_SITE_IDENTITY.name),
  SITE_OPERATOR: z
    .string()
    .trim()
    .max(200)
    .default("")
    .transform((operator) => operator || DEFAULT_SITE_IDENTITY.operator),
  SITE_CONTACT: z
    .string()
    .regex(SITE_CONTACT_PATTERN, "must be an email address or an https:// address")
    .max(200)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SITE_LOGO_FILE: z
    .string()
    .regex(/\.(svg|png|webp)$/i, "must be an .svg, .png or .webp file")
    .refine((file) => existsSync(file), "no such file")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export interface Config {
  /** Results suppress demographic counts below this (a small cell can point at one person). */
  smallCellThreshold: number;
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  maxBodyBytes: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: use the socket's address). */
  trustProxyHops: number;
  /** Exchanges with phones served at once; more are answered 503 with Retry-After. */
  maxExchangesInFlight: number;
  overloadRetryAfterSeconds: number;
  /** When set, PostgreSQL instead of the embedded SQLite file. */
  databaseUrl?: string;
  databaseSchema?: string;
  /** When set, requesters who left an email address are told of each status change. */
  smtpUrl?: string;
  mailFrom: string;
  /** The address people open the app at, for links in mail; http://localhost:PORT when not set. */
  publicUrl: string;
  /** PUBLIC_URL as set, if it was: links in staff exports use it, else the address the export was asked at. */
  publicUrlSet?: string;
  /** When set, GET /metrics also answers `Authorization: Bearer <token>` from anywhere (loopback needs none). */
  metricsToken?: string;
  /** The deployment's name, operator and contact, shown on every screen and on the privacy page. */
  site: { name: string; operator: string; contact?: string };
  /** The operator's logo, served at /logo.<ext>; the app's icon when not set. */
  siteLogoFile?: string;
}

/** Builds the configuration; throws a readable error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.SMTP_URL && !c.PUBLIC_URL)
    throw new Error(
      "Invalid configuration:\n  PUBLIC_URL: required with SMTP_URL (the address people open Tejido at, for the link in mail)",
    );
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    staticDir: path.resolve(c.STATIC_DIR),
    logLevel: c.LOG_LEVEL,
    maxBodyBytes: c.MAX_BODY_BYTES,
    trustProxyHops: c.TRUST_PROXY_HOPS,
    databaseUrl: c.DATABASE_URL,
    databaseSchema: c.DATABASE_SCHEMA,
    smallCellThreshold: c.SMALL_CELL_THRESHOLD,
    maxExchangesInFlight: c.MAX_EXCHANGES_IN_FLIGHT,
    overloadRetryAfterSeconds: c.OVERLOAD_RETRY_AFTER_S,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    ...(c.PUBLIC_URL ? { publicUrlSet: c.PUBLIC_URL } : {}),
    metricsToken: c.METRICS_TOKEN,
    site: {
      name: c.SITE_NAME,
      operator: c.SITE_OPERATOR,
      ...(c.SITE_CONTACT ? { contact: c.SITE_CONTACT } : {}),
    },
    ...(c.SITE_LOGO_FILE ? { siteLogoFile: path.resolve(c.SITE_LOGO_FILE) } : {}),
  };
}
