// One question of a capture form, for each of the seven types, with its label, hint and error.
import type { Question } from "../../domain/consultation";
import { SCALE, TEXT_LIMITS } from "../../domain/consultation";
import type { InputIssue } from "../../domain/input";
import { localize } from "../../domain/language-codes";
import { useI18n } from "../i18n/i18n";

/** What a form holds for a question while it is being filled: texts (numbers as typed) or option ids. */
export type FieldValue = string | string[];

/** The id of a question's control: the text field, or the first control of a group. */
export function controlId(question: Question): string {
  if (question.type === "scale") return `q-${question.id}-1`;
  if (question.type === "ranking") return `q-${question.id}-1`;
  if (question.type === "single_choice" || question.type === "multiple_choice")
    return `q-${question.id}-${question.options[0]?.id ?? ""}`;
  return `q-${question.id}`;
}

interface QuestionFieldProps {
  question: Question;
  value: FieldValue | undefined;
  issue: InputIssue | undefined;
  onInput(value: FieldValue): void;
  describeIssue(issue: InputIssue): string;
  /** Text questions: the way to answer by voice instead (shown under the text field). */
  voice?: preact.ComponentChildren;
  /** The organizer's recording of the question, to hear it (shown under its label). */
  prompt?: preact.ComponentChildren;
}

export function QuestionField({
  question,
  value,
  issue,
  onInput,
  describeIssue,
  voice,
  prompt,
}: QuestionFieldProps) {
  const { t, language } = useI18n();
  const id = `q-${question.id}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const label = localize(question.label, language);
  const help = question.help ? localize(question.help, language) : undefined;
  const marker = (
    <span class="hint">{question.required ? t("capture.required") : t("capture.optional")}</span>
  );
  const error = issue ? (
    <p id={errorId} class="error-text">
      {describeIssue(issue)}
    </p>
  ) : null;
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;
  const group = (hint: string | undefined, children: preact.ComponentChildren) => (
    <fieldset
      class="field"
      aria-invalid={issue ? true : undefined}
      aria-describedby={describedBy(hint && hintId, issue && errorId)}
    >
      <legend id={`${id}-label`}>
        {label} {marker}
      </legend>
      {prompt}
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
      {error}
      {children}
    </fieldset>
  );

  switch (question.type) {
    case "single_choice":
      return group(
        help,
        question.options.map((option) => (
          <label key={option.id} class="choice">
            <input
              type="radio"
              id={`${id}-${option.id}`}
              name={id}
              value={option.id}
              checked={text === option.id}
              onChange={() => onInput(option.id)}
            />
            <span>{localize(option.label, language)}</span>
          </label>
        )),
      );
    case "multiple_choice":
      return group(
        [
          help,
          question.maxChoices
            ? t("field.multiple.max", { max: question.maxChoices })
            : t("field.multiple.hint"),
        ]
          .filter(Boolean)
          .join(" "),
        question.options.map((option) => (
          <label key={option.id} class="choice">
            <input
              type="checkbox"
              id={`${id}-${option.id}`}
              name={id}
              value={option.id}
              checked={list.includes(option.id)}
              onChange={(event) =>
                onInput(
                  event.currentTarget.checked
                    ? // Kept in the options' order, whatever order they were ticked in.
                      question.options.map((o) => o.id).filter((o) => o === option.id || list.includes(o))
                    : list.filter((o) => o !== option.id),
                )
              }
            />
            <span>{localize(option.label, language)}</span>
          </label>
        )),
      );
    case "scale": {
      const ends =
        question.minLabel && question.maxLabel
          ? t("field.scale.ends", {
              min: localize(question.minLabel, language),
              max: localize(question.maxLabel, language),
            })
          : t("field.scale.hint");
      const points = Array.from({ length: SCALE.max - SCALE.min + 1 }, (_, index) =>
        String(SCALE.min + index),
      );
      return group(
        [help, ends].filter(Boolean).join(" "),
        <div class="scale">
          {points.map((point) => (
            <label key={point} class="choice scale-point">
              <input
                type="radio"
                id={`${id}-${point}`}
                name={id}
                value={point}
                checked={text === point}
                onChange={() => onInput(point)}
              />
              <span>{point}</span>
            </label>
          ))}
        </div>,
      );
    }
    case "ranking": {
      const places = Array.from({ length: Math.min(question.top, question.options.length) }, (_, i) => i);
      return group(
        [help, t("field.ranking.hint", { top: places.length })].filter(Boolean).join(" "),
        places.map((place) => (
          <div key={place} class="ranking-place">
            <label for={`${id}-${place + 1}`}>{t("field.ranking.place", { place: place + 1 })}</label>
            <select
              id={`${id}-${place + 1}`}
              value={list[place] ?? ""}
              onChange={(event) => {
                const next = places.map((p) => list[p] ?? "");
                next[place] = event.currentTarget.value;
                onInput(next);
              }}
            >
              <option value="">{t("field.ranking.none")}</option>
              {question.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {localize(option.label, language)}
                </option>
              ))}
            </select>
          </div>
        )),
      );
    }
    case "number": {
      const { min, max } = question;
      const range =
        min !== undefined && max !== undefined
          ? t("field.number.range", { min, max })
          : min !== undefined
            ? t("field.number.min", { min })
            : max !== undefined
              ? t("field.number.max", { max })
              : t("field.number.hint");
      return (
        <div class="field">
          <label for={id} id={`${id}-label`}>
            {label} {marker}
          </label>
          {prompt}
          <p id={hintId} class="hint">
            {[help, range].filter(Boolean).join(" ")}
          </p>
          {error}
          <input
            type="text"
            inputMode={question.integer ? "numeric" : "decimal"}
            id={id}
            value={text}
            aria-invalid={issue ? true : undefined}
            aria-describedby={describedBy(hintId, issue && errorId)}
            onInput={(event) => onInput(event.currentTarget.value)}
          />
        </div>
      );
    }
    default: {
      const max = TEXT_LIMITS[question.type];
      const countId = `${id}-count`;
      const common = {
        id,
        value: text,
        maxLength: max,
        "aria-invalid": issue ? true : undefined,
        "aria-describedby": describedBy(help && hintId, issue && errorId, countId),
        onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
      };
      return (
        <div class="field">
          <label for={id} id={`${id}-label`}>
            {label} {marker}
          </label>
          {prompt}
          {help ? (
            <p id={hintId} class="hint">
              {help}
            </p>
          ) : null}
          {error}
          {question.type === "long_text" ? (
            <textarea rows={5} {...common} />
          ) : (
            <input type="text" {...common} />
          )}
          <CharacterCount id={countId} count={text.length} max={max} />
          {voice}
        </div>
      );
    }
  }
}

/** Shows how much of a text limit is used, so a long paste is never cut without the person seeing it. */
export function CharacterCount({ id, count, max }: { id: string; count: number; max: number }) {
  const { t } = useI18n();
  return (
    <p id={id} class={count >= max ? "hint error-text" : "hint"}>
      {t("capture.chars", { count, max })}
    </p>
  );
}
