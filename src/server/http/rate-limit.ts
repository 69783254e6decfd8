// A fixed-window rate limiter kept in memory, for anonymous routes (status queries, filing).
// Per instance: behind several instances each counts on its own, so the effective limit multiplies by their number.

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export function createRateLimiter({ limit, windowMs }: RateLimit, now: () => Date = () => new Date()) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    /** Counts one hit for `key`; refuses once `limit` hits fall in the current window. */
    take(key: string): RateDecision {
      const time = now().getTime();
      // Forget ended windows now and then, so many distinct keys cannot grow the map without end.
      if (time - lastSweep > windowMs) {
        for (const [k, w] of windows) if (time - w.start >= windowMs) windows.delete(k);
        lastSweep = time;
      }
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        window = { start: time, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limit) return { ok: false, retryAfterMs: window.start + windowMs - time };
      window.count += 1;
      return { ok: true };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
