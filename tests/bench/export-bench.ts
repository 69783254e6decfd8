// Export figures: 1,000,000 inputs streamed as CSV by the real server process over loopback — rows per second
// and the server's peak resident memory (VmHWM), which must stay flat whatever the table's size.
import { readFileSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { uuidv7 } from "uuidv7";
import { canonicalJson } from "../../src/domain/canonical-json";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { createUserWithCli } from "../support/admin-cli";
import { signIn } from "../support/requests";
import { spawnServer } from "../support/spawn-server";
import { realisticInputs } from "./sync-bench";

export interface ExportFigures {
  rowsPerSecond: number;
  peakRssMb: number;
}

/** Writes `count` inputs straight into the server's SQLite file (the server idles meanwhile; WAL lets both in). */
function seedInputs(dataDir: string, count: number): void {
  const db = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
  try {
    const insert = db.prepare(
      `insert into inputs (id, consultation_id, consultation_version, theme_id, device_id, mutation_id, payload, payload_sha256, created_at, received_at)
       values (?, ?, 1, 'tramites', ?, ?, ?, 'bench', ?, ?)`,
    );
    const deviceId = uuidv7();
    // A pool of varied inputs, reused with fresh ids: realistic text without a million random sentences.
    const pool = realisticInputs(1_000, deviceId);
    const write = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const input = { ...pool[i % pool.length]!, id: uuidv7() };
        insert.run(
          input.id,
          DEMO_CONSULTATION_ID,
          deviceId,
          uuidv7(),
          canonicalJson(input),
          input.createdAt,
          "2026-11-25T15:00:00.000Z",
        );
      }
    });
    for (let from = 0; from < count; from += 50_000) write(from, Math.min(count, from + 50_000));
    // A database at rest, as an export on a real server finds it: everything checkpointed into the main file.
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

/** EXPORT_BENCH_ROWS shrinks the run while tuning; the reported figure is for 1,000,000. */
/** One CSV export read to the end; its rows per second. */
async function exportOnce(url: string, cookie: string, rows: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(
    `${url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}/export?format=csv`,
    {
      headers: { cookie, "accept-encoding": "identity" },
    },
  );
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  // Rows end with CRLF; quoted cells may hold LF too, so the count is a floor check, not an equality.
  if (lines < rows + 1) throw new Error(`export ended early: ${lines} lines for ${rows} rows`);
  return Math.round(rows / seconds);
}

export async function measureExport(
  rows = Number(process.env.EXPORT_BENCH_ROWS ?? 1_000_000),
): Promise<ExportFigures> {
  const server = await spawnServer();
  try {
    const seeding = performance.now();
    seedInputs(server.dataDir, rows);
    console.error(`export bench: seeded ${rows} inputs in ${Math.round(performance.now() - seeding)} ms`);
    const password = "medir la exportación";
    createUserWithCli(server.dataDir, {
      email: "bench@tejido.gt",
      name: "Bench",
      role: "organizer",
      password,
    });
    const cookie = await signIn(server.url, "bench@tejido.gt", password);
    // The median of three exports of the same table: one run on a shared 2-core machine is noisy.
    const rates: number[] = [];
    for (let run = 0; run < 3; run++) rates.push(await exportOnce(server.url, cookie, rows));
    rates.sort((a, b) => a - b);
    return { rowsPerSecond: rates[1]!, peakRssMb: peakRssMb(server.child.pid!) };
  } finally {
    await server.stop();
  }
}
