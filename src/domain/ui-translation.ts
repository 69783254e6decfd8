// Interface translations made by community translators (issue #14, item 7). The app's Spanish catalogue goes out as
// a translation file with context for each string; a translated file comes back and is checked string by string
// (placeholders, plural forms, keys the app does not have). What passes is kept; what is missing or refused falls
// back to Spanish, one string at a time. Documented in README ("Interface translations"). Pure: no I/O.
import { z } from "zod/mini";
import { CONTENT_LANGUAGES, LANGUAGE_NAMES } from "./language-codes";

export const TRANSLATION_FORMAT = "tejido-ui-translation";
export const TRANSLATION_VERSION = 1;

/** Languages a community may translate the interface into: the Mayan languages already offered for texts. */
export const COMMUNITY_LANGUAGES = CONTENT_LANGUAGES.filter(
  (code): code is Exclude<(typeof CONTENT_LANGUAGES)[number], "es" | "en"> => code !== "es" && code !== "en",
);
export type CommunityLanguage = (typeof COMMUNITY_LANGUAGES)[number];

/** Each language's own name, as its speakers write it. */
export const COMMUNITY_LANGUAGE_NAMES: Record<CommunityLanguage, string> = LANGUAGE_NAMES;

/** A translated string may be longer than its Spanish source, but not without bound. */
const MAX_STRING = 4_000;

export const TranslationEntry = z.object({
  key: z.string().check(z.maxLength(200)),
  /** For the translator: where the string shows, its placeholders, and which plural form it is. */
  context: z.optional(z.string().check(z.maxLength(2_000))),
  /** The Spanish text, as exported (not read back: the app's own catalogue is the source). */
  source: z.optional(z.string().check(z.maxLength(MAX_STRING))),
  /** Empty or absent: not translated yet (the Spanish shows). */
  translation: z.optional(z.string().check(z.maxLength(MAX_STRING))),
});
export type TranslationEntry = z.infer<typeof TranslationEntry>;

export const TranslationFile = z.object({
  format: z.literal(TRANSLATION_FORMAT),
  version: z.literal(TRANSLATION_VERSION),
  sourceLanguage: z.literal("es"),
  /** The language it translates into; empty in the exported template, for the translator to fill in. */
  language: z.string().check(z.maxLength(20)),
  strings: z.array(TranslationEntry).check(z.maxLength(20_000)),
});
export type TranslationFile = z.infer<typeof TranslationFile>;

/** Why a translated string was not taken (the Spanish shows in its place). */
export type TranslationProblemCode =
  /** Its {placeholders} are not exactly the Spanish string's: a name or a number would go missing or break. */
  | "placeholders"
  /** One plural form is translated and the other is not: a sentence would change language with the count. */
  | "plural"
  /** The app has no string with this key (renamed or removed since the file was exported). */
  | "unknown-key"
  /** The same key twice in the file. */
  | "repeated";

export interface TranslationCheck {
  /** The strings taken, by key. */
  strings: Record<string, string>;
  problems: { key: string; code: TranslationProblemCode; expected?: string[]; found?: string[] }[];
  /** Keys of the app that the file leaves untranslated. */
  missing: string[];
  translated: number;
  total: number;
}

/** The {name} placeholders of a text, sorted, each once. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();
}

/** The plural forms of a catalogue: base → its form keys ("base.one", "base.other", maybe "base.zero"). */
function pluralGroups(keys: readonly string[]): Map<string, string[]> {
  const all = new Set(keys);
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const match = /^(.*)\.(zero|one|other)$/.exec(key);
    if (!match || !all.has(`${match[1]}.other`) || !all.has(`${match[1]}.one`)) continue;
    const forms = groups.get(match[1]!) ?? [];
    forms.push(key);
    groups.set(match[1]!, forms);
  }
  return groups;
}

/** Plain-language context for a translator (in Spanish, the language they translate from). */
export function contextOf(key: string, source: string, feature: string, plural: boolean): string {
  const parts = [`Parte de la aplicación: ${feature}. Clave: ${key}.`];
  const names = placeholders(source);
  if (names.length > 0)
    parts.push(
      `Deje tal cual ${names.map((name) => `{${name}}`).join(", ")}: la aplicación pone ahí un dato (nombre, número o fecha).`,
    );
  if (plural) {
    const form = key.slice(key.lastIndexOf(".") + 1);
    parts.push(
      form === "one"
        ? "Forma para una sola cosa (singular). Traduzca también la forma «other»."
        : form === "zero"
          ? "Forma para cuando no hay ninguna."
          : "Forma para varias cosas (plural). Si su idioma no distingue, escriba lo mismo en «one» y «other».",
    );
  }
  return parts.join(" ");
}

/**
 * The file a translator starts from: every Spanish string, in the catalogue's order, with its context and an
 * empty translation. `features` names the part of the app each key belongs to.
 */
export function translationTemplate(
  spanish: Readonly<Record<string, string>>,
  featureOf: (key: string) => string,
  language = "",
  existing: Readonly<Record<string, string>> = {},
): TranslationFile {
  const keys = Object.keys(spanish);
  const plural = new Set([...pluralGroups(keys).values()].flat());
  return {
    format: TRANSLATION_FORMAT,
    version: TRANSLATION_VERSION,
    sourceLanguage: "es",
    language,
    strings: keys.map((key) => ({
      key,
      context: contextOf(key, spanish[key]!, featureOf(key), plural.has(key)),
      source: spanish[key]!,
      translation: existing[key] ?? "",
    })),
  };
}

/** Checks a translated file against the app's Spanish catalogue, string by string. */
export function checkTranslation(
  spanish: Readonly<Record<string, string>>,
  file: Pick<TranslationFile, "strings">,
): TranslationCheck {
  const problems: TranslationCheck["problems"] = [];
  const given = new Map<string, string>();
  for (const { key, translation } of file.strings) {
    if (!Object.hasOwn(spanish, key)) {
      problems.push({ key, code: "unknown-key" });
      continue;
    }
    if (given.has(key)) {
      problems.push({ key, code: "repeated" });
      continue;
    }
    const text = (translation ?? "").trim();
    if (text === "") continue;
    const expected = placeholders(spanish[key]!);
    const found = placeholders(text);
    if (expected.join(" ") !== found.join(" ")) {
      problems.push({ key, code: "placeholders", expected, found });
      continue;
    }
    given.set(key, text);
  }
  // Both forms of a plural, or neither: a count must not switch the sentence's language.
  for (const [base, forms] of pluralGroups(Object.keys(spanish))) {
    const needed = forms.filter((form) => !form.endsWith(".zero"));
    const done = needed.filter((form) => given.has(form));
    if (done.length > 0 && done.length < needed.length) {
      problems.push({ key: `${base}.other`, code: "plural" });
      for (const form of forms) given.delete(form);
    }
  }
  const keys = Object.keys(spanish);
  const missing = keys.filter((key) => !given.has(key));
  return {
    strings: Object.fromEntries(given),
    problems,
    missing,
    translated: keys.length - missing.length,
    total: keys.length,
  };
}

/**
 * Per cent of the interface translated, to a tenth, rounded down: a language at 99.96 % is not complete, and one with
 * a few strings shows more than nothing.
 */
export const coveragePercent = (translated: number, total: number) =>
  total === 0 ? 0 : Math.floor((translated * 1000) / total) / 10;
