// Tracking and provisional codes: Crockford base32 from the given random source, read back as people type them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatTrackingCode,
  newProvisionalCode,
  newTrackingCode,
  normalizeTrackingCode,
  TRACKING_CODE_SYMBOLS,
} from "../../src/domain/requests/tracking-code";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FORMATTED = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A random source that fills the buffer with the given bytes, and records the buffers it was asked to fill. */
function fixedBytes(values: number[]) {
  const requested: number[] = [];
  const random = (bytes: Uint8Array): Uint8Array => {
    requested.push(bytes.length);
    bytes.set(values.slice(0, bytes.length));
    return bytes;
  };
  return { random, requested };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("newTrackingCode", () => {
  it("is four groups of four Crockford symbols, never I, L, O or U", () => {
    expect(TRACKING_CODE_SYMBOLS).toBe(16);
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(FORMATTED);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it("asks the given random source for 16 bytes and maps each to one symbol", () => {
    const low = fixedBytes(range(0, 16));
    expect(newTrackingCode(low.random)).toBe("0123-4567-89AB-CDEF");
    expect(low.requested).toEqual([16]);

    expect(newTrackingCode(fixedBytes(range(16, 16)).random)).toBe("GHJK-MNPQ-RSTV-WXYZ");
  });

  it("uses only the low five bits of each byte, so every byte value gives a valid symbol", () => {
    // 240..255 & 31 = 16..31, the same symbols as 16..31.
    expect(newTrackingCode(fixedBytes(range(240, 16)).random)).toBe("GHJK-MNPQ-RSTV-WXYZ");
    expect(newTrackingCode(fixedBytes(Array(16).fill(32)).random)).toBe("0000-0000-0000-0000");
    expect(newTrackingCode(fixedBytes(Array(16).fill(255)).random)).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  });

  it("gives 1,000 distinct codes from the platform's random source", () => {
    const codes = new Set(Array.from({ length: 1_000 }, () => newTrackingCode()));
    expect(codes.size).toBe(1_000);
  });
});

describe("formatTrackingCode", () => {
  it("groups a plain code in fours", () => {
    expect(formatTrackingCode("7KQ2M9XD4RTBH3WA")).toBe("7KQ2-M9XD-4RTB-H3WA");
    expect(formatTrackingCode("4RTBH3WA")).toBe("4RTB-H3WA");
  });
});

describe("normalizeTrackingCode", () => {
  const plain = "7KQ2M9XD4RTBH3WA";

  it("accepts the canonical form, with or without dashes", () => {
    expect(normalizeTrackingCode(plain)).toBe(plain);
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3WA")).toBe(plain);
  });

  it("ignores case, spaces and dashes anywhere", () => {
    expect(normalizeTrackingCode("7kq2-m9xd-4rtb-h3wa")).toBe(plain);
    expect(normalizeTrackingCode("  7KQ2 M9XD\t4RTB  H3WA ")).toBe(plain);
    expect(normalizeTrackingCode("7-K-Q-2 -- m9xd4rtb h3-wa")).toBe(plain);
  });

  it("reads O as zero and I or L as one, in either case", () => {
    expect(normalizeTrackingCode("OoOO-1111-0000-1111")).toBe("0000111100001111");
    expect(normalizeTrackingCode("IiLl-0000-0000-0000")).toBe("1111000000000000");
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3WO")).toBe("7KQ2M9XD4RTBH3W0");
  });

  it("refuses a wrong length", () => {
    expect(normalizeTrackingCode("")).toBeUndefined();
    expect(normalizeTrackingCode("   -  ")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3W")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3WAA")).toBeUndefined();
    expect(normalizeTrackingCode("P-4RTB-H3WA")).toBeUndefined();
  });

  it("refuses symbols outside the alphabet", () => {
    expect(normalizeTrackingCode("UKQ2-M9XD-4RTB-H3WA")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3W!")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2M9XD4RTBH3W_")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2.M9XD.4RTB.H")).toBeUndefined();
    expect(normalizeTrackingCode("7KQ2-M9XD-4RTB-H3WÁ")).toBeUndefined();
    // Unicode case mapping must not make a code out of other letters ("ß" upper-cases to "SS").
    expect(normalizeTrackingCode(`ß${"0".repeat(14)}`)).toBeUndefined();
  });

  it("round-trips a new code: normalize drops the dashes, format puts them back", () => {
    for (let i = 0; i < 100; i++) {
      const code = newTrackingCode();
      const normalized = normalizeTrackingCode(code);
      expect(normalized).toBe(code.replaceAll("-", ""));
      expect(normalized).toHaveLength(16);
      expect(formatTrackingCode(normalized!)).toBe(code);
    }
  });

  it("reads back any generated code as itself without dashes, also typed in lower case (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = newTrackingCode((buffer) => {
          buffer.set(bytes);
          return buffer;
        });
        expect(code).toMatch(FORMATTED);
        const plain = code.replaceAll("-", "");
        expect(normalizeTrackingCode(code)).toBe(plain);
        expect(normalizeTrackingCode(code.toLowerCase())).toBe(plain);
        for (const char of plain) expect(CROCKFORD).toContain(char);
      }),
    );
  });
});

describe("newProvisionalCode", () => {
  it("is P- and two groups of four", () => {
    for (let i = 0; i < 200; i++) {
      const code = newProvisionalCode();
      expect(code).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(code).not.toMatch(/^P-.*[ILOU]/);
    }
  });

  it("asks the given random source for 8 bytes", () => {
    const source = fixedBytes(range(24, 8));
    expect(newProvisionalCode(source.random)).toBe("P-RSTV-WXYZ");
    expect(source.requested).toEqual([8]);
  });
});
