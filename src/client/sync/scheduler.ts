// The one place that decides when the next exchange happens. Every trigger only asks; backoff, a hidden tab,
// no network and an idle phone all say "not now", and only the person's button overrides the wait.
import type { Store } from "../ui/store";
import { type BackoffOptions, type BackoffState, DEFAULT_BACKOFF, failedAgain } from "./backoff";
import type { ExchangePlan, SyncReport } from "./sync-engine";
import { type BlockReason, classifySyncError, type SyncErrorKind } from "./sync-errors";
import type { SyncStatus } from "./sync-status";

/** Why an exchange is asked for. */
export type SyncTrigger =
  /** The app opened. */
  | "start"
  /** The browser says the network is back. */
  | "online"
  /** The tab became visible again. */
  | "visible"
  /** A record was just saved on the phone. */
  | "save"
  /** The person pressed "Enviar ahora": the only trigger that skips the backoff. */
  | "manual"
  /** The scheduler's own timer: a retry after a failure, or the idle pull. */
  | "timer";

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SchedulerEngine {
  sync(plan: ExchangePlan): Promise<SyncReport>;
  /** Entries that could leave now (this phone may send them). */
  sendable(): Promise<number>;
  /** Why entries wait that this phone may not send now (no network needed), if any do. */
  held?(): Promise<BlockReason | undefined>;
}

/** Backoff shared by the app's tabs and its service worker, so none of them retries early for the others. */
export interface SharedBackoff {
  get(): Promise<BackoffState | undefined>;
  set(state: BackoffState | undefined): Promise<void>;
}

export interface SchedulerOptions {
  engine: SchedulerEngine;
  status: Store<SyncStatus>;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffOptions;
  /** With nothing to send, how often a visible phone pulls for news. */
  idleIntervalMs?: number;
  /** A tab that becomes visible pulls if its last pull is older than this. */
  revisitAfterMs?: number;
  /** A reconnect pulls (with nothing to send) only if the last pull is older than this: flapping links stay cheap. */
  reconnectGapMs?: number;
  isOnline?: () => boolean;
  isVisible?: () => boolean;
  /** Runs the exchange under a lock shared by the app's tabs and its service worker, where there are Web Locks. */
  withLock?: <T>(run: () => Promise<T>) => Promise<T>;
  shared?: SharedBackoff;
}

export interface SyncScheduler {
  /** Asks for an exchange; resolves when the scheduler has acted on it (with the report, if one ran). */
  ask(trigger: SyncTrigger): Promise<SyncReport | undefined>;
  /** Resolves once no exchange is running (whatever started it, the timer too). */
  settled(): Promise<void>;
  stop(): void;
}

export const IDLE_INTERVAL_MS = 15 * 60_000;
export const REVISIT_AFTER_MS = 5 * 60_000;
export const RECONNECT_GAP_MS = 60_000;

/** Of this tab's backoff and the shared one, the one further along (a failure builds on it). */
const moreFailures = (mine?: BackoffState, theirs?: BackoffState) =>
  mine && (!theirs || mine.failures >= theirs.failures) ? mine : theirs;

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const {
    engine,
    status,
    clock = systemClock,
    random = Math.random,
    backoff = DEFAULT_BACKOFF,
    idleIntervalMs = IDLE_INTERVAL_MS,
    revisitAfterMs = REVISIT_AFTER_MS,
    reconnectGapMs = RECONNECT_GAP_MS,
    isOnline = () => navigator.onLine,
    isVisible = () => typeof document === "undefined" || document.visibilityState === "visible",
    withLock = (run) => run(),
    shared,
  } = options;
  /** After failures: no exchange but a manual one before `nextAttemptAt`. */
  let backoffState: BackoffState | undefined;
  let lastPullAt = Number.NEGATIVE_INFINITY;
  /** The timer came due while the tab was hidden or offline: the exchange happens once it is visible and online. */
  let overdue = false;
  let timer: unknown;
  let running: Promise<SyncReport | undefined> | undefined;
  /** Triggers that came while an ask was being handled: each is asked again, in turn, afterwards. */
  const missed = new Set<SyncTrigger>();
  let stopped = false;

  function arm(at: number) {
    if (timer !== undefined) clock.clearTimeout(timer);
    // A timer that came due while busy is superseded by the one set now.
    missed.delete("timer");
    timer = stopped ? undefined : clock.setTimeout(() => void ask("timer"), Math.max(0, at - clock.now()));
  }

  /** What to do for this trigger now: an exchange plan, or nothing. */
  async function decide(trigger: SyncTrigger): Promise<ExchangePlan | undefined> {
    const now = clock.now();
    if (trigger === "manual") return { pull: true, manual: true };
    // A hidden tab makes no requests; what came due meanwhile waits until the person looks again.
    if (!isVisible()) {
      if (trigger === "timer") overdue = true;
      return undefined;
    }
    if (!isOnline()) {
      status.update((s) => ({ ...s, online: false }));
      if (trigger === "timer") overdue = true;
      return undefined;
    }
    // After a failure, nothing but the button comes before the backoff ends: the timer is set for then
    // (and set again should it fire a moment early).
    if (backoffState && now < backoffState.nextAttemptAt) {
      if (trigger === "timer") arm(backoffState.nextAttemptAt);
      return undefined;
    }
    const sinceLastPull = now - lastPullAt;
    switch (trigger) {
      case "start":
      case "timer":
        return { pull: true };
      case "save": {
        if ((await engine.sendable()) > 0) return { pull: false };
        // Saved, but this phone may not send it: the panel says why at once, without asking the server.
        const held = await engine.held?.();
        if (held) status.update((s) => ({ ...s, blocked: held }));
        return undefined;
      }
      case "online":
        if (overdue || backoffState || (await engine.sendable()) > 0) return { pull: true };
        return sinceLastPull >= reconnectGapMs ? { pull: true } : undefined;
      case "visible":
        // Something saved (or the network back) while the tab was hidden goes as soon as it is seen again.
        if (overdue || backoffState || (await engine.sendable()) > 0) return { pull: true };
        return sinceLastPull >= revisitAfterMs ? { pull: true } : undefined;
    }
  }

  type Outcome =
    | { report: SyncReport }
    | { failed: BackoffState; kind: SyncErrorKind }
    | { deferred: BackoffState };

  async function exchange(plan: ExchangePlan): Promise<SyncReport | undefined> {
    status.update((s) => ({ ...s, online: isOnline(), running: true }));
    // The shared backoff is read and written under the lock, so no other tab (nor the service worker) can
    // slip in between a failure and its backoff being known.
    const outcome = await withLock<Outcome>(async () => {
      const theirs = await shared?.get().catch(() => undefined);
      // The button goes at once; it still builds on (and, done, clears) what other tabs have seen.
      if (!plan.manual && theirs && theirs.nextAttemptAt > clock.now()) return { deferred: theirs };
      try {
        const report = await engine.sync(plan);
        if (backoffState || theirs) await shared?.set(undefined).catch(() => undefined);
        return { report };
      } catch (error) {
        const problem = classifySyncError(error);
        const failed = failedAgain(
          moreFailures(backoffState, theirs),
          clock.now(),
          random,
          backoff,
          problem.retryAfterMs,
        );
        await shared?.set(failed).catch(() => undefined);
        return { failed, kind: problem.kind };
      }
    }).catch((error: unknown) => {
      // The lock itself failed (a storage error): counted as a failed exchange.
      const failed = failedAgain(backoffState, clock.now(), random, backoff);
      return { failed, kind: classifySyncError(error).kind } as Outcome;
    });
    overdue = false;
    if ("deferred" in outcome) {
      backoffState = outcome.deferred;
      status.update((s) => ({ ...s, running: false, nextRetryAt: outcome.deferred.nextAttemptAt }));
      arm(outcome.deferred.nextAttemptAt);
      return undefined;
    }
    if ("failed" in outcome) {
      backoffState = outcome.failed;
      const kind = outcome.kind;
      status.update((s) => ({
        ...s,
        running: false,
        error: kind,
        nextRetryAt: outcome.failed.nextAttemptAt,
      }));
      arm(outcome.failed.nextAttemptAt);
      return undefined;
    }
    const { report } = outcome;
    const now = clock.now();
    backoffState = undefined;
    if (plan.pull) lastPullAt = now;
    status.update((s) => ({
      ...s,
      running: false,
      error: undefined,
      nextRetryAt: undefined,
      blocked: report.blocked,
      updateRequired: report.updateRequired || undefined,
      lastSuccessAt: new Date(now).toISOString(),
    }));
    arm(lastPullAt + idleIntervalMs);
    return report;
  }

  function ask(trigger: SyncTrigger): Promise<SyncReport | undefined> {
    if (stopped) return Promise.resolve(undefined);
    if (running) {
      // Asked while busy (a save after its batch was taken, the timer coming due): asked again once done.
      missed.add(trigger);
      return running;
    }
    const run = (async () => {
      try {
        const plan = await decide(trigger);
        return plan ? await exchange(plan) : undefined;
      } finally {
        running = undefined;
        const again = [...missed];
        missed.clear();
        for (const next of again) void ask(next);
      }
    })();
    running = run;
    return run;
  }

  return {
    ask,
    async settled() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
