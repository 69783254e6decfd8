// The fixed-window rate limiter allows `limit` hits per key per window, says when to retry, and forgets ended windows safely.
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/server/http/rate-limit";

const WINDOW = 60_000;

/** A limiter on a clock the test moves by hand. */
function limiterAt(start: number, limit = 3, windowMs = WINDOW) {
  let time = start;
  const limiter = createRateLimiter({ limit, windowMs }, () => new Date(time));
  return {
    take: (key: string) => limiter.take(key),
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const T0 = Date.parse("2026-11-20T15:00:00.000Z");

describe("createRateLimiter", () => {
  it("allows `limit` hits in a window and refuses the next, with the rest of the window to wait", () => {
    const clock = limiterAt(T0);
    expect(clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(10_000);
    expect(clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(10_000);
    expect(clock.take("10.0.0.1")).toEqual({ ok: true });
    clock.advance(5_000);
    // The window began with the first hit, 25 s ago.
    expect(clock.take("10.0.0.1")).toEqual({ ok: false, retryAfterMs: 35_000 });
    clock.advance(34_999);
    expect(clock.take("10.0.0.1")).toEqual({ ok: false, retryAfterMs: 1 });
  });

  it("refuses at once with the whole window when all hits come together", () => {
    const clock = limiterAt(T0, 5);
    for (let i = 0; i < 5; i++) expect(clock.take("k").ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW });
  });

  it("counts each key on its own", () => {
    const clock = limiterAt(T0, 2);
    expect(clock.take("a").ok).toBe(true);
    expect(clock.take("a").ok).toBe(true);
    expect(clock.take("a").ok).toBe(false);
    expect(clock.take("b").ok).toBe(true);
    expect(clock.take("b").ok).toBe(true);
    expect(clock.take("b").ok).toBe(false);
    expect(clock.take("c").ok).toBe(true);
    expect(clock.take("a").ok).toBe(false);
  });

  it("starts a new window once windowMs has passed since the window began", () => {
    const clock = limiterAt(T0, 2);
    clock.take("k");
    clock.take("k");
    clock.advance(WINDOW - 1);
    expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(clock.take("k")).toEqual({ ok: true });
    expect(clock.take("k")).toEqual({ ok: true });
    // The new window began now, so the full window is left.
    expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW });
  });

  it("does not let refused hits extend the wait", () => {
    const clock = limiterAt(T0, 1);
    expect(clock.take("k").ok).toBe(true);
    for (let i = 0; i < 59; i++) {
      clock.advance(1_000);
      expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: WINDOW - (i + 1) * 1_000 });
    }
    clock.advance(1_000);
    expect(clock.take("k").ok).toBe(true);
  });

  it("keeps refusing live windows and frees ended ones after many keys and sweeps", () => {
    const clock = limiterAt(T0, 2);
    clock.take("early");
    clock.take("early");
    for (let i = 0; i < 5_000; i++) expect(clock.take(`flood-${i}`).ok).toBe(true);

    clock.advance(WINDOW / 2);
    clock.take("late");
    clock.take("late");
    for (let i = 0; i < 5_000; i++) expect(clock.take(`flood2-${i}`).ok).toBe(true);
    expect(clock.take("early")).toEqual({ ok: false, retryAfterMs: WINDOW / 2 });

    // Past the first window: a sweep is due. Windows begun half a window ago must survive it.
    clock.advance(WINDOW / 2 + 1);
    expect(clock.take("late")).toEqual({ ok: false, retryAfterMs: WINDOW / 2 - 1 });
    expect(clock.take("flood2-0")).toEqual({ ok: true });
    expect(clock.take("flood2-0")).toEqual({ ok: false, retryAfterMs: WINDOW / 2 - 1 });
    expect(clock.take("early")).toEqual({ ok: true });
    expect(clock.take("flood-0")).toEqual({ ok: true });
    expect(clock.take("flood-0")).toEqual({ ok: true });
    expect(clock.take("flood-0")).toEqual({ ok: false, retryAfterMs: WINDOW });

    // Many windows later, after several more sweeps, the limiter still counts from scratch and correctly.
    for (let round = 0; round < 5; round++) {
      clock.advance(WINDOW * 2);
      for (let i = 0; i < 1_000; i++) clock.take(`round-${round}-${i}`);
      expect(clock.take("late")).toEqual({ ok: true });
      expect(clock.take("late")).toEqual({ ok: true });
      expect(clock.take("late")).toEqual({ ok: false, retryAfterMs: WINDOW });
    }
  });

  it("sweeps correctly from a clock that starts near zero", () => {
    const clock = limiterAt(0, 1, 1_000);
    expect(clock.take("k").ok).toBe(true);
    clock.advance(999);
    expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(2);
    expect(clock.take("other").ok).toBe(true);
    expect(clock.take("k").ok).toBe(true);
    expect(clock.take("k")).toEqual({ ok: false, retryAfterMs: 1_000 });
  });
});
