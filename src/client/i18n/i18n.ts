// The active UI language: Spanish ships in the first load, other catalogues load on demand.
import type { UiLanguage } from "../../domain/language-codes";
import { createStore, useStore } from "../ui/store";
import type { Catalogue, MessageKey } from "./catalogue";
import { es } from "./es";

type Texts = Partial<Record<MessageKey, string>>;

interface LanguageState {
  language: UiLanguage;
  catalogue: Texts;
}

/** A feature's catalogue: Spanish at once, other languages on demand. */
export interface CataloguePart {
  es: Texts;
  load: Partial<Record<UiLanguage, () => Promise<Texts>>>;
}
const parts: CataloguePart[] = [];

/**
 * The BCP 47 locale each UI language formats dates and numbers with: Mayan languages write them as Guatemala's
 * Spanish does (browsers have no formats of their own for them).
 */
export const LOCALES: Record<UiLanguage, string> = {
  es: "es-GT",
  en: "en",
  quc: "es-GT",
  cak: "es-GT",
  mam: "es-GT",
  kek: "es-GT",
};
const loaders: Partial<Record<UiLanguage, () => Promise<Catalogue>>> = {
  es: async () => es,
  en: async () => (await import("./en")).en,
};

export const languageStore = createStore<LanguageState>({ language: "es", catalogue: es });

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A message with plural forms: "base.one" and "base.other" both exist (and "base.zero" may). */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.other` ? (`${B}.one` extends MessageKey ? B : never) : never;
}[MessageKey];

function translator(catalogue: Texts): Translate {
  return (key, params) => {
    // A feature's key before its catalogue registered would show as the key itself, never as "undefined".
    const text = catalogue[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match)) : text;
  };
}

/**
 * The whole catalogue of a language: core and every registered part (Spanish where a part lacks it). A community
 * translation covers every part at once, over Spanish, string by string; undefined when it cannot be had (never
 * downloaded, and no signal).
 */
async function catalogueFor(language: UiLanguage, fresh: boolean): Promise<Texts | undefined> {
  const load = loaders[language];
  if (!load) {
    const strings = await (await import("./community")).communityStrings(language, fresh);
    return strings && Object.assign({}, es, ...parts.map((part) => part.es), strings);
  }
  const core = await load();
  const extra = await Promise.all(
    parts.map(async (part) => ({ ...part.es, ...(await part.load[language]?.()) })),
  );
  return Object.assign({}, core, ...extra);
}

/** Adds a feature's texts; its screens import the part before they render. */
export function registerCatalogue(part: CataloguePart): void {
  parts.push(part);
  const { language, catalogue } = languageStore.get();
  languageStore.set({ language, catalogue: { ...part.es, ...catalogue } });
  const load = part.load[language];
  if (language !== "es" && load) {
    void load().then((texts) => {
      const current = languageStore.get();
      if (current.language === language)
        languageStore.set({ language, catalogue: { ...current.catalogue, ...texts } });
    });
  }
}

/** Changes the UI language; false when its catalogue cannot be had now (the language stays as it was). */
export async function changeLanguage(language: UiLanguage, persist = true): Promise<boolean> {
  // A person's choice reads the language afresh; a reload uses what the phone kept.
  const catalogue = await catalogueFor(language, persist);
  if (!catalogue) return false;
  languageStore.set({ language, catalogue });
  // The page's language is the language's own code (a screen reader's choice of voice); es-GT for Spanish.
  document.documentElement.lang = language === "es" ? "es-GT" : language;
  // Settings (IndexedDB, device id) stay out of the first load: the language is read and kept after it.
  if (persist) await (await import("../storage/settings")).setLanguage(language);
  return true;
}

/** Restores the language chosen on this phone before. */
export async function restoreLanguage(): Promise<void> {
  const saved = await (await import("../storage/settings")).getLanguage();
  if (saved && saved !== "es") await changeLanguage(saved, false);
}

export interface I18n {
  t: Translate;
  language: UiLanguage;
  locale: string;
  /** Picks "base.zero" (when the catalogue has it) / "base.one" / "base.other" by count and language. */
  plural: (base: PluralBase, count: number, params?: Record<string, string | number>) => string;
  formatDateTime: (iso: string) => string;
  /** A calendar date ("2026-11-20") as people read it; no time zone can move it to another day. */
  formatDate: (date: string, style?: "medium" | "long") => string;
  formatTime: (date: Date) => string;
}

export function useI18n(): I18n {
  const { language, catalogue } = useStore(languageStore);
  const t = translator(catalogue);
  const locale = LOCALES[language];
  return {
    t,
    language,
    locale,
    plural: (base, count, params = {}) => {
      const zero = `${base}.zero` as MessageKey;
      if (count === 0 && catalogue[zero] !== undefined) return t(zero, { ...params, count });
      const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
      return t(`${base}.${form}` as MessageKey, { ...params, count });
    },
    formatDateTime: (iso) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    formatDate: (date, style = "medium") =>
      new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(
        new Date(`${date}T00:00:00Z`),
      ),
    formatTime: (date) => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date),
  };
}
