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

export const ShortTextQuestion = z.strictObject({ ...questionBase, type: z.literal("short_text") });
export const LongTextQuestion = z.strictObject({ ...questionBase, type: z.literal("long_text") });
export const ChoiceOption = z.strictObject({ id: Slug, label: LocalizedText });
export const SingleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("single_choice"),
  options: z.array(ChoiceOption).check(z.minLength(2), z.maxLength(50)),
});

export const Question = z.discriminatedUnion("type", [
  ShortTextQuestion,
  LongTextQuestion,
  SingleChoiceQuestion,
]);
export type Question = z.infer<typeof Question>;

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
  themes: z.array(Theme).check(z.minLength(1), z.maxLength(50)),
  updatedAt: IsoDateTime,
});
export type Consultation = z.infer<typeof Consultation>;

export function findTheme(consultation: Consultation, themeId: string): Theme | undefined {
  return consultation.themes.find((theme) => theme.id === themeId);
}
