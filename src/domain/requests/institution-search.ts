// Finds institutions as people type them: any case, with or without accents, by name words or acronym.
import { stripAccents } from "../strip-accents";

export interface SearchableInstitution {
  id: string;
  name: string;
  acronym: string;
  active: boolean;
}

/**
 * Lower-case, without accents or punctuation: "Educación" matches "educacion", and "Peñas" matches
 * "penas" too (a phone without ñ at hand must still find it).
 */
export function searchKey(text: string): string {
  return stripAccents(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Active institutions matching `query`, best first: the acronym itself, then acronyms starting with
 * the query, then names containing every word of it (shortest names first). An empty query gives none.
 */
export function searchInstitutions<T extends SearchableInstitution>(
  query: string,
  institutions: readonly T[],
): T[] {
  const key = searchKey(query);
  if (key === "") return [];
  const words = key.split(" ");
  const compact = key.replaceAll(" ", "");
  const scored: { institution: T; score: number }[] = [];
  for (const institution of institutions) {
    if (!institution.active) continue;
    const acronym = searchKey(institution.acronym).replaceAll(" ", "");
    const name = ` ${searchKey(institution.name)} `;
    let score = 0;
    if (acronym === compact) score = 3;
    else if (acronym.startsWith(compact)) score = 2;
    else if (words.every((word) => name.includes(` ${word}`))) score = 1;
    if (score > 0) scored.push({ institution, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.institution.name.length - b.institution.name.length)
    .map(({ institution }) => institution);
}
