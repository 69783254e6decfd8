// Folio text: acronym, year and sequence, written and read back as people type them.
import { describe, expect, it } from "vitest";
import { folioPrefix, formatFolio, parseFolio } from "../../src/domain/requests/folio";

describe("folios", () => {
  it("writes acronym, year and a six-digit sequence", () => {
    expect(formatFolio("MINFIN", 2026, 42)).toBe("MINFIN-2026-000042");
    expect(formatFolio("Muni Xela", 2027, 1_234_567)).toBe("MUNIXELA-2027-1234567");
  });

  it("turns acronyms into plain upper-case letters and digits", () => {
    expect(folioPrefix("Mínfin ")).toBe("MINFIN");
    expect(folioPrefix("Muni. San Juan Ostuncalco")).toBe("MUNISANJUANOSTUNCALCO");
    expect(() => folioPrefix("—")).toThrow();
  });

  it("reads a folio typed in any case, and refuses what cannot be one", () => {
    expect(parseFolio(" minfin-2026-000042 ")).toEqual({ prefix: "MINFIN", year: 2026, sequence: 42 });
    expect(parseFolio("MINFIN-2026-000000")).toBeUndefined();
    expect(parseFolio("MINFIN 2026 42")).toBeUndefined();
    expect(() => formatFolio("SAT", 2026, 0)).toThrow();
  });
});
