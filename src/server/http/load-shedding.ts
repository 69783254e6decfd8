// Sheds load instead of slowing everyone: past a number of exchanges in flight, answer 503 with Retry-After at once.
import type { MiddlewareHandler } from "hono";
import { sendProblem } from "./problem-response";

export interface LoadLimit {
  /** Exchanges (pushes, pulls, filings, uploads) served at once; one more is turned away. */
  maxInFlight: number;
  /** Seconds a turned-away phone is told to wait; phones add their own jitter to it. */
  retryAfterSeconds: number;
}

/** Sized for one SQLite writer on 2 cores: enough to keep it busy, few enough that each waits little. */
export const DEFAULT_LOAD_LIMIT: LoadLimit = { maxInFlight: 32, retryAfterSeconds: 5 };

/**
 * One shared count for every route it guards. A refused request did no work and wrote nothing, so sending
 * it again later is always safe; health checks and static files are never counted, so they stay fast.
 */
export type LoadShedder = ReturnType<typeof createLoadShedder>;

export function createLoadShedder({ maxInFlight, retryAfterSeconds }: LoadLimit) {
  let inFlight = 0;
  const middleware: MiddlewareHandler = async (c, next) => {
    if (inFlight >= maxInFlight) {
      c.header("Retry-After", String(retryAfterSeconds));
      return sendProblem(c, "overloaded", 503, "The server is busy", {
        detail: "Nothing was lost: send again after the seconds in Retry-After.",
      });
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
  return { middleware, inFlight: () => inFlight };
}
