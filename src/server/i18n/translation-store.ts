// The interface languages communities translated (issue #14, item 7), as stored, and their summaries with coverage.
// Summaries go out with every pull (so a phone learns of a new language with no request of its own): they are
// computed once per change of the table, not per pull.
import type { Kysely } from "kysely";
import { featureOf, SPANISH_CATALOGUE } from "../../client/i18n/spanish-catalogue";
import type { UiLanguageSummary } from "../../domain/sync-messages";
import {
  COMMUNITY_LANGUAGE_NAMES,
  COMMUNITY_LANGUAGES,
  type CommunityLanguage,
  coveragePercent,
} from "../../domain/ui-translation";
import type { Database } from "../storage/schema";

export { featureOf, SPANISH_CATALOGUE };

export const isCommunity = (code: string): code is CommunityLanguage =>
  (COMMUNITY_LANGUAGES as readonly string[]).includes(code);

/** A stored language's strings that the app still has (a key renamed since is neither counted nor served). */
export function currentStrings(strings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(strings).filter(([key]) => Object.hasOwn(SPANISH_CATALOGUE, key)));
}

export const catalogueSize = () => Object.keys(SPANISH_CATALOGUE).length;

export function summaryOf(
  language: CommunityLanguage,
  strings: Record<string, string>,
  updatedAt: string,
): UiLanguageSummary & { translated: number; total: number } {
  const translated = Object.keys(strings).length;
  return {
    language,
    name: COMMUNITY_LANGUAGE_NAMES[language],
    translated,
    total: catalogueSize(),
    coverage: coveragePercent(translated, catalogueSize()),
    updatedAt,
  };
}

export async function storedLanguage(db: Kysely<Database>, language: string) {
  const row = await db
    .selectFrom("ui_translations")
    .selectAll()
    .where("language", "=", language)
    .executeTakeFirst();
  return (
    row && {
      strings: currentStrings(JSON.parse(row.strings) as Record<string, string>),
      updatedAt: row.updated_at,
    }
  );
}

/** Per database (tests run several servers in one process): the table's stamp and the summaries made from it. */
const cache = new WeakMap<Kysely<Database>, { stamp: string; list: ReturnType<typeof summaryOf>[] }>();

/** Every installed language's summary; the strings are read again only when the table changed. */
export async function languageSummaries(db: Kysely<Database>): Promise<ReturnType<typeof summaryOf>[]> {
  const heads = await db
    .selectFrom("ui_translations")
    .select(["language", "updated_at"])
    .orderBy("language")
    .execute();
  const stamp = heads.map((row) => `${row.language}@${row.updated_at}`).join(",");
  const cached = cache.get(db);
  if (cached?.stamp === stamp) return cached.list;
  const rows = await db.selectFrom("ui_translations").selectAll().orderBy("language").execute();
  const list = rows.flatMap((row) =>
    isCommunity(row.language)
      ? [summaryOf(row.language, currentStrings(JSON.parse(row.strings)), row.updated_at)]
      : [],
  );
  cache.set(db, { stamp, list });
  return list;
}
