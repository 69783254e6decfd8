// Opens the database — SQLite (WAL) under DATA_DIR by default, PostgreSQL when DATABASE_URL is set — and migrates it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import type PgModule from "pg";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "postgres";

export interface Storage {
  db: Kysely<Database>;
  /**
   * A connection of its own for health checks: a probe must not queue behind the writes in flight (SQLite's
   * one connection serialises them; a busy PostgreSQL pool makes callers wait for a client).
   */
  probe: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema in use; undefined on SQLite. */
  schema?: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  /** postgres://… — when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); tests give each server its own. */
  databaseSchema?: string;
}

/** pg loads only when PostgreSQL is used: an SQLite server never pays its memory. */
async function loadPg(): Promise<typeof PgModule> {
  const { default: pg } = await import("pg");
  // int8 (bigserial positions, counts) as numbers: positions stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  return pg;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const storage = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.databaseSchema)
    : openSqlite(options.dataDir);
  try {
    await migrate(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

function openSqlite(dataDir: string): Storage {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  // FULL: a commit is on disk before the server answers "applied" and the phone forgets its copy,
  // even if the machine loses power. Pushes commit once per batch, so this costs one fsync per push.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  // Opened lazily: the file and its WAL exist by the first health check.
  const probe = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: async () => {
        const reader = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
        reader.pragma("query_only = ON");
        reader.pragma("busy_timeout = 1000");
        return reader;
      },
    }),
  });
  return {
    db,
    probe,
    dialect: "sqlite",
    close: async () => {
      await probe.destroy();
      await db.destroy();
    },
  };
}

async function openPostgres(connectionString: string, schema?: string): Promise<Storage> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`DATABASE_SCHEMA must be a plain lower-case identifier, got "${schema}"`);
  }
  const pg = await loadPg();
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const onPool = (max: number, connectionTimeoutMillis: number) => {
    const pool = new pg.Pool({
      connectionString,
      max,
      connectionTimeoutMillis,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection dropped by PostgreSQL (restart, failover, idle timeout) must not crash the
    // process: the pool discards it and the next query opens a new one.
    pool.on("error", (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  };
  const db = onPool(10, 10_000);
  const probe = onPool(1, 5_000);
  return {
    db,
    probe,
    dialect: "postgres",
    schema: schema ?? "public",
    close: async () => {
      await probe.destroy();
      await db.destroy();
    },
  };
}

async function migrate({ db, dialect, schema }: Storage): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // Name the schema of the migration tables: otherwise Kysely finds another schema's tables in the
  // same database and skips creating ours.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
