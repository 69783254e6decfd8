// The inputs captured on this phone, newest first, each with where it is: on this phone, sent, or needing attention.
import type { Theme } from "../../domain/consultation";
import { type ContentLanguage, localize } from "../../domain/language-codes";
import { database, type StoredInput } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";

export function InputsScreen() {
  const { t, language, formatDateTime } = useI18n();
  const db = database();
  const inputs = useLiveQuery(() => db.inputs.orderBy("createdAt").reverse().toArray(), []);
  const consultations = useLiveQuery(() => db.consultations.toArray(), []);

  const themeOf = (input: StoredInput) =>
    consultations
      ?.find((c) => c.id === input.consultationId)
      ?.data.themes.find((candidate) => candidate.id === input.themeId);

  return (
    <>
      <h1>{t("inputs.title")}</h1>
      {inputs === undefined ? (
        <p>{t("loading")}</p>
      ) : inputs.length === 0 ? (
        <p class="card">{t("inputs.empty")}</p>
      ) : (
        <ul class="list" aria-label={t("inputs.title")}>
          {inputs.map((input) => {
            const theme = themeOf(input);
            return (
              <li key={input.id} class="card" data-testid="input" data-state={input.syncState}>
                <h2>{theme ? localize(theme.title, language) : input.themeId}</h2>
                <p class="excerpt">{summary(input, theme, language) || t("inputs.noText")}</p>
                <p class="hint">{t("inputs.savedAt", { when: formatDateTime(input.createdAt) })}</p>
                <p class={`state state-${input.syncState}`}>
                  <strong>{t(`inputs.state.${input.syncState}`)}</strong>
                  {input.syncState === "rejected" ? `: ${t(problemMessageKey(input.problem))}` : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The answers in the order of the questions, choices by their label, cut to one short line. */
function summary(input: StoredInput, theme: Theme | undefined, language: ContentLanguage): string {
  const parts = (theme?.questions ?? []).flatMap((question) => {
    const value = input.answers[question.id];
    if (!value) return [];
    if (question.type !== "single_choice") return [value];
    const option = question.options.find((candidate) => candidate.id === value);
    return [option ? localize(option.label, language) : value];
  });
  if (input.freeText) parts.push(input.freeText);
  const text = parts.join(" · ");
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
