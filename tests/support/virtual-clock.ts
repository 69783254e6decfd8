// A clock the test moves by hand: the scheduler's timers fire only when the test advances time past them.
import type { Clock } from "../../src/client/sync/scheduler";

export interface VirtualClock {
  clock: Clock;
  now(): number;
  /**
   * Moves time forward by `ms`, firing each timer that comes due, in time order; after each, waits for
   * `settle` (the work the timer started) before looking for the next one.
   */
  advance(ms: number, settle: () => Promise<void>): Promise<void>;
  /** When the earliest timer is due, if any is set. */
  nextDue(): number | undefined;
}

export function virtualClock(start = Date.parse("2026-11-20T12:00:00.000Z")): VirtualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const earliest = () => [...timers].sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
  return {
    clock: {
      now: () => now,
      setTimeout(run, ms) {
        const id = nextId++;
        timers.set(id, { at: now + Math.max(0, ms), run });
        return id;
      },
      clearTimeout(handle) {
        timers.delete(handle as number);
      },
    },
    now: () => now,
    async advance(ms, settle) {
      const end = now + ms;
      for (;;) {
        const due = earliest();
        if (!due || due[1].at > end) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await settle();
      }
      now = end;
    },
    nextDue: () => earliest()?.[1].at,
  };
}
