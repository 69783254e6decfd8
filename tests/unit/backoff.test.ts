// Retry delays grow exponentially, stay under the cap, and are spread by jitter.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/client/sync/backoff";

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
