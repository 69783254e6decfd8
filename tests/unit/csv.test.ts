// CSV per RFC 4180 with formulas neutralised: what is written reads back the same, and nothing runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../src/domain/exports/csv";
import { parseCsv } from "../support/csv-parse";

describe("csvCell", () => {
  it("quotes fields with commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("Quetzaltenango, Xela")).toBe('"Quetzaltenango, Xela"');
    expect(csvCell('dijo "sí"')).toBe('"dijo ""sí"""');
    expect(csvCell("línea 1\nlínea 2")).toBe('"línea 1\nlínea 2"');
    expect(csvCell("Año señalado: niño")).toBe("Año señalado: niño");
  });

  it.each([
    ["=", '=HYPERLINK("http://x")'],
    ["+", "+50212345678"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A2)"],
    ["tab", "\t=1+1"],
    ["CR", "\r=1+1"],
  ])("turns a text starting with %s into text", (_label, text) => {
    const cell = csvCell(text);
    const [[read]] = parseCsv(`${cell}\r\n`) as [[string]];
    expect(read).toBe(`'${text}`);
  });

  it("keeps numbers and booleans as data, and empty cells empty", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(3.25)).toBe("3.25");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(() => csvCell(Number.NaN)).toThrow(TypeError);
  });
});

describe("csvRow", () => {
  it("reads back as the same fields, formulas shown as text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        (rows) => {
          const text = rows.map(csvRow).join("");
          const neutral = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
          expect(parseCsv(text)).toEqual(rows.map((row) => row.map(neutral)));
        },
      ),
    );
  });
});
