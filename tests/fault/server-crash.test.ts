// The server process is killed with SIGKILL in the middle of pushes and restarted on the same data:
// whatever was acknowledged survives, whatever was not is sent again, and nothing is stored twice, whatever
// its kind (inputs, workshops, information requests, all in the one outbox).
import { uuidv7 } from "uuidv7";
import { afterAll, describe, expect, it } from "vitest";
import { dropSchema, openStorage } from "../../src/server/storage/database";
import {
  captureMix,
  makeDevice,
  outboxKeys,
  recordingAcknowledgements,
  tallyOnServer,
} from "../support/client-device";
import { codesForProcess } from "../support/devices";
import { seeded } from "../support/seeded";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { TEST_BACKEND } from "../support/test-server";

const RUNS = Number(process.env.CRASH_RUNS ?? 4);
const SEED = Number(process.env.FAULT_SEED ?? 2026);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const schema = TEST_BACKEND === "postgres" ? `crash_${uuidv7().replaceAll("-", "")}` : undefined;
const databaseUrl = process.env.DATABASE_URL ?? "";
const backendEnv: Record<string, string> = schema
  ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }
  : {};

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  if (schema) await dropSchema(databaseUrl, schema);
});

describe(`server killed with SIGKILL mid-batch (${TEST_BACKEND})`, () => {
  it(`${RUNS} seeded runs: every record on the server exactly once after restarts`, async () => {
    server = await spawnServer(backendEnv);
    const { dataDir, port } = server;
    let killedMidPush = 0;
    let records = 0;
    let lost = 0;
    let duplicated = 0;
    for (let run = 0; run < RUNS; run++) {
      const random = seeded(SEED + run);
      let inFlight = 0;
      const acknowledged = new Set<string>();
      const device = await makeDevice(server.url, {
        codes: codesForProcess(schema ? { dataDir, databaseUrl, databaseSchema: schema } : { dataDir }),
        requestTimeoutMs: 3_000,
        batchSize: 2 + Math.floor(random() * 4),
        fetch: async (url, init) => {
          const push = String(url).includes("/push") || String(url).endsWith("/api/v1/requests");
          if (push) inFlight += 1;
          try {
            return await recordingAcknowledgements(acknowledged)(url, init);
          } finally {
            if (push) inFlight -= 1;
          }
        },
      });
      try {
        const captured = await captureMix(device, { inputs: 32, workshops: 2, requests: 4 });
        const keys = await outboxKeys(device.db);
        records += captured.inputs.length + captured.workshops.length + captured.requests.length;
        const syncing = device.engine.sync().catch(() => undefined);
        // Let a few batches through, then strike while a push or a filing is on the wire.
        await sleep(random() * 40);
        for (let waited = 0; inFlight === 0 && waited < 2_000; waited += 1) await sleep(1);
        await sleep(random() * 3);
        if (inFlight > 0) killedMidPush += 1;
        await server.kill9();
        await syncing;
        // Nothing the server did not acknowledge may have left the phone.
        const left = await outboxKeys(device.db);
        const gone = [...keys].filter((key) => !left.has(key));
        expect(gone.filter((key) => !acknowledged.has(key))).toEqual([]);

        server = await spawnServer(backendEnv, { dataDir, port });
        for (let attempt = 0; attempt < 20 && (await device.db.outbox.count()) > 0; attempt++) {
          await device.engine.sync().catch(() => sleep(100));
        }
        expect(await device.db.outbox.count()).toBe(0);

        const storage = await openStorage(
          schema ? { dataDir, databaseUrl, databaseSchema: schema } : { dataDir },
        );
        try {
          const tally = await tallyOnServer(storage.db, device, captured);
          lost += tally.lost;
          duplicated += tally.duplicated;
          expect(tally).toEqual({ lost: 0, duplicated: 0 });
        } finally {
          await storage.close();
        }
      } finally {
        device.close();
      }
    }
    console.log(
      `server crash (${TEST_BACKEND}): ${RUNS} runs, records ${records}, killed mid-push ${killedMidPush}, lost ${lost}, duplicated ${duplicated}`,
    );
    expect(killedMidPush).toBeGreaterThan(0);
  });
});
