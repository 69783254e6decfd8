// Starts the real server as its own process (as `npm run serve` does), on a free loopback port.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function spawnServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tejido-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      // The embedded SQLite file unless a test asks for PostgreSQL (with its own schema) explicitly.
      DATABASE_URL: "",
      DATABASE_SCHEMA: "",
      PORT: "0",
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
      for (const line of buffered.split("\n")) {
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
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
