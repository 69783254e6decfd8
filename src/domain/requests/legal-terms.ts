// Which LAIP terms run for a request now, each with its last day and its article: what the officer's desk and the
// requester's status page list, so both see the same deadlines and where the law sets them.
import type { HolidayCalendar, LocalDate } from "./holiday-calendar";
import type { LegalTerm, LegalTermKind } from "./info-request";
import {
  appealDecisionDueDate,
  appealDueDate,
  complianceDueDate,
  extensionNoticeWindow,
  isOverdue,
  silenceAppealDueDate,
  unansweredDeliveryDueDate,
} from "./laip-deadlines";

export interface TermFacts {
  /** The first answer term's last day (Art. 42) and, if extended, the new one (Art. 43). */
  dueDate: LocalDate;
  extendedDueDate: LocalDate | null;
  /** The institution has given its final word (an answer, a denial, a referral, a withdrawal). */
  closed: boolean;
  /** That final word is an answer the requester may appeal. */
  appealable: boolean;
  notifiedAt: Date | null;
  appealFiledAt: Date | null;
  appealResolvedAt: Date | null;
  /** The decision on the appeal orders the institution to deliver (all or part). */
  appealOrdersDelivery: boolean;
  /** The last day to clarify, while the unit waits for it (Art. 42 inciso 2); the answer term waits too. */
  clarificationDue?: LocalDate | null;
  /** The article that sets the answer term: "42" (public information), "33" or "34" (personal data). */
  answerArticle?: string;
}

/** The terms running for a request now, in the order they matter. */
export function legalTerms(facts: TermFacts, calendar: HolidayCalendar, now: Date): LegalTerm[] {
  const term = (kind: LegalTermKind, article: string, until: LocalDate, from?: LocalDate): LegalTerm => ({
    kind,
    article,
    ...(from ? { from } : {}),
    until,
    overdue: isOverdue(until, now),
  });
  const terms: LegalTerm[] = [];
  const due = facts.extendedDueDate ?? facts.dueDate;
  // An appeal decided for the requester: the institution complies within its own term, which replaces the others.
  if (!facts.closed && facts.appealResolvedAt && facts.appealOrdersDelivery)
    return [term("compliance", "60", complianceDueDate(facts.appealResolvedAt, calendar))];
  if (!facts.closed && facts.clarificationDue) {
    terms.push(term("clarification", "42", facts.clarificationDue));
  } else if (!facts.closed) {
    terms.push(term("answer", facts.extendedDueDate ? "43" : (facts.answerArticle ?? "42"), due));
    // Only Art. 42's term may be extended (personal data under Arts. 33–34 may not): only it has a notice window.
    const extensible = (facts.answerArticle ?? "42") === "42";
    if (extensible && !facts.extendedDueDate && !isOverdue(facts.dueDate, now)) {
      const window = extensionNoticeWindow(facts.dueDate, calendar);
      terms.push(term("extension-notice", "43", window.to, window.from));
    }
    if (isOverdue(due, now)) {
      // Silence: the information is owed free of charge, and the requester may appeal.
      terms.push(term("unanswered-delivery", "44", unansweredDeliveryDueDate(due, calendar)));
      if (!facts.appealFiledAt) terms.push(term("silence-appeal", "55", silenceAppealDueDate(due, calendar)));
    }
  } else if (facts.appealable && facts.notifiedAt && !facts.appealFiledAt) {
    terms.push(term("appeal", "54", appealDueDate(facts.notifiedAt, calendar)));
  }
  if (facts.appealFiledAt && !facts.appealResolvedAt)
    terms.push(term("appeal-decision", "58", appealDecisionDueDate(facts.appealFiledAt, calendar)));
  return terms;
}
