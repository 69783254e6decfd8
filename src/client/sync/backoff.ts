// When to retry a failed sync: exponential backoff with full jitter, capped.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Delay before retry number `failures` (1 = first retry). Full jitter spreads phones that
 * lost signal together, so they do not all come back at the same second.
 */
export function backoffDelay(failures: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  // Never less than half the ceiling, so retries still slow down as failures grow.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
