// Interface languages translated by communities (issue #14, item 7): the list the picker offers, with each one's
// coverage (it comes with every pull: no request of its own), and a language's strings, kept on the phone once
// chosen, so it works offline and a reload costs no request.
import type { UiLanguage } from "../../domain/language-codes";

export interface CommunityLanguage {
  language: UiLanguage;
  name: string;
  /** Whole per cent of the interface translated; the rest shows in Spanish. */
  coverage: number;
  updatedAt: string;
}

interface Kept {
  strings: Record<string, string>;
  updatedAt: string;
}

const settings = async () => (await import("../storage/settings")).settings;

/**
 * A language's strings. `fresh`: a person just chose it, so ask the server (the kept copy when there is no
 * signal); otherwise (a reload) the kept copy, and the server only when there is none or the last pull said the
 * language changed since. A language the last pull no longer lists is gone: undefined (Spanish).
 */
export async function communityStrings(
  language: UiLanguage,
  fresh = false,
): Promise<Record<string, string> | undefined> {
  const store = await settings();
  const kept = await store.getTranslation<Kept>(language);
  const listed = await store.getTranslation<CommunityLanguage[]>("list");
  const entry = listed?.find((candidate) => candidate.language === language);
  if (listed && !entry) return undefined;
  if (kept && !fresh && (!entry || entry.updatedAt === kept.updatedAt)) return kept.strings;
  try {
    const response = await fetch(`/api/v1/public/ui-languages/${encodeURIComponent(language)}`);
    if (!response.ok) return response.status === 404 ? undefined : kept?.strings;
    const { strings, updatedAt } = (await response.json()) as Kept;
    await store.setTranslation(language, { strings, updatedAt });
    return strings;
  } catch {
    return kept?.strings;
  }
}

/** The languages installed on the server, as the last pull said (no request of its own). */
export async function keptCommunityLanguages(): Promise<CommunityLanguage[]> {
  return (await (await settings()).getTranslation<CommunityLanguage[]>("list")) ?? [];
}

/**
 * What a pull's new list means for the language on screen: "gone" (taken out: back to Spanish), "changed" (a new
 * translation was loaded: read it again) or "same".
 */
export async function communityChange(language: UiLanguage): Promise<"gone" | "changed" | "same"> {
  const store = await settings();
  const listed = await store.getTranslation<CommunityLanguage[]>("list");
  const entry = listed?.find((candidate) => candidate.language === language);
  if (listed && !entry) return "gone";
  const kept = await store.getTranslation<Kept>(language);
  return entry && kept && entry.updatedAt !== kept.updatedAt ? "changed" : "same";
}
