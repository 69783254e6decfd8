// Dates of legal terms as people read them: "miércoles, 9 de diciembre de 2026".
import type { UiLanguage } from "../../domain/language-codes";
import type { MessageKey } from "../i18n/catalogue";
import { LOCALES } from "../i18n/i18n";

/** A local date of Guatemala ("YYYY-MM-DD"), written out in full. */
export function formatLocalDate(date: string, language: UiLanguage): string {
  // Noon UTC of that day is the same calendar day everywhere in the Americas, so no zone shifts it.
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** An instant, in Guatemala's time, short. */
export function formatInstant(iso: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "America/Guatemala",
  }).format(new Date(iso));
}

const EVENTS = [
  "filed",
  "start",
  "extend",
  "answer",
  "deny",
  "not-held",
  "refer",
  "referred_in",
  "withdraw",
  "appeal_filed",
  "resolve-appeal",
  "notified",
  "notify",
  "clarify",
  "clarified",
  "record-clarification",
  "deny-unclarified",
  "accredit",
  "term-moved",
] as const;

/** The sentence for a history event; an event this build does not know is told by its status. */
export function eventKey(event: string): MessageKey | undefined {
  return (EVENTS as readonly string[]).includes(event) ? (`reqEvent.${event}` as MessageKey) : undefined;
}
