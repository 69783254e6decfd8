// A consultation: its themes and the questions a facilitator asks about each one.
import { z } from "zod/mini";
import { CONSULTATION_STATUSES } from "./consultation-status";
import { LocalizedText } from "./localized-text";
import { IsoDateTime, Slug, Uuid } from "./primitives";

export const TEXT_LIMITS = { short_text: 280, long_text: 5000 } as const;

const questionBase = {
  id: Slug,
  label: LocalizedText,
  help: z.optional(LocalizedText),
  required: z.boolean(),
};

/** The seven kinds of question, in the order the designer offers them. */
export const QUESTION_TYPES = [
  "short_text",
  "long_text",
  "single_choice",
  "multiple_choice",
  "scale",
  "ranking",
  "number",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A scale question always runs from 1 to 5: the same scale everywhere makes results comparable. */
export const SCALE = { min: 1, max: 5 } as const;

export const ShortTextQuestion = z.strictObject({ ...questionBase, type: z.literal("short_text") });
export const LongTextQuestion = z.strictObject({ ...questionBase, type: z.literal("long_text") });
export const ChoiceOption = z.strictObject({ id: Slug, label: LocalizedText });
export type ChoiceOption = z.infer<typeof ChoiceOption>;
const options = z.array(ChoiceOption).check(z.minLength(2), z.maxLength(50));
export const SingleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("single_choice"),
  options,
});
export const MultipleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("multiple_choice"),
  options,
  /** At most this many options may be marked; absent means any number. */
  maxChoices: z.optional(z.int().check(z.positive(), z.lte(50))),
});
export const ScaleQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("scale"),
  /** What 1 and 5 mean, e.g. "Nada importante" / "Muy importante". */
  minLabel: z.optional(LocalizedText),
  maxLabel: z.optional(LocalizedText),
});
export const RankingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("ranking"),
  options,
  /** The participant orders their top N options, most important first. */
  top: z.int().check(z.positive(), z.lte(50)),
});
export const NumberQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("number"),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  integer: z.boolean(),
});

export const Question = z.discriminatedUnion("type", [
  ShortTextQuestion,
  LongTextQuestion,
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  ScaleQuestion,
  RankingQuestion,
  NumberQuestion,
]);
export type Question = z.infer<typeof Question>;
export type ChoiceQuestion = Extract<Question, { options: unknown }>;

/** Whether a question's answer is picked among its options (single, multiple, ranking). */
export function hasOptions(question: Question): question is ChoiceQuestion {
  return "options" in question;
}

/** Whether a question's answer is words someone wrote (what an organizer reviews before it goes public). */
export function isTextQuestion(question: Pick<Question, "type">): boolean {
  return question.type === "short_text" || question.type === "long_text";
}

/** The "theme.question" keys of every text question in any of these versions of a consultation. */
export function textQuestionKeys(versions: readonly Pick<Consultation, "themes">[]): Set<string> {
  return new Set(
    versions.flatMap((version) =>
      version.themes.flatMap((theme) =>
        theme.questions.filter(isTextQuestion).map((question) => `${theme.id}.${question.id}`),
      ),
    ),
  );
}

export const Theme = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: z.optional(LocalizedText),
  questions: z.array(Question).check(z.maxLength(100)),
});
export type Theme = z.infer<typeof Theme>;

export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);

export const Consultation = z.strictObject({
  id: Uuid,
  version: z.int().check(z.positive()),
  status: ConsultationStatus,
  title: LocalizedText,
  description: LocalizedText,
  rules: LocalizedText,
  /** Read to each participant before their input; when present, an input needs their consent. */
  consent: z.optional(LocalizedText),
  themes: z.array(Theme).check(z.minLength(1), z.maxLength(50)),
  updatedAt: IsoDateTime,
});
export type Consultation = z.infer<typeof Consultation>;

/** What an organizer writes: a consultation without the id, version, status and time the server keeps. */
export const ConsultationDesign = z.strictObject({
  title: LocalizedText,
  description: LocalizedText,
  rules: LocalizedText,
  consent: z.optional(LocalizedText),
  themes: z.array(Theme).check(z.minLength(1), z.maxLength(50)),
});
export type ConsultationDesign = z.infer<typeof ConsultationDesign>;

/** Creating a consultation: the id is made by the designer, so a re-sent create is recognised. */
export const CreateConsultation = z.strictObject({ id: Uuid, design: ConsultationDesign });

/** Saving the draft: `version` is the draft being edited, or the next number when editing a published one. */
export const SaveDraft = z.strictObject({
  version: z.int().check(z.positive()),
  design: ConsultationDesign,
  /** The draft's updatedAt as the page last saw it: another organizer's save since then is a conflict. */
  baseUpdatedAt: z.optional(IsoDateTime),
});

/** The moves an organizer makes: open a draft, close an open one, publish the results of a closed one. */
export const ChangeStatus = z.strictObject({
  status: z.enum(["open", "closed", "published"]),
  /** The updatedAt of the version being moved, as the page saw it: it must not have changed since. */
  baseUpdatedAt: z.optional(IsoDateTime),
});

export function findTheme(consultation: Consultation, themeId: string): Theme | undefined {
  return consultation.themes.find((theme) => theme.id === themeId);
}

/** A rule of a consultation's design that its schema alone cannot state. */
export interface DesignIssue {
  pointer: string;
  code: "duplicate_id" | "top_exceeds_options" | "max_choices_exceeds_options" | "min_above_max";
}

/**
 * Checks what makes a design usable beyond its shape: ids unique where answers refer to them, and bounds
 * that can be met. Pure; the designer shows these issues, and the server refuses to save a design with any.
 */
export function designIssues(consultation: Pick<Consultation, "themes">): DesignIssue[] {
  const issues: DesignIssue[] = [];
  const seenThemes = new Set<string>();
  consultation.themes.forEach((theme, t) => {
    if (seenThemes.has(theme.id)) issues.push({ pointer: `/themes/${t}/id`, code: "duplicate_id" });
    seenThemes.add(theme.id);
    const seenQuestions = new Set<string>();
    theme.questions.forEach((question, q) => {
      const at = `/themes/${t}/questions/${q}`;
      if (seenQuestions.has(question.id)) issues.push({ pointer: `${at}/id`, code: "duplicate_id" });
      seenQuestions.add(question.id);
      if (hasOptions(question)) {
        const seenOptions = new Set<string>();
        question.options.forEach((option, o) => {
          if (seenOptions.has(option.id))
            issues.push({ pointer: `${at}/options/${o}/id`, code: "duplicate_id" });
          seenOptions.add(option.id);
        });
      }
      if (question.type === "ranking" && question.top > question.options.length)
        issues.push({ pointer: `${at}/top`, code: "top_exceeds_options" });
      if (question.type === "multiple_choice" && (question.maxChoices ?? 0) > question.options.length)
        issues.push({ pointer: `${at}/maxChoices`, code: "max_choices_exceeds_options" });
      if (question.type === "number" && question.min !== undefined && question.max !== undefined) {
        if (question.min > question.max) issues.push({ pointer: `${at}/max`, code: "min_above_max" });
      }
    });
  });
  return issues;
}
