// Turns what a capture form holds (texts as typed, option ids) into an input's answers, and back.
import { cleanText } from "../../domain/clean-text";
import type { Theme } from "../../domain/consultation";
import type { AnswerValue, InputIssue } from "../../domain/input";
import type { FieldValue } from "./question-field";

/** A number as people write it here: digits, an optional sign, one decimal point or comma. */
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * The answers of one theme's questions: blanks left out, numbers read, a ranking's empty places closed up.
 * A number field that does not read as one is an issue, never a silent blank.
 */
export function answersFromForm(
  theme: Theme | undefined,
  values: Record<string, FieldValue>,
): { answers: Record<string, AnswerValue>; issues: InputIssue[] } {
  const answers: Record<string, AnswerValue> = {};
  const issues: InputIssue[] = [];
  for (const question of theme?.questions ?? []) {
    const value = values[question.id];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const chosen = value.filter((id) => id !== "");
      if (chosen.length > 0) answers[question.id] = chosen;
      continue;
    }
    // What the server cannot keep in signed text (controls, bidirectional overrides) never gets signed.
    const text = cleanText(value).trim();
    if (text === "") continue;
    if (question.type === "scale" || question.type === "number") {
      const compact = text.replace(/\s/g, "");
      if (NUMBER.test(compact)) answers[question.id] = Number(compact.replace(",", "."));
      else issues.push({ pointer: `/answers/${question.id}`, code: "not_a_number" });
      continue;
    }
    answers[question.id] = text;
  }
  return { answers, issues };
}

/** An input's answers as the form shows them (for correcting a refused input). */
export function formFromAnswers(answers: Record<string, AnswerValue>): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const [id, value] of Object.entries(answers))
    values[id] = typeof value === "number" ? String(value) : value;
  return values;
}
