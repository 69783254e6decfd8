// Language codes Tejido knows, and how to pick a text in one of them. No schemas here: the first load uses it.

/** Content languages: es is required, en and Mayan languages (K'iche', Kaqchikel, Mam, Q'eqchi') are optional. */
export const CONTENT_LANGUAGES = ["es", "en", "quc", "cak", "mam", "kek"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** Each language's own name, as its speakers write it. */
export const LANGUAGE_NAMES: Record<ContentLanguage, string> = {
  es: "Español",
  en: "English",
  quc: "K'iche'",
  cak: "Kaqchikel",
  mam: "Mam",
  kek: "Q'eqchi'",
};

/** UI languages whose catalogue ships with the app. */
export const UI_LANGUAGES = ["es", "en"] as const;
/**
 * A UI language: one that ships, or a Mayan language a community translated (issue #14, item 7: imported on the
 * server, loaded when chosen, Spanish for each string it lacks).
 */
export type UiLanguage = ContentLanguage;

/** Picks the text in the wanted language, falling back to Spanish, which is always present. */
export function localize(
  text: Partial<Record<ContentLanguage, string>> & { es: string },
  language: ContentLanguage,
): string {
  return text[language] ?? text.es;
}
