// Folios of information requests: the institution's acronym, the year and a sequence, e.g. "MINFIN-2026-000042".
import { stripAccents } from "../strip-accents";

/** Acronyms become plain upper-case letters and digits: "Minfin", "MINFIN " and "MÍNFIN" give "MINFIN". */
export function folioPrefix(acronym: string): string {
  const plain = stripAccents(acronym)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  if (plain === "") throw new Error("An institution needs an acronym with letters or digits for its folios");
  return plain;
}

export function formatFolio(acronym: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`Invalid folio sequence ${sequence}`);
  return `${folioPrefix(acronym)}-${year}-${String(sequence).padStart(6, "0")}`;
}

export interface ParsedFolio {
  prefix: string;
  year: number;
  sequence: number;
}

/** Reads a folio as people type it (any case, spaces around), or undefined if it cannot be one. */
export function parseFolio(text: string): ParsedFolio | undefined {
  const match = /^([A-Z0-9]+)-(\d{4})-(\d{1,9})$/.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const sequence = Number(match[3]);
  return sequence >= 1 ? { prefix: match[1]!, year: Number(match[2]), sequence } : undefined;
}
