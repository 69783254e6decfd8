// Legal deadlines of public-information requests (Guatemala, Decreto 57-2008, LAIP), in one place a lawyer can check.
// Pure: every function takes the instant and the calendar it needs; due dates use server time, never a phone's.

import type { HolidayCalendar, LocalDate } from "./holiday-calendar";
import { addDays, isoWeekday, localDateTimeIn } from "./local-time";

/** LAIP Art. 42: the institution answers within the 10 business days after the request is received. */
export const ANSWER_BUSINESS_DAYS = 10;
/** LAIP Art. 33: one's own personal data is delivered within 10 business days of the request. */
export const PERSONAL_DATA_ACCESS_BUSINESS_DAYS = 10;
/** LAIP Art. 34: a correction of one's personal data is made (or refused, with reasons) within 30 business days. */
export const PERSONAL_DATA_CORRECTION_BUSINESS_DAYS = 30;

/** The business days to answer a request of this kind (Art. 42, 33 or 34), and the article that sets them. */
export function answerTermOf(kind: string | undefined): { days: number; article: string } {
  if (kind === "personal-data-access") return { days: PERSONAL_DATA_ACCESS_BUSINESS_DAYS, article: "33" };
  if (kind === "personal-data-correction")
    return { days: PERSONAL_DATA_CORRECTION_BUSINESS_DAYS, article: "34" };
  return { days: ANSWER_BUSINESS_DAYS, article: "42" };
}

/** LAIP Art. 43: the term may be extended once, by up to 10 more business days, before it ends. */
export const EXTENSION_MAX_BUSINESS_DAYS = 10;
/** LAIP Art. 43: the requester is told of the extension within the two days before the first term ends. */
export const EXTENSION_NOTICE_BUSINESS_DAYS = 2;
/**
 * LAIP Art. 44 (afirmativa ficta): with no answer in time, the information is delivered free within the 10
 * days after the term ended, without the requester asking again.
 */
export const UNANSWERED_DELIVERY_BUSINESS_DAYS = 10;
/**
 * LAIP Art. 42 inciso 2: the unit may deny a request whose requester did not clarify or complete it "dentro del
 * plazo concedido". The law sets no length for that term: the officer gives it, in business days
 * (CLARIFICATION_MAX_DAYS at most), counted from the day it is asked. Once the reply arrives the request counts as
 * received then, and the 10 days of Art. 42 start again (to be confirmed by counsel: see README).
 */
export function clarificationDueDate(askedAt: Date, days: number, calendar: HolidayCalendar): LocalDate {
  return addBusinessDays(localDateTimeIn(askedAt, LEGAL_TIME_ZONE).date, days, calendar);
}

/** LAIP Art. 54: the requester may file a recurso de revisión within the 15 days after being notified. */
export const APPEAL_BUSINESS_DAYS = 15;
/** LAIP Art. 58: the máxima autoridad decides the recurso de revisión within the 5 days after it was filed. */
export const APPEAL_DECISION_BUSINESS_DAYS = 5;
/** LAIP Art. 60: a decision that orders delivery is complied with within the 5 days after it. */
export const COMPLIANCE_BUSINESS_DAYS = 5;
/**
 * Ley del Organismo Judicial Art. 45: terms counted in days count business days only
 * (not Saturdays, Sundays or holidays). LAIP terms follow this rule.
 */
export const COUNTS_BUSINESS_DAYS_ONLY = true;
/** When an information unit stops receiving for the day: on a working day, and on a half holiday. */
export interface OfficeHours {
  closes: string;
  halfDayCloses: string;
}
/**
 * Not law: an institutional rule. Most information units receive until 16:30, and until 12:00 on the half
 * holidays of Código de Trabajo Art. 127 (24 and 31 December); each institution may set its own hours. A request
 * that arrives later, or on a non-working day, counts as received the next business day.
 */
export const OFFICE_CLOSES: OfficeHours = { closes: "16:30", halfDayCloses: "12:00" };

/** Guatemala's one time zone (UTC−6, no daylight saving). Deadlines are counted in it. */
export const LEGAL_TIME_ZONE = "America/Guatemala";

/** Whether a local date is a working day: Monday to Friday, and not a full holiday. */
export function isBusinessDay(date: LocalDate, calendar: HolidayCalendar): boolean {
  const weekday = isoWeekday(date);
  return weekday <= 5 && calendar.kindOf(date) !== "full";
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: LocalDate, calendar: HolidayCalendar): LocalDate {
  let day = addDays(date, 1);
  while (!isBusinessDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/** The business day `count` business days after `date` (date itself not counted). */
export function addBusinessDays(date: LocalDate, count: number, calendar: HolidayCalendar): LocalDate {
  let day = date;
  for (let i = 0; i < count; i++) day = nextBusinessDay(day, calendar);
  return day;
}

/**
 * The day a request counts as received: its own day if it arrived on a business day before
 * closing time, otherwise the next business day.
 */
export function effectiveReceptionDate(
  receivedAt: Date,
  calendar: HolidayCalendar,
  hours: OfficeHours = OFFICE_CLOSES,
): LocalDate {
  const { date, time } = localDateTimeIn(receivedAt, LEGAL_TIME_ZONE);
  if (!isBusinessDay(date, calendar)) return nextBusinessDay(date, calendar);
  const closes = calendar.kindOf(date) === "half" ? hours.halfDayCloses : hours.closes;
  return time < closes ? date : nextBusinessDay(date, calendar);
}

/**
 * LAIP Art. 42: the last day to answer a request received at `receivedAt` (Arts. 33 and 34 for personal data:
 * pass `answerTermOf(kind).days`).
 */
export function answerDueDate(
  receivedAt: Date,
  calendar: HolidayCalendar,
  hours: OfficeHours = OFFICE_CLOSES,
  days: number = ANSWER_BUSINESS_DAYS,
): LocalDate {
  return addBusinessDays(effectiveReceptionDate(receivedAt, calendar, hours), days, calendar);
}

/** The business day `count` business days before `date`. */
export function subtractBusinessDays(date: LocalDate, count: number, calendar: HolidayCalendar): LocalDate {
  let day = date;
  for (let i = 0; i < count; i++) {
    day = addDays(day, -1);
    while (!isBusinessDay(day, calendar)) day = addDays(day, -1);
  }
  return day;
}

/**
 * LAIP Art. 43: the days on which the requester must be told of an extension: "dentro de los dos días
 * anteriores a la conclusión del plazo", read here as the term's last two business days (to be confirmed by
 * counsel: see README).
 */
export function extensionNoticeWindow(
  firstDueDate: LocalDate,
  calendar: HolidayCalendar,
): { from: LocalDate; to: LocalDate } {
  return {
    from: subtractBusinessDays(firstDueDate, EXTENSION_NOTICE_BUSINESS_DAYS - 1, calendar),
    to: firstDueDate,
  };
}

/**
 * LAIP Art. 44 (afirmativa ficta): when the term ended with no answer, the last day to deliver the
 * information, free of charge.
 */
export function unansweredDeliveryDueDate(answerDueDate: LocalDate, calendar: HolidayCalendar): LocalDate {
  return addBusinessDays(answerDueDate, UNANSWERED_DELIVERY_BUSINESS_DAYS, calendar);
}

/** LAIP Art. 58: the last day for the máxima autoridad to decide a recurso de revisión filed at `filedAt`. */
export function appealDecisionDueDate(filedAt: Date, calendar: HolidayCalendar): LocalDate {
  const { date } = localDateTimeIn(filedAt, LEGAL_TIME_ZONE);
  return addBusinessDays(date, APPEAL_DECISION_BUSINESS_DAYS, calendar);
}

/** LAIP Art. 60: the last day to comply with a decision (notified at `decidedAt`) that orders delivery. */
export function complianceDueDate(decidedAt: Date, calendar: HolidayCalendar): LocalDate {
  const { date } = localDateTimeIn(decidedAt, LEGAL_TIME_ZONE);
  return addBusinessDays(date, COMPLIANCE_BUSINESS_DAYS, calendar);
}

export type ExtensionCheck =
  | { ok: true; dueDate: LocalDate }
  | { ok: false; reason: "already-extended" | "term-ended" | "too-many-days" | "no-days" };

/**
 * LAIP Art. 43: one extension of up to 10 business days, decided before the first term ends
 * (by the end of its last day, in Guatemala). The new due date counts from the first one.
 */
export function extendDueDate(
  firstDueDate: LocalDate,
  days: number,
  decidedAt: Date,
  alreadyExtended: boolean,
  calendar: HolidayCalendar,
): ExtensionCheck {
  if (alreadyExtended) return { ok: false, reason: "already-extended" };
  if (!Number.isInteger(days) || days < 1) return { ok: false, reason: "no-days" };
  if (days > EXTENSION_MAX_BUSINESS_DAYS) return { ok: false, reason: "too-many-days" };
  if (localDateTimeIn(decidedAt, LEGAL_TIME_ZONE).date > firstDueDate)
    return { ok: false, reason: "term-ended" };
  return { ok: true, dueDate: addBusinessDays(firstDueDate, days, calendar) };
}

/** LAIP Art. 54: the last day to file a recurso de revisión after being notified at `notifiedAt`. */
export function appealDueDate(notifiedAt: Date, calendar: HolidayCalendar): LocalDate {
  const { date } = localDateTimeIn(notifiedAt, LEGAL_TIME_ZONE);
  return addBusinessDays(date, APPEAL_BUSINESS_DAYS, calendar);
}

/**
 * LAIP Art. 55 (incisos 4–5) also opens the recurso de revisión when no answer came in time. Counted here like
 * an answer's window, from the day after the term ended (to be confirmed by counsel: see README).
 */
export function silenceAppealDueDate(answerDueDate: LocalDate, calendar: HolidayCalendar): LocalDate {
  return addBusinessDays(answerDueDate, APPEAL_BUSINESS_DAYS, calendar);
}

/** Whether a term ending on `dueDate` has ended at `now` (it runs to the end of that day, in Guatemala). */
export function isOverdue(dueDate: LocalDate, now: Date): boolean {
  return localDateTimeIn(now, LEGAL_TIME_ZONE).date > dueDate;
}
