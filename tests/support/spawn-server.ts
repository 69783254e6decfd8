// Starts the real server as its own process (as `npm run serve` does), on a free loopback port.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** SIGTERM, then deletes the data dir. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut would: no shutdown, the data dir stays for a restart. */
  kill9(): Promise<void>;
}

export interface SpawnOptions {
  /** Reuse a data dir (a restart); it is then not deleted by stop(). */
  dataDir?: string;
  /** Listen on this port (a restart); 0 picks a free one. */
  port?: number;
  /** Run the build (`dist-server/main.js`) with plain node, as `npm start` does, instead of the source through tsx. */
  compiled?: boolean;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function spawnServer(
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "tejido-e2e-"));
  const entry = options.compiled ? ["dist-server/main.js"] : ["--import", "tsx", "src/server/main.ts"];
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      ...process.env,
      // The embedded SQLite file unless a test asks for PostgreSQL (with its own schema) explicitly.
      DATABASE_URL: "",
      DATABASE_SCHEMA: "",
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      STATIC_DIR: path.join(ROOT, "dist"),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time\n${stderr}`)), 30_000);
    let buffered = "";
    child.stdout?.on("data", (chunk) => {
      buffered += String(chunk);
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"port"')) continue;
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) {
          clearTimeout(timer);
          resolve(parsed.port);
        }
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}\n${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
