// A sign-in flood: 500 attempts from one address, 50 in flight at a time, against the real server process, while
// /api/v1/health is asked every 25 ms. Before issue #15 every attempt ran scrypt on the shared thread pool and
// health went from 83 ms to 7.1 s; the per-address limit and the bounded hashing must keep its p95 low.
// The flood runs on its own thread, as an attacker runs on another machine: the health checker's timings are
// the server's answers, not the wait for its own event loop, busy with 50 connections' answers.
import { Worker } from "node:worker_threads";
import { spawnServer } from "../support/spawn-server";

/** Plain JavaScript for the flood's thread: `attempts` sign-ins with wrong passwords, `inFlight` at a time. */
const FLOOD = `
const { parentPort, workerData: { url, attempts, inFlight } } = require("node:worker_threads");
let next = 0;
let refused = 0;
const worker = async () => {
  while (next < attempts) {
    const i = next++;
    const response = await fetch(url + "/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "intruso" + i + "@example.org", password: "clave-" + i }),
    });
    await response.arrayBuffer();
    if (response.status === 429 || response.status === 503) refused += 1;
  }
};
Promise.all(Array.from({ length: inFlight }, worker)).then(() => parentPort.postMessage(refused));
`;

export interface LoginFloodFigures {
  healthP95Ms: number;
  attempts: number;
  refused: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function measureLoginFlood(attempts = 500, inFlight = 50): Promise<LoginFloodFigures> {
  // The build, as production runs it (npm run bench builds first).
  const server = await spawnServer({}, { compiled: true });
  try {
    let flooding = true;
    const health: number[] = [];
    const probe = (async () => {
      while (flooding) {
        const started = performance.now();
        await fetch(`${server.url}/api/v1/health`).then((response) => response.arrayBuffer());
        health.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const flood = new Worker(FLOOD, { eval: true, workerData: { url: server.url, attempts, inFlight } });
    const refused = await new Promise<number>((resolve, reject) => {
      flood.once("message", resolve);
      flood.once("error", reject);
    });
    await flood.terminate();
    flooding = false;
    await probe;
    return { healthP95Ms: Math.round(percentile(health, 95)), attempts, refused };
  } finally {
    await server.stop();
  }
}
