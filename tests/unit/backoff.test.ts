// Retry delays grow exponentially, stay under the cap, are spread by jitter, and honour a server's Retry-After.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  failedAgain,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from "../../src/client/sync/backoff";

const options = { baseMs: 1_000, capMs: 60_000 };

describe("backoffDelay", () => {
  it("stays between half and all of min(cap, base·2^(n-1)) (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (n - 1));
          const delay = backoffDelay(n, () => r, options);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it("doubles the ceiling with each failure until the cap", () => {
    const top = (n: number) => backoffDelay(n, () => 0.999_999, options);
    expect([1, 2, 3, 4].map(top)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(top(50)).toBe(60_000);
  });

  it("spreads devices that failed together", () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.95].map((r) => backoffDelay(5, () => r, options)));
    expect(delays.size).toBe(4);
  });
});

describe("a server's Retry-After", () => {
  it("is waited at least, spread by up to half as much again", () => {
    expect(backoffDelay(1, () => 0, options, 30_000)).toBe(30_000);
    expect(backoffDelay(1, () => 0.999_999, options, 30_000)).toBeLessThanOrEqual(45_000);
    expect(backoffDelay(1, () => 0.5, options, 30_000)).toBeGreaterThan(30_000);
    // The phone's own backoff still holds when it is the longer of the two.
    expect(backoffDelay(20, () => 0, options, 1_000)).toBe(options.capMs / 2);
  });

  it("is read in seconds or as a date, and an unreadable one is ignored", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("cannot hold a phone back for more than half an hour", () => {
    expect(backoffDelay(1, () => 0, options, 10 * 24 * 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("failedAgain", () => {
  it("counts one more failure and sets the next attempt from now", () => {
    const first = failedAgain(undefined, 1_000, () => 0.999_999, options);
    expect(first).toEqual({ failures: 1, nextAttemptAt: 2_000 });
    const second = failedAgain(first, 2_000, () => 0.999_999, options);
    expect(second).toEqual({ failures: 2, nextAttemptAt: 4_000 });
  });
});
