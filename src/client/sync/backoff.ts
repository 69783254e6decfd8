// When to try again after a failed exchange: exponential, jittered within its band, Retry-After honoured, capped.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** 2 s doubling to 5 minutes: an outage of T costs about log2(T / 2 s) attempts, never one every few seconds. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/** The longest wait a server's Retry-After can impose; a larger one is read as this. */
export const MAX_RETRY_AFTER_MS = 30 * 60_000;

/**
 * Delay before retry number `failures` (1 = first retry). The ceiling doubles with each failure up to the cap;
 * the delay falls anywhere in the band between half the ceiling and the ceiling, uniformly. Phones that failed
 * together come back spread over the whole band, and each wait is at least as long as the one before (so an
 * outage thins attempts out instead of letting a run of short draws bring a retry storm back).
 *
 * A server that answers 503 or 429 with Retry-After is believed: the delay is then at least that, spread by
 * up to half as much again, so the phones it turned away do not all return in the same second.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const own = ceiling / 2 + (random() * ceiling) / 2;
  const told =
    retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) * (1 + random() / 2);
  return Math.round(Math.max(own, told));
}

/** Milliseconds in a Retry-After header (seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Where the backoff stands: consecutive failures, and the time before which no exchange may start. */
export interface BackoffState {
  failures: number;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
}

/** The backoff after one more failure (with the server's Retry-After, if it gave one). */
export function failedAgain(
  previous: BackoffState | undefined,
  now: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
): BackoffState {
  const failures = (previous?.failures ?? 0) + 1;
  return { failures, nextAttemptAt: now + backoffDelay(failures, random, options, retryAfterMs) };
}
