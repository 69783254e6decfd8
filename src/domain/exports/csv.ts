// CSV cells and rows per RFC 4180 (UTF-8, CRLF), with spreadsheet formulas neutralised.

export type CsvValue = string | number | boolean | null | undefined;

/** UTF-8 byte order mark: lets Excel open the file with accents and ñ intact (optional, at the very start). */
export const UTF8_BOM = "\uFEFF";

/**
 * A text starting with =, +, -, @ is taken as a formula by spreadsheets, and one starting with a tab or a
 * carriage return trims into one. Such a text cell is prefixed with an apostrophe, which spreadsheets show
 * as text and never run ("CSV injection"; OWASP). See startsLikeFormula.
 */

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
  // Exports write millions of cells: the first character is checked by code, not by a regex.
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whether a text starts with =, +, -, @, tab or carriage return (by code: cheaper than a regex). */
function startsLikeFormula(text: string): boolean {
  const code = text.charCodeAt(0);
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** One record, ending with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += i === 0 ? csvCell(values[i]) : `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}
