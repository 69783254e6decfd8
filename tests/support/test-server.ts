// Runs the real server in this process on a loopback port, with a real SQLite file in a temp dir.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "../../src/server/app";
import { seedDemoConsultation } from "../../src/server/consultations/consultation-store";
import { createLogger } from "../../src/server/logger";
import { openStorage, type Storage } from "../../src/server/storage/database";

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  storage: Storage;
  /** Stops listening and closes the database; the data dir stays for a restart. */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops and deletes the data dir. */
  dispose(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "tejido-test-"));
}

export async function startTestServer(
  options: { dataDir?: string; maxBodyBytes?: number; staticDir?: string } = {},
) {
  const dataDir = options.dataDir ?? makeDataDir();
  let server: ServerType | undefined;
  let port = 0;
  const handle = {} as TestServer;

  async function start() {
    const storage = await openStorage(dataDir);
    await seedDemoConsultation(storage.db, new Date("2026-11-01T12:00:00Z"));
    const app = createApp({
      db: storage.db,
      logger: createLogger("silent"),
      maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
      staticDir: options.staticDir,
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
    Object.assign(handle, { url: `http://127.0.0.1:${port}`, port, storage });
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
    await handle.storage?.db.destroy();
  }

  Object.assign(handle, {
    dataDir,
    stop,
    restart: start,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  await start();
  return handle;
}
