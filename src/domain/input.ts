// A participant's input to one theme of a consultation, and the rules that decide whether it is complete.
import { z } from "zod/mini";
import {
  type Consultation,
  findTheme,
  hasOptions,
  isTextQuestion,
  type Question,
  SCALE,
  TEXT_LIMITS,
} from "./consultation";
import { Demographics } from "./demographics";
import { MEDIA_PER_RECORD, MediaRef } from "./media";
import { IsoDateTime, Slug, Uuid } from "./primitives";

export const FREE_TEXT_LIMIT = 10_000;

/**
 * One answer: a text or an option id (texts, single choice), option ids (multiple choice; ranking, most
 * important first) or a number (scale, number). The check below says which fits which question.
 */
export const AnswerValue = z.union([
  z.string().check(z.maxLength(TEXT_LIMITS.long_text)),
  z.array(Slug).check(z.maxLength(50)),
  z.number(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Input = z.strictObject({
  id: Uuid,
  consultationId: Uuid,
  consultationVersion: z.int().check(z.positive()),
  themeId: Slug,
  /** questionId → its answer. Unanswered questions are absent. */
  answers: z.record(Slug, AnswerValue),
  freeText: z.optional(z.string().check(z.maxLength(FREE_TEXT_LIMIT))),
  /** The workshop where it was given, when a facilitator ran one. */
  workshopId: z.optional(Uuid),
  /** The facilitator wrote or recorded it for the participant. */
  assisted: z.optional(z.boolean()),
  /** The participant heard the consultation's consent text and agreed. */
  consent: z.optional(z.boolean()),
  demographics: z.optional(Demographics),
  /** Voice recordings and photos, uploaded apart (tus) under their ids. */
  media: z.optional(z.array(MediaRef).check(z.maxLength(MEDIA_PER_RECORD))),
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
  | "wrong_type"
  | "too_many"
  | "repeated_option"
  | "out_of_range"
  | "not_integer"
  | "consent_required"
  /** Only the phone finds this one: what was typed in a number field does not read as a number. */
  | "not_a_number"
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
  // Text questions answered by voice: a recording names its question, which must be a text question of the theme.
  const spoken = new Set<string>();
  for (const [index, media] of (input.media ?? []).entries()) {
    if (media.questionId === undefined) continue;
    const question = theme.questions.find((candidate) => candidate.id === media.questionId);
    if (!question) issues.push({ pointer: `/media/${index}/questionId`, code: "unknown_question" });
    else if (media.kind !== "audio" || !isTextQuestion(question))
      issues.push({ pointer: `/media/${index}/questionId`, code: "wrong_type" });
    else spoken.add(question.id);
  }
  for (const question of theme.questions) {
    const pointer = `/answers/${question.id}`;
    const value = input.answers[question.id];
    if (value === undefined || isUnanswered(value)) {
      if (question.required && !spoken.has(question.id)) issues.push({ pointer, code: "required" });
      continue;
    }
    const code = answerIssue(question, value);
    if (code) issues.push({ pointer, code });
  }
  if (consultation.consent && input.consent !== true)
    issues.push({ pointer: "/consent", code: "consent_required" });
  const answered = Object.values(input.answers).some((value) => !isUnanswered(value));
  // Only worth saying when nothing more specific was: an input must carry something.
  const recorded = (input.media ?? []).length > 0;
  if (issues.length === 0 && !answered && !recorded && (input.freeText ?? "").trim() === "") {
    issues.push({ pointer: "/answers", code: "empty" });
  }
  return issues;
}

/** An absent answer, blank text or empty selection counts as not given. */
export function isUnanswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** What is wrong with a given answer to one question, if anything. */
function answerIssue(question: Question, value: AnswerValue): InputIssueCode | undefined {
  switch (question.type) {
    case "short_text":
    case "long_text":
      if (typeof value !== "string") return "wrong_type";
      return value.length > TEXT_LIMITS[question.type] ? "too_long" : undefined;
    case "single_choice":
      if (typeof value !== "string") return "wrong_type";
      return question.options.some((option) => option.id === value) ? undefined : "unknown_option";
    case "multiple_choice":
    case "ranking": {
      if (!Array.isArray(value)) return "wrong_type";
      if (!hasOptions(question)) return "wrong_type";
      const known = new Set(question.options.map((option) => option.id));
      if (value.some((id) => !known.has(id))) return "unknown_option";
      if (new Set(value).size !== value.length) return "repeated_option";
      const most = question.type === "ranking" ? question.top : (question.maxChoices ?? known.size);
      return value.length > most ? "too_many" : undefined;
    }
    case "scale":
      if (typeof value !== "number") return "wrong_type";
      if (!Number.isInteger(value)) return "not_integer";
      return value < SCALE.min || value > SCALE.max ? "out_of_range" : undefined;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "wrong_type";
      if (question.integer && !Number.isInteger(value)) return "not_integer";
      if (question.min !== undefined && value < question.min) return "out_of_range";
      if (question.max !== undefined && value > question.max) return "out_of_range";
      return undefined;
  }
}
