// The scheduler decides alone when the phone talks to the server: against the real server over loopback, with
// the real engine and IndexedDB, on a clock the test moves. Every request the phone makes is counted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSyncScheduler, type SyncScheduler } from "../../src/client/sync/scheduler";
import type { SyncStatus } from "../../src/client/sync/sync-status";
import { createStore } from "../../src/client/ui/store";
import { makeDevice, type TestDevice } from "../support/client-device";
import { codesFor, enrol } from "../support/devices";
import { startTestServer, type TestServer } from "../support/test-server";
import { type VirtualClock, virtualClock } from "../support/virtual-clock";

let server: TestServer;
const devices: TestDevice[] = [];
const schedulers: SyncScheduler[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) scheduler.stop();
  for (const device of devices.splice(0)) device.close();
  await server.dispose();
});

const MINUTE = 60_000;

interface Phone {
  device: TestDevice;
  scheduler: SyncScheduler;
  status: ReturnType<typeof createStore<SyncStatus>>;
  time: VirtualClock;
  /** Each request the phone made: when (virtual ms since start), method and path. */
  requests: { at: number; path: string }[];
  visible: { value: boolean };
  /** Moves the phone's time on, letting every exchange its timers start finish. */
  wait(ms: number): Promise<void>;
  pushes(): { at: number; path: string }[];
}

async function phone(
  options: { enrolled?: boolean; time?: VirtualClock; share?: TestDevice } = {},
): Promise<Phone> {
  const time = options.time ?? virtualClock();
  const start = time.now();
  const requests: { at: number; path: string }[] = [];
  const device =
    options.share ??
    (await makeDevice(server.url, {
      ...(options.enrolled === false ? {} : { codes: codesFor(server) }),
      fetch: (url, init) => {
        requests.push({ at: time.now() - start, path: new URL(String(url)).pathname });
        return fetch(url, init);
      },
    }));
  if (!options.share) devices.push(device);
  const status = createStore<SyncStatus>({ running: false, online: true });
  const visible = { value: true };
  const scheduler = createSyncScheduler({
    engine: device.engine,
    status,
    clock: time.clock,
    random: () => 0.5,
    isOnline: () => true,
    isVisible: () => visible.value,
    shared: { get: device.settings.getBackoff, set: device.settings.setBackoff },
  });
  schedulers.push(scheduler);
  return {
    device,
    scheduler,
    status,
    time,
    requests,
    visible,
    wait: (ms) => time.advance(ms, () => scheduler.settled()),
    pushes: () => requests.filter((request) => request.path === "/api/v1/sync/push"),
  };
}

/** Two tabs of one phone (one database, one clock) holding an input, with the server down. */
async function twoTabs() {
  const time = virtualClock();
  const first = await phone({ time });
  await first.device.capture(1);
  const second = await phone({ time, share: first.device });
  await server.stop();
  return { first, second };
}

const serverInputs = async () => (await server.storage.db.selectFrom("inputs").select("id").execute()).length;

describe("the sync scheduler", () => {
  it("with the server down, tries only as its backoff allows, whatever else asks, then sends everything once", async () => {
    const p = await phone();
    await p.device.capture(5);
    await server.stop();

    await p.scheduler.ask("start");
    expect(p.pushes()).toHaveLength(1);
    expect(p.status.get()).toMatchObject({ error: "offline", running: false });
    // The network event, the tab coming back, the timer and a new save all ask; none may go early.
    for (const trigger of ["online", "visible", "save", "timer"] as const) await p.scheduler.ask(trigger);
    await p.device.capture(1);
    await p.scheduler.ask("save");
    expect(p.pushes()).toHaveLength(1);

    await p.wait(60_000);
    const attempts = p.pushes().map((push) => push.at);
    expect(attempts.length).toBeLessThanOrEqual(7);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    // Each wait at least as long as the one before: an outage thins attempts out.
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
    expect(gaps.at(-1)!).toBeGreaterThan(4 * gaps[0]!);

    await server.restart();
    const restartedAt = p.time.now();
    while ((await p.device.db.outbox.count()) > 0) await p.wait(p.time.nextDue()! - p.time.now());
    // The next retry after the restart sent everything (its backoff was at most 64 s by then).
    expect(p.time.now() - restartedAt).toBeLessThanOrEqual(64_000);
    expect(await serverInputs()).toBe(6);
    expect(p.status.get().error).toBeUndefined();
  });

  it("sends at once when the person presses the button, backoff or not", async () => {
    const p = await phone();
    await p.device.capture(2);
    await server.stop();
    await p.scheduler.ask("start");
    await server.restart();
    await p.scheduler.ask("online");
    expect(await serverInputs()).toBe(0);
    await p.scheduler.ask("manual");
    expect(await serverInputs()).toBe(2);
    expect(p.status.get().error).toBeUndefined();
  });

  it("waits as long as the server's Retry-After says, spread by the phone's own jitter", async () => {
    await server.dispose();
    server = await startTestServer({ load: { maxInFlight: 0, retryAfterSeconds: 120 } });
    const p = await phone({ enrolled: false });
    await p.scheduler.ask("start");
    expect(p.status.get().error).toBe("server");
    const retryIn = p.status.get().nextRetryAt! - p.time.now();
    expect(retryIn).toBeGreaterThanOrEqual(120_000);
    expect(retryIn).toBeLessThanOrEqual(180_000);
    await p.wait(119_000);
    expect(p.requests).toHaveLength(1);
  });

  it("keeps an idle phone quiet: a pull on start, then one every 15 minutes, none for a quick reconnect", async () => {
    const p = await phone();
    await p.scheduler.ask("start");
    await p.wait(30_000);
    await p.scheduler.ask("online");
    await p.scheduler.ask("visible");
    await p.wait(60 * MINUTE - 30_000);
    expect(p.requests.map((request) => request.path)).toEqual(Array(5).fill("/api/v1/sync/pull"));
    expect(p.requests.map((request) => request.at)).toEqual([0, 15, 30, 45, 60].map((m) => m * MINUTE));
  });

  it("makes no request while hidden, and pulls when seen again if a pull came due meanwhile", async () => {
    const p = await phone();
    await p.scheduler.ask("start");
    p.visible.value = false;
    await p.device.capture(1);
    await p.scheduler.ask("save");
    await p.scheduler.ask("online");
    await p.wait(120 * MINUTE);
    expect(p.requests).toHaveLength(1);
    p.visible.value = true;
    await p.scheduler.ask("visible");
    expect(p.requests.map((request) => request.path)).toEqual([
      "/api/v1/sync/pull",
      "/api/v1/sync/push",
      "/api/v1/sync/pull",
    ]);
  });

  it("sends what was saved while hidden as soon as the tab is seen again, with no pull due", async () => {
    const p = await phone();
    await p.scheduler.ask("start");
    p.visible.value = false;
    await p.device.capture(1);
    await p.scheduler.ask("save");
    await p.wait(MINUTE);
    expect(p.requests).toHaveLength(1);
    p.visible.value = true;
    await p.scheduler.ask("visible");
    expect(p.pushes()).toHaveLength(1);
    expect(await serverInputs()).toBe(1);
  });

  it("says at once, without asking the server, that a saved input waits for the phone to be enrolled", async () => {
    const p = await phone({ enrolled: false });
    await p.scheduler.ask("start");
    expect(p.status.get().blocked).toBeUndefined();
    await p.device.capture(1);
    await p.scheduler.ask("save");
    expect(p.status.get().blocked).toBe("unenrolled");
    expect(p.requests).toHaveLength(1);
  });

  it("never pushes from an unenrolled phone, says why, and only pulls now and then", async () => {
    const p = await phone({ enrolled: false });
    await p.device.capture(1);
    await p.scheduler.ask("start");
    await p.scheduler.ask("save");
    await p.wait(60 * MINUTE);
    expect(p.pushes()).toEqual([]);
    expect(p.requests.length).toBe(5);
    expect(p.status.get()).toMatchObject({ blocked: "unenrolled", error: undefined });

    // Once enrolled, the next save sends what waited.
    await p.device.settings.setIdentity(await enrol(server.url, codesFor(server), p.device.deviceId));
    await p.scheduler.ask("save");
    expect(await serverInputs()).toBe(1);
    expect(p.status.get().blocked).toBeUndefined();
  });

  it("holds a second tab to the first one's backoff", async () => {
    const { first, second } = await twoTabs();
    await first.scheduler.ask("start");
    expect(first.pushes()).toHaveLength(1);
    await second.scheduler.ask("start");
    // The second tab read the shared backoff and made no request.
    expect(first.pushes()).toHaveLength(1);
    expect(second.status.get().nextRetryAt).toBe(first.status.get().nextRetryAt);
  });

  it("clears the backoff another tab left once the button got through, and builds on it when it did not", async () => {
    const { first, second } = await twoTabs();
    await first.scheduler.ask("start");
    await first.scheduler.ask("manual");
    const shared = await first.device.settings.getBackoff();
    expect(shared?.failures).toBe(2);
    // The second tab's button, still down: one failure more than the other tab had seen, not a fresh count.
    await second.scheduler.ask("manual");
    expect((await first.device.settings.getBackoff())?.failures).toBe(3);
    await server.restart();
    await second.scheduler.ask("manual");
    expect(await serverInputs()).toBe(1);
    expect(await first.device.settings.getBackoff()).toBeUndefined();
  });

  it("does not lose its timer when it comes due while another ask is being decided", async () => {
    const p = await phone({ enrolled: false });
    await p.device.capture(1);
    await p.scheduler.ask("start");
    await p.wait(15 * MINUTE - 1);
    // A save is being decided (nothing it may send) at the very moment the 15-minute pull comes due.
    const saving = p.scheduler.ask("save");
    await p.wait(1);
    await saving;
    await p.scheduler.settled();
    expect(p.requests.map((request) => request.at)).toEqual([0, 15 * MINUTE]);
    await p.wait(15 * MINUTE);
    expect(p.requests).toHaveLength(3);
  });
});
