// Opens the SQLite database (WAL) under DATA_DIR and brings its schema up to date.
import { mkdirSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from "kysely";
import * as initial from "./migrations/0001-initial";
import type { Database } from "./schema";

/** Migrations are listed here, not read from disk, so the bundle and tsx see the same set. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface Storage {
  db: Kysely<Database>;
  close(): Promise<void>;
}

export async function openStorage(dataDir: string): Promise<Storage> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  // FULL: a commit is on disk before the server answers "applied" and the phone forgets its copy,
  // even if the machine loses power. Pushes commit once per batch, so this costs one fsync per push.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return { db, close: () => db.destroy() };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
  }
}
