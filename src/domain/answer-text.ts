// How an answer reads for a person (option labels, in order) and how it is written in an export cell.
import type { Question } from "./consultation";
import type { AnswerValue } from "./input";
import { type ContentLanguage, localize } from "./language-codes";

/** Separates option ids in one export cell; ids are slugs, so it never occurs inside one. */
export const OPTION_SEPARATOR = "|";

/**
 * An answer as a short text: chosen options by their label (a ranking numbered, most important first),
 * a scale as "4/5". Without its question (a question since removed) the raw value is shown.
 */
export function answerText(
  question: Question | undefined,
  value: AnswerValue,
  language: ContentLanguage,
): string {
  const label = (id: string) => {
    const option = question && "options" in question ? question.options.find((o) => o.id === id) : undefined;
    return option ? localize(option.label, language) : id;
  };
  if (Array.isArray(value)) {
    if (question?.type === "ranking")
      return value.map((id, index) => `${index + 1}. ${label(id)}`).join(", ");
    return value.map(label).join(", ");
  }
  if (typeof value === "number") return question?.type === "scale" ? `${value}/5` : String(value);
  return question?.type === "single_choice" ? label(value) : value;
}

/** An answer as one export cell: option ids joined in order, numbers kept as numbers. */
export function answerCell(value: AnswerValue | undefined): string | number | undefined {
  return Array.isArray(value) ? value.join(OPTION_SEPARATOR) : value;
}

/**
 * An input's answers beside their questions, in the order its theme asks them; answers to questions the theme no
 * longer has (an earlier version's) come last, without a question.
 */
export function answersInOrder(
  themes: readonly { id: string; questions?: readonly Question[] }[],
  themeId: string,
  answers: Record<string, AnswerValue>,
): { questionId: string; question: Question | undefined; answer: AnswerValue }[] {
  const asked = themes.find((theme) => theme.id === themeId)?.questions ?? [];
  const rank = (id: string) => {
    const at = asked.findIndex((question) => question.id === id);
    return at === -1 ? asked.length : at;
  };
  return Object.entries(answers)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([questionId, answer]) => ({
      questionId,
      question: asked.find((question) => question.id === questionId),
      answer,
    }));
}
