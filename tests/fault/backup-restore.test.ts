// A backup taken while phones push and an officer uploads, restored elsewhere: the restored database holds
// exactly what the backup's manifest says (rows per table, every consultation's chain head, every file), and a
// server started on it publishes the same chain head in its open-data package. SQLite and PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { uuidv7 } from "uuidv7";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit-log";
import type { BackupManifest } from "../../src/server/backup/backup";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID, demoConsultation } from "../../src/server/consultations/demo-consultation";
import { dropSchema, openStorage } from "../../src/server/storage/database";
import { codesForProcess, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { seededInstitution, staffSession } from "../support/requests";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { TEST_BACKEND } from "../support/test-server";
import { uploadFile } from "../support/tus";

const ROOT = path.resolve(import.meta.dirname, "../..");
const baseUrl = process.env.DATABASE_URL ?? "";
const postgres = TEST_BACKEND === "postgres";
const schema = `backup_${uuidv7().replaceAll("-", "")}`;
const restoreDb = `tejido_restore_${uuidv7().replaceAll("-", "").slice(-12)}`;
const restoreUrl = () => baseUrl.replace(/\/[^/?]+(\?|$)/, `/${restoreDb}$1`);
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Runs one of the CLIs from source, asynchronously (ingest goes on meanwhile). */
function cli(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATABASE_SCHEMA: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function psql(sql: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe(`backup and restore while ingest runs (${TEST_BACKEND})`, () => {
  it("restores what the backup holds: counts, chain heads and files match, and the server starts on it", async () => {
    const liveEnv: Record<string, string> = postgres
      ? { DATABASE_URL: baseUrl, DATABASE_SCHEMA: schema }
      : {};
    const live: ServerProcess = await spawnServer(liveEnv);
    cleanups.push(() => live.stop());
    if (postgres) cleanups.push(() => dropSchema(baseUrl, schema));
    const where = {
      dataDir: live.dataDir,
      ...(postgres ? { databaseUrl: baseUrl, databaseSchema: schema } : {}),
    };

    // An officer's file, so the files directory has something to carry.
    const storage = await openStorage(where);
    let cookie: string;
    try {
      cookie = await staffSession(
        { url: live.url, storage },
        { email: "oficial@example.gt", role: "officer", institutionId: seededInstitution("MINFIN").id },
      );
    } finally {
      await storage.close();
    }
    const fileBytes = new TextEncoder().encode("Respuesta de prueba\n".repeat(200));
    await uploadFile(live.url, cookie, "respuesta.txt", "text/plain", fileBytes);

    // Ingest: a phone pushes batches of 5 signed inputs back to back until told to stop.
    const identity = await enrol(live.url, codesForProcess(where));
    let pushed = 0;
    let seq = 0;
    let stop = false;
    const waiters: { atLeast: number; resolve: () => void }[] = [];
    const reached = (atLeast: number) =>
      new Promise<void>((resolve) => (pushed >= atLeast ? resolve() : waiters.push({ atLeast, resolve })));
    cleanups.push(() => {
      stop = true;
    });
    const ingest = (async () => {
      while (!stop) {
        const mutations = [];
        for (let i = 0; i < 5; i++) mutations.push(await signedMutation(identity, makeInput(), ++seq));
        const answer = await pushAs(live.url, identity, { deviceId: identity.deviceId, mutations });
        if (stop) break;
        expect(answer.status).toBe(200);
        pushed += 5;
        for (const waiter of waiters.filter((w) => pushed >= w.atLeast)) waiter.resolve();
      }
    })();

    await reached(20);
    const backupsDir = mkdtempSync(path.join(tmpdir(), "tejido-backups-"));
    cleanups.push(() => rmSync(backupsDir, { recursive: true, force: true }));
    const taken = await cli("src/server/backup/backup-cli.ts", ["--to", backupsDir], {
      DATA_DIR: live.dataDir,
      ...liveEnv,
    });
    expect(taken.code, taken.stderr).toBe(0);
    const afterBackup = pushed;
    // Ingest goes on past the backup, so the live server ends with more than the backup holds.
    await reached(afterBackup + 10);
    stop = true;
    await ingest;

    const backupDir = (JSON.parse(taken.stdout) as { backup: string }).backup;
    const manifest = JSON.parse(readFileSync(path.join(backupDir, "backup.json"), "utf8")) as BackupManifest;
    const inputsInBackup = manifest.tables.inputs ?? 0;
    expect(inputsInBackup).toBeGreaterThanOrEqual(20);
    expect(inputsInBackup).toBeLessThan(pushed);
    expect(inputsInBackup % 5, "a push is one transaction: the backup holds whole batches").toBe(0);
    expect(manifest.chains[DEMO_CONSULTATION_ID]?.count).toBe(inputsInBackup);
    // The officer's sign-in and upload are in the audit log, whose last row the manifest names.
    expect(manifest.audit?.entries).toBeGreaterThanOrEqual(2);
    const copied = Object.values(manifest.files);
    expect(copied.some((file) => file.bytes === fileBytes.length)).toBe(true);

    // Restore elsewhere: a new data dir (and, on PostgreSQL, a new database with the same schema name).
    const restoredDir = mkdtempSync(path.join(tmpdir(), "tejido-restored-"));
    cleanups.push(() => rmSync(restoredDir, { recursive: true, force: true }));
    const restoredEnv: Record<string, string> = postgres
      ? { DATABASE_URL: restoreUrl(), DATABASE_SCHEMA: schema }
      : {};
    if (postgres) {
      await psql(`create database ${restoreDb}`);
      cleanups.push(() => psql(`drop database if exists ${restoreDb} with (force)`));
    }
    const restored = await cli("src/server/backup/restore-cli.ts", [backupDir], {
      DATA_DIR: restoredDir,
      ...restoredEnv,
    });
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ matches: true, differences: [] });

    // A second restore onto it is refused without --force, and changes nothing.
    const again = await cli("src/server/backup/restore-cli.ts", [backupDir], {
      DATA_DIR: restoredDir,
      ...restoredEnv,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);

    // The same rows as the backup, counted here, not by the restore itself.
    const check = await openStorage(
      postgres
        ? { dataDir: restoredDir, databaseUrl: restoreUrl(), databaseSchema: schema }
        : { dataDir: restoredDir },
    );
    try {
      const { n } = await check.db
        .selectFrom("inputs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(inputsInBackup);
      // The audit log came back whole: its chain recomputes to the head the backup named.
      expect(await verifyAuditChain(check.db)).toEqual({
        valid: true,
        entries: manifest.audit?.entries,
        head: manifest.audit?.head,
      });
      // Published now (a new version, no input touched), so the package below can be asked for.
      await saveConsultation(check.db, {
        ...demoConsultation(new Date().toISOString()),
        status: "published",
      });
    } finally {
      await check.close();
    }
    // The restored server starts, and its open-data package names the backup's chain head and count.
    const server = await spawnServer(restoredEnv, { dataDir: restoredDir });
    cleanups.push(() => server.stop());
    const zip = await fetch(
      `${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/datapackage.zip`,
    );
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const published = JSON.parse(strFromU8(files["manifest.json"]!)) as {
      records: { count: number; chainHead: string };
    };
    expect(published.records).toMatchObject({
      count: inputsInBackup,
      chainHead: manifest.chains[DEMO_CONSULTATION_ID]?.head,
    });
  });
});
