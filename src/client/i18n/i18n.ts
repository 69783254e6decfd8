// The active UI language: Spanish ships in the first load, other catalogues load on demand.
import type { UiLanguage } from "../../domain/language-codes";
import { getLanguage, setLanguage as persistLanguage } from "../storage/settings";
import { createStore, useStore } from "../ui/store";
import type { Catalogue, MessageKey } from "./catalogue";
import { es } from "./es";

interface LanguageState {
  language: UiLanguage;
  catalogue: Catalogue;
}

const LOCALES: Record<UiLanguage, string> = { es: "es-GT", en: "en" };
const loaders: Record<UiLanguage, () => Promise<Catalogue>> = {
  es: async () => es,
  en: async () => (await import("./en")).en,
};

export const languageStore = createStore<LanguageState>({ language: "es", catalogue: es });

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function translator(catalogue: Catalogue): Translate {
  return (key, params) => {
    const text = catalogue[key];
    return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match)) : text;
  };
}

export async function changeLanguage(language: UiLanguage, persist = true): Promise<void> {
  const catalogue = await loaders[language]();
  languageStore.set({ language, catalogue });
  document.documentElement.lang = LOCALES[language];
  if (persist) await persistLanguage(language);
}

/** Restores the language chosen on this phone before. */
export async function restoreLanguage(): Promise<void> {
  const saved = await getLanguage();
  if (saved && saved !== "es") await changeLanguage(saved, false);
}

export interface I18n {
  t: Translate;
  language: UiLanguage;
  locale: string;
  /** Picks "key.zero" / "key.one" / "key.other" by count. */
  plural: (base: "sync.pending" | "sync.attention", count: number) => string;
  formatDateTime: (iso: string) => string;
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
    plural: (base, count) => {
      if (count === 0 && base === "sync.pending") return t("sync.pending.zero");
      return t(count === 1 ? `${base}.one` : `${base}.other`, { count });
    },
    formatDateTime: (iso) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    formatTime: (date) => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date),
  };
}
