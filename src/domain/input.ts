// A participant's input to one theme of a consultation, and the rules that decide whether it is complete.
import { z } from "zod/mini";
import { type Consultation, findTheme, TEXT_LIMITS } from "./consultation";
import { IsoDateTime, Slug, Uuid } from "./primitives";

export const FREE_TEXT_LIMIT = 10_000;

export const Input = z.strictObject({
  id: Uuid,
  consultationId: Uuid,
  consultationVersion: z.int().check(z.positive()),
  themeId: Slug,
  /** questionId → the text typed, or the chosen option id. Unanswered questions are absent. */
  answers: z.record(Slug, z.string().check(z.maxLength(TEXT_LIMITS.long_text))),
  freeText: z.optional(z.string().check(z.maxLength(FREE_TEXT_LIMIT))),
  deviceId: Uuid,
  createdAt: IsoDateTime,
});
export type Input = z.infer<typeof Input>;

/** Why a field is not acceptable; the UI turns each code into a plain-language sentence. */
export type InputIssueCode =
  | "version_mismatch"
  | "unknown_theme"
  | "unknown_question"
  | "required"
  | "too_long"
  | "unknown_option"
  | "empty";

export interface InputIssue {
  /** JSON Pointer into the input, e.g. "/answers/prioridad". */
  pointer: string;
  code: InputIssueCode;
}

/**
 * Checks an input against the version of the consultation it answers. Pure: the same rules
 * run on the phone before saving and on the server before applying. Whether the consultation
 * still takes inputs is a separate question (see canCapture / acceptsSyncedInputs).
 */
export function checkInput(consultation: Consultation, input: Input): InputIssue[] {
  const issues: InputIssue[] = [];
  if (input.consultationVersion !== consultation.version) {
    issues.push({ pointer: "/consultationVersion", code: "version_mismatch" });
  }
  const theme = findTheme(consultation, input.themeId);
  if (!theme) return [...issues, { pointer: "/themeId", code: "unknown_theme" }];

  const known = new Set(theme.questions.map((question) => question.id));
  for (const questionId of Object.keys(input.answers)) {
    if (!known.has(questionId)) issues.push({ pointer: `/answers/${questionId}`, code: "unknown_question" });
  }
  for (const question of theme.questions) {
    const pointer = `/answers/${question.id}`;
    const value = input.answers[question.id]?.trim() ?? "";
    if (value === "") {
      if (question.required) issues.push({ pointer, code: "required" });
      continue;
    }
    if (question.type === "single_choice") {
      if (!question.options.some((option) => option.id === value))
        issues.push({ pointer, code: "unknown_option" });
    } else if (value.length > TEXT_LIMITS[question.type]) {
      issues.push({ pointer, code: "too_long" });
    }
  }
  const answered = Object.values(input.answers).some((value) => value.trim() !== "");
  // Only worth saying when nothing more specific was: an input must carry something.
  if (issues.length === 0 && !answered && (input.freeText ?? "").trim() === "") {
    issues.push({ pointer: "/answers", code: "empty" });
  }
  return issues;
}
