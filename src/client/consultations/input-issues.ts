// Turns the checks' issue codes, and a server problem's field errors, into sentences a person reads.
import type { Consultation, Question, Theme } from "../../domain/consultation";
import type { InputIssue, InputIssueCode } from "../../domain/input";
import type { Problem } from "../../domain/problem";
import type { MessageKey } from "../i18n/catalogue";

/** Every rule the shared check can break has its sentence; a new rule without one fails the typecheck. */
export const ISSUE_MESSAGES: Record<InputIssueCode, MessageKey> = {
  required: "issue.required",
  too_long: "issue.too_long",
  unknown_option: "issue.unknown_option",
  unknown_question: "issue.unknown_question",
  unknown_theme: "issue.unknown_theme",
  version_mismatch: "issue.version_mismatch",
  empty: "issue.empty",
  wrong_type: "issue.wrong_type",
  too_many: "issue.too_many",
  repeated_option: "issue.repeated_option",
  out_of_range: "issue.out_of_range",
  not_integer: "issue.not_integer",
  not_a_number: "issue.not_a_number",
  consent_required: "issue.consent_required",
};

export const issueMessage = (code: string): MessageKey =>
  (ISSUE_MESSAGES as Record<string, MessageKey | undefined>)[code] ?? "issue.other";

/** The issues a server problem names, as pointers into the input (its "/payload" prefix removed). */
export function issuesFromProblem(problem: Problem | undefined): InputIssue[] {
  return (problem?.errors ?? [])
    .filter((error) => error.pointer.startsWith("/payload/"))
    .map((error) => ({
      pointer: error.pointer.slice("/payload".length),
      code: error.code as InputIssueCode,
    }));
}

export function questionAt(theme: Theme | undefined, pointer: string): Question | undefined {
  return theme?.questions.find((question) => `/answers/${question.id}` === pointer);
}

export function themeOf(consultation: Consultation | undefined, themeId: string): Theme | undefined {
  return consultation?.themes.find((theme) => theme.id === themeId);
}
