// Fault matrix: each network fault, many seeded runs, through a misbehaving proxy to the real server.
// After every run: each record of the device (inputs, workshops, information requests: one outbox) is on the
// server exactly once, the outbox is empty, and no entry left the outbox before the server acknowledged it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  captureMix,
  makeDevice,
  outboxKeys,
  recordingAcknowledgements,
  tallyOnServer,
} from "../support/client-device";
import { codesFor } from "../support/devices";
import { seeded } from "../support/seeded";
import { startTestServer, TEST_BACKEND, type TestServer } from "../support/test-server";
import { FAULTS, type Fault, type FaultProxy, startFaultProxy } from "./fault-proxy";

const RUNS = Number(process.env.FAULT_RUNS ?? 8);
const SEED = Number(process.env.FAULT_SEED ?? 2026);
/** Per run: 8 inputs, 2 workshops (two saves each) and 2 requests. */
const MIX = { inputs: 8, workshops: 2, requests: 2 };

let server: TestServer;
beforeAll(async () => {
  // Every run files requests from the one loopback address: the filing limit is not what is tested here.
  server = await startTestServer({ requests: { filingLimit: { limit: 100_000, windowMs: 60_000 } } });
});

const totals = { runs: 0, records: 0, lost: 0, duplicated: 0, earlyDeletes: 0 };
afterAll(async () => {
  await server.dispose();
  console.log(
    `fault matrix (${TEST_BACKEND}): ${FAULTS.length - 1} scenarios × ${RUNS} runs, records ${totals.records}, ` +
      `lost ${totals.lost}, duplicated ${totals.duplicated}, deleted before ack ${totals.earlyDeletes}`,
  );
});

/** Runs one seeded scenario; returns how many times the fault actually struck. */
async function runScenario(fault: Fault, run: number): Promise<number> {
  const random = seeded(SEED * 1_000 + FAULTS.indexOf(fault) * 100 + run);
  // Half the requests meet the fault; the rest pass untouched.
  let healed = false;
  let proxy: FaultProxy | undefined;
  proxy = await startFaultProxy({
    upstream: () => server.url,
    choose: () => (!healed && random() < 0.5 ? fault : "none"),
    random,
  });
  const acknowledged = new Set<string>();
  const device = await makeDevice(proxy.url, {
    codes: codesFor(server),
    enrolAt: server.url,
    requestTimeoutMs: 1_500,
    batchSize: 1 + Math.floor(random() * 6),
    fetch: recordingAcknowledgements(acknowledged),
  });
  try {
    const captured = await captureMix(device, MIX);
    const keys = await outboxKeys(device.db);
    for (let attempt = 0; attempt < 40 && (await device.db.outbox.count()) > 0; attempt++) {
      await device.engine.sync().catch(() => undefined);
      const left = await outboxKeys(device.db);
      for (const key of keys) if (!left.has(key) && !acknowledged.has(key)) totals.earlyDeletes += 1;
    }
    healed = true;
    await device.engine.sync();

    const { lost, duplicated } = await tallyOnServer(server.storage.db, device, captured);
    totals.runs += 1;
    totals.records += captured.inputs.length + captured.workshops.length + captured.requests.length;
    totals.lost += lost;
    totals.duplicated += duplicated;

    expect(lost, `${fault} run ${run}: lost`).toBe(0);
    expect(duplicated, `${fault} run ${run}: duplicated`).toBe(0);
    expect(await device.db.outbox.count(), `${fault} run ${run}: outbox`).toBe(0);
    expect(totals.earlyDeletes, `${fault} run ${run}: deleted before ack`).toBe(0);
    return proxy.faults[fault];
  } finally {
    device.close();
    await proxy.close();
    proxy = undefined;
  }
}

describe(`sync under network faults (${TEST_BACKEND})`, () => {
  for (const fault of FAULTS.filter((candidate) => candidate !== "none")) {
    it(`${fault}: ${RUNS} seeded runs, nothing lost or doubled`, async () => {
      let struck = 0;
      for (let run = 0; run < RUNS; run++) struck += await runScenario(fault, run);
      // A scenario whose fault never struck would prove nothing.
      expect(struck).toBeGreaterThan(RUNS);
    });
  }
});
