// What an idle phone costs: an enrolled phone with nothing to send, its app open and in view for a whole day
// (the real scheduler and engine on a virtual clock), against the real server through a proxy that counts
// every byte both ways.
import "fake-indexeddb/auto";
import { createSyncScheduler } from "../../src/client/sync/scheduler";
import type { SyncStatus } from "../../src/client/sync/sync-status";
import { createStore } from "../../src/client/ui/store";
import { makeDevice } from "../support/client-device";
import { codesForProcess } from "../support/devices";
import { startGateProxy } from "../support/gate-proxy";
import { spawnServer } from "../support/spawn-server";
import { virtualClock } from "../support/virtual-clock";

export interface IdleFigures {
  requestsPerHour: number;
  bytesPerDay: number;
}

const DAY = 24 * 60 * 60_000;

export async function measureIdlePhone(): Promise<IdleFigures> {
  const server = await spawnServer();
  const proxy = await startGateProxy(server.url);
  const device = await makeDevice(proxy.url, {
    codes: codesForProcess({ dataDir: server.dataDir }),
    enrolAt: server.url,
  });
  try {
    // Its first pull (the institution list, the consultations) happened the day it was enrolled.
    await device.engine.sync();
    const time = virtualClock();
    const scheduler = createSyncScheduler({
      engine: device.engine,
      status: createStore<SyncStatus>({ running: false, online: true }),
      clock: time.clock,
      isOnline: () => true,
      isVisible: () => true,
      shared: { get: device.settings.getBackoff, set: device.settings.setBackoff },
    });
    const from = proxy.requests.length;
    await scheduler.ask("start");
    await time.advance(DAY, () => scheduler.settled());
    scheduler.stop();
    const day = proxy.requests.slice(from);
    return {
      requestsPerHour: Number((day.length / 24).toFixed(2)),
      bytesPerDay: day.reduce((sum, request) => sum + request.bytesIn + request.bytesOut, 0),
    };
  } finally {
    device.close();
    await proxy.close();
    await server.stop();
  }
}
