// CSV cells and rows per RFC 4180 (UTF-8, CRLF), with spreadsheet formulas neutralised.

export type CsvValue = string | number | boolean | null | undefined;

/** UTF-8 byte order mark: lets Excel open the file with accents and ñ intact (optional, at the very start). */
export const UTF8_BOM = "\uFEFF";

/**
 * A text starting with one of these is taken as a formula by spreadsheets (=, +, -, @) or trims into
 * one (tab, carriage return). Such a text cell is prefixed with an apostrophe, which spreadsheets show
 * as text and never run ("CSV injection"; OWASP).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  // Numbers and booleans are data, never formulas: -5 stays -5.
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`csvCell: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ending with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
