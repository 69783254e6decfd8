// The reconnect storm: 1,000 phones (the real client in a few Node processes) each holding 50 inputs find
// their signal again within 10 s, against one server on SQLite. Until when did every input land, how fast did
// /api/v1/health answer meanwhile, and did each input land exactly once?
import { type ChildProcess, fork } from "node:child_process";
import { setPriority } from "node:os";
import path from "node:path";
import type { DevicePublicKey } from "../../src/domain/devices";
import { PROTOCOL_VERSION, PullResponse } from "../../src/domain/sync-messages";
import { enrolDevice, issueEnrolmentCode } from "../../src/server/devices/device-store";
import { openStorage } from "../../src/server/storage/database";
import { spawnServer } from "../support/spawn-server";
import type { FromPhones, ToPhones } from "./reconnect-phones";

export interface ReconnectFigures {
  seconds: number;
  healthP95Ms: number;
  requests: number;
  overloaded: number;
}

export interface ReconnectOptions {
  phones: number;
  inputsEach: number;
  processes: number;
  windowMs: number;
}

const DEFAULTS: ReconnectOptions = { phones: 1_000, inputsEach: 50, processes: 4, windowMs: 10_000 };

function next<T extends FromPhones["type"]>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromPhones, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromPhones) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      resolve(message as Extract<FromPhones, { type: T }>);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`phones process exited with ${code}`)));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function measureReconnect(options: Partial<ReconnectOptions> = {}): Promise<ReconnectFigures> {
  const { phones, inputsEach, processes, windowMs } = { ...DEFAULTS, ...options };
  const server = await spawnServer();
  const children: ChildProcess[] = [];
  try {
    const perProcess = Math.ceil(phones / processes);
    for (let i = 0; i < processes; i++) {
      const child = fork(path.join(import.meta.dirname, "reconnect-phones.ts"), [], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      // The phones' own work (IndexedDB, gzip) is done on 1,000 phones in the field, not on the server's cores:
      // here it yields to the server, as well as a simulation on the same two cores can.
      setPriority(child.pid!, 19);
      children.push(child);
    }
    // Every phone makes its data and its key pair; then each is enrolled with a one-time code, as an organizer's
    // code would enrol it (straight into the server's database: setup, not what is measured).
    const keys = await Promise.all(
      children.map((child, i) => {
        const keysSent = next(child, "keys");
        const count = Math.min(perProcess, phones - i * perProcess);
        child.send({ type: "setup", url: server.url, count, inputsEach, seed: i + 1 } satisfies ToPhones);
        return keysSent;
      }),
    );
    const storage = await openStorage({ dataDir: server.dataDir });
    const enrolled: { deviceId: string; token: string; enrolledAt: string }[][] = [];
    try {
      for (const { keys: list } of keys) {
        const identities = [];
        for (const { deviceId, publicKey } of list) {
          const { code } = await issueEnrolmentCode(storage.db, { label: "Tormenta" }, "bench", new Date());
          const outcome = await enrolDevice(
            storage.db,
            { code, deviceId, publicKey: publicKey as DevicePublicKey },
            new Date(),
          );
          if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
          identities.push({ deviceId, token: outcome.token, enrolledAt: outcome.enrolledAt });
        }
        enrolled.push(identities);
      }
    } finally {
      await storage.close();
    }
    let cursor = "0";
    for (;;) {
      const page = PullResponse.parse(
        await (
          await fetch(`${server.url}/api/v1/sync/pull?cursor=${cursor}&protocol=${PROTOCOL_VERSION}`)
        ).json(),
      );
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    await Promise.all(
      children.map((child, i) => {
        const ready = next(child, "ready");
        child.send({ type: "identities", identities: enrolled[i]!, cursor } satisfies ToPhones);
        return ready;
      }),
    );

    // The storm: all phones within the window; health is probed every 100 ms until every input landed.
    const startAt = Date.now() + 500;
    const finished = children.map((child) => next(child, "done"));
    for (const child of children) child.send({ type: "go", startAt, windowMs } satisfies ToPhones);
    const health: number[] = [];
    let storming = true;
    const probing = (async () => {
      while (Date.now() < startAt) await new Promise((resolve) => setTimeout(resolve, 10));
      while (storming) {
        const began = performance.now();
        const response = await fetch(`${server.url}/api/v1/health`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`health answered ${response.status} during the storm`);
        health.push(performance.now() - began);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const reports = await Promise.all(finished);
    storming = false;
    await probing;

    const left = reports.reduce((sum, report) => sum + report.left, 0);
    const verify = await openStorage({ dataDir: server.dataDir });
    try {
      const stored = await verify.db
        .selectFrom("inputs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const applied = await verify.db
        .selectFrom("mutations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "applied")
        .executeTakeFirstOrThrow();
      const expected = phones * inputsEach;
      if (left !== 0 || Number(stored.n) !== expected || Number(applied.n) !== expected)
        throw new Error(
          `reconnect: ${stored.n} inputs and ${applied.n} applied of ${expected}, ${left} left on phones`,
        );
    } finally {
      await verify.close();
    }
    const last = Math.max(...reports.flatMap((report) => report.finishedAt));
    const requests = reports.reduce((sum, report) => sum + report.requests, 0);
    const overloaded = reports.reduce((sum, report) => sum + report.overloaded, 0);
    console.error(
      `reconnect: ${phones} phones × ${inputsEach} inputs, ${requests} requests (${overloaded} turned away with 503), ${health.length} health probes`,
    );
    return {
      seconds: Number(((last - startAt) / 1000).toFixed(1)),
      healthP95Ms: Math.round(percentile(health, 95)),
      requests,
      overloaded,
    };
  } finally {
    for (const child of children) child.kill();
    await server.stop();
  }
}
