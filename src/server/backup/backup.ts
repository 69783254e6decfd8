// Backup and restore of a whole Tejido: the database (SQLite's online backup while the server runs, or pg_dump
// under one exported snapshot) and the files directory, with a manifest of what the snapshot holds — every
// table's row count and every consultation's record chain head — that a restore checks itself against.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { recordChain, sha256OfFile } from "../hash";

export const BACKUP_FORMAT = "tejido-backup/1";
const SQLITE_FILE = "tejido.sqlite";
const PG_FILE = "tejido.pgdump";

export interface Summary {
  /** Rows per table (every table of the schema, migrations' own included). */
  tables: Record<string, number>;
  /**
   * Per consultation, its records' chain as the open-data package computes it (DESIGN §7): every stored input
   * by id, sha256(previous + ':' + id + ':' + payload SHA-256) from sha256('tejido:' + consultation id).
   */
  chains: Record<string, { count: number; head: string }>;
  /** The audit log's last row: its number and hash (absent in backups made before the log existed). */
  audit?: { entries: number; head: string | null };
}

export interface BackupManifest extends Summary {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: "sqlite" | "postgres";
  /** Every file under files/, by its path there: size and SHA-256 of the copy. */
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface Target {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

/** One query runner over either database, enough for counting and chaining. */
type Rows = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

async function summarize(rows: Rows, tables: string[], quote: (name: string) => string): Promise<Summary> {
  const counts: Record<string, number> = {};
  for (const table of tables.sort()) {
    const [row] = await rows(`select count(*) as n from ${quote(table)}`);
    counts[table] = Number(row?.n ?? 0);
  }
  const chains: Summary["chains"] = {};
  if (tables.includes("inputs")) {
    // Ordered in SQL by consultation and id: one pass, the same order the package uses (ids are ASCII UUIDs).
    const inputs = await rows(
      `select consultation_id, id, payload_sha256 from ${quote("inputs")} order by consultation_id, id`,
    );
    const running = new Map<string, ReturnType<typeof recordChain>>();
    for (const input of inputs) {
      const consultation = String(input.consultation_id);
      const chain = running.get(consultation) ?? recordChain(consultation);
      running.set(consultation, chain);
      chain.add(String(input.id), String(input.payload_sha256 ?? ""));
    }
    for (const [consultation, chain] of running) {
      const { count, chainHead } = chain.result();
      chains[consultation] = { count, head: chainHead };
    }
  }
  if (!tables.includes("audit_log")) return { tables: counts, chains };
  const [last] = await rows(`select seq, hash from ${quote("audit_log")} order by seq desc limit 1`);
  return {
    tables: counts,
    chains,
    audit: { entries: Number(last?.seq ?? 0), head: last ? String(last.hash) : null },
  };
}

async function summarizeSqlite(file: string): Promise<Summary> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const rows: Rows = async (sql, params = []) =>
      db.prepare(sql).all(...params) as Record<string, unknown>[];
    const tables = (
      db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return await summarize(rows, tables, (name) => `"${name}"`);
  } finally {
    db.close();
  }
}

async function pgClient(databaseUrl: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

type PgClient = Awaited<ReturnType<typeof pgClient>>;

async function summarizePostgres(client: PgClient, schema: string): Promise<Summary> {
  const rows: Rows = async (sql, params = []) => (await client.query(sql, params)).rows;
  const tables = (
    await rows(
      "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
      [schema],
    )
  ).map((t) => String(t.table_name));
  return summarize(rows, tables, (name) => `"${schema}"."${name}"`);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", (error) =>
      reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client tools`)),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr}`)),
    );
  });
}

function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), relative);
    return entry.isFile() ? [relative] : [];
  });
}

async function fileIndex(dir: string): Promise<BackupManifest["files"]> {
  const index: BackupManifest["files"] = {};
  for (const relative of listFiles(dir).sort()) {
    const full = path.join(dir, relative);
    index[relative] = { bytes: statSync(full).size, sha256: await sha256OfFile(full) };
  }
  return index;
}

/**
 * Writes a backup into a new directory under `outDir` and returns its path and manifest. The server may keep
 * running: the database is copied as of one instant, then the files (written before the rows that name them,
 * and never rewritten), so every file the copied rows refer to is in the copy.
 */
export async function backup(
  target: Target,
  outDir: string,
  now = new Date(),
): Promise<{ dir: string; manifest: BackupManifest }> {
  const dir = path.join(path.resolve(outDir), `tejido-backup-${now.toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(dir, { recursive: true });
  let summary: Summary;
  if (target.databaseUrl) {
    const schema = target.databaseSchema || "public";
    const client = await pgClient(target.databaseUrl);
    try {
      // One snapshot for both the dump and the manifest: what one says, the other holds.
      await client.query("begin isolation level repeatable read read only");
      const [row] = (await client.query("select pg_export_snapshot() as id")).rows as { id: string }[];
      summary = await summarizePostgres(client, schema);
      await run("pg_dump", [
        `--dbname=${target.databaseUrl}`,
        `--snapshot=${row?.id}`,
        `--schema=${schema}`,
        "--format=custom",
        "--no-owner",
        `--file=${path.join(dir, PG_FILE)}`,
      ]);
      await client.query("commit");
    } finally {
      await client.end();
    }
  } else {
    const source = path.join(target.dataDir, SQLITE_FILE);
    if (!existsSync(source)) throw new Error(`No database at ${source}: is DATA_DIR right?`);
    const live = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
    try {
      // SQLite's online backup: pages copied in steps while writers go on; a write mid-copy restarts it.
      await live.backup(path.join(dir, SQLITE_FILE));
    } finally {
      live.close();
    }
    summary = await summarizeSqlite(path.join(dir, SQLITE_FILE));
  }
  const filesDir = path.join(target.dataDir, "files");
  if (existsSync(filesDir)) cpSync(filesDir, path.join(dir, "files"), { recursive: true });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: now.toISOString(),
    database: target.databaseUrl ? "postgres" : "sqlite",
    ...summary,
    files: await fileIndex(path.join(dir, "files")),
  };
  writeFileSync(path.join(dir, "backup.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

export interface RestoreReport {
  matches: boolean;
  /** What differs between the manifest and the restored copy (empty when it matches). */
  differences: string[];
  summary: Summary;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, "backup.json");
  if (!existsSync(file)) throw new Error(`${dir} is not a Tejido backup: it has no backup.json`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`Unknown backup format ${String(manifest.format)}`);
  return manifest;
}

function compare(manifest: BackupManifest, summary: Summary, files: BackupManifest["files"]): string[] {
  const differences: string[] = [];
  const tables = new Set([...Object.keys(manifest.tables), ...Object.keys(summary.tables)]);
  for (const table of tables) {
    if (manifest.tables[table] !== summary.tables[table])
      differences.push(
        `table ${table}: ${manifest.tables[table]} in the backup, ${summary.tables[table]} restored`,
      );
  }
  for (const id of new Set([...Object.keys(manifest.chains), ...Object.keys(summary.chains)])) {
    if (manifest.chains[id]?.head !== summary.chains[id]?.head)
      differences.push(`consultation ${id}: chain head differs`);
  }
  if (manifest.audit && manifest.audit.head !== summary.audit?.head)
    differences.push("audit log: its last row differs");
  for (const name of new Set([...Object.keys(manifest.files), ...Object.keys(files)])) {
    if (manifest.files[name]?.sha256 !== files[name]?.sha256)
      differences.push(`file ${name} differs or is missing`);
  }
  return differences;
}

/**
 * Restores a backup into `target` (the server stopped), then checks the result against the manifest. A database
 * already there is refused unless `force`; with force the old SQLite file is kept beside, renamed, and a
 * PostgreSQL schema is dropped and replaced.
 */
export async function restore(dir: string, target: Target, force = false): Promise<RestoreReport> {
  const manifest = readManifest(dir);
  const wantPostgres = Boolean(target.databaseUrl);
  if ((manifest.database === "postgres") !== wantPostgres)
    throw new Error(
      `This backup is of ${manifest.database}; set DATABASE_URL ${wantPostgres ? "empty" : "to a PostgreSQL database"} to restore it`,
    );
  mkdirSync(target.dataDir, { recursive: true });
  let summary: Summary;
  if (target.databaseUrl) {
    const schema = target.databaseSchema || "public";
    const client = await pgClient(target.databaseUrl);
    try {
      const existing = await client.query(
        "select count(*)::int as n from information_schema.tables where table_schema = $1",
        [schema],
      );
      if ((existing.rows[0] as { n: number }).n > 0) {
        if (!force)
          throw new Error(`Schema ${schema} already holds tables: restore with --force to replace it`);
      }
      // The dump creates its schema (public included), so an empty one is dropped first.
      await client.query(`drop schema if exists "${schema}" cascade`);
      await run("pg_restore", [
        `--dbname=${target.databaseUrl}`,
        "--no-owner",
        "--exit-on-error",
        path.join(dir, PG_FILE),
      ]);
      summary = await summarizePostgres(client, schema);
    } finally {
      await client.end();
    }
  } else {
    const file = path.join(target.dataDir, SQLITE_FILE);
    if (existsSync(file)) {
      if (!force) throw new Error(`${file} exists: restore with --force to replace it (it is kept, renamed)`);
      const aside = `${file}.before-restore-${Date.now()}`;
      renameSync(file, aside);
      for (const suffix of ["-wal", "-shm"])
        if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    cpSync(path.join(dir, SQLITE_FILE), file);
    summary = await summarizeSqlite(file);
  }
  const filesDir = path.join(target.dataDir, "files");
  if (existsSync(path.join(dir, "files"))) {
    if (existsSync(filesDir) && force) rmSync(filesDir, { recursive: true, force: true });
    cpSync(path.join(dir, "files"), filesDir, { recursive: true, force: false, errorOnExist: false });
  }
  const files = await fileIndex(filesDir);
  const differences = compare(manifest, summary, files);
  return { matches: differences.length === 0, differences, summary };
}
