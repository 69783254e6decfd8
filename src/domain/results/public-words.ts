// What of an input's words the public may read: text answers and free text wait until an organizer has reviewed
// them (a disposition, or a "publishable" mark), then show with any parts the organizer covered. Choices and
// numbers are never withheld. One rule for the public inputs page and the open-data package alike.
import type { AnswerValue } from "../input";

export interface WordsReview {
  /** A disposition was given, or the input was marked publishable. */
  cleared: boolean;
  /** Text answers as they may be shown (parts covered), by question id; null when none were covered. */
  answers: Record<string, string> | null;
  /** The free text as it may be shown; null when not covered. */
  freeText: string | null;
}

export interface PublicWords {
  answers: Record<string, AnswerValue>;
  freeText: string | null;
  /** Words were left out: not reviewed yet. */
  withheld: boolean;
  /** Words are shown with parts covered. */
  redacted: boolean;
}

/** `isText(questionId)`: the answer is words someone wrote (a text question, or one this version no longer knows). */
export function publicWords(
  input: { answers: Record<string, AnswerValue>; freeText?: string | null },
  review: WordsReview,
  isText: (questionId: string) => boolean,
): PublicWords {
  const freeText = input.freeText ?? null;
  const hasWords = (freeText ?? "") !== "" || Object.keys(input.answers).some(isText);
  if (!hasWords) return { answers: input.answers, freeText, withheld: false, redacted: false };
  if (!review.cleared) {
    const answers = Object.fromEntries(Object.entries(input.answers).filter(([id]) => !isText(id)));
    return { answers, freeText: null, withheld: true, redacted: false };
  }
  if (review.answers === null && review.freeText === null)
    return { answers: input.answers, freeText, withheld: false, redacted: false };
  const answers = { ...input.answers };
  for (const [id, text] of Object.entries(review.answers ?? {}))
    if (isText(id) && id in answers) answers[id] = text;
  return { answers, freeText: review.freeText ?? freeText, withheld: false, redacted: true };
}
