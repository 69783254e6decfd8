// The inputs captured on this phone: first those needing attention (correct or discard), then all, newest first.
import { useState } from "preact/hooks";
import { answerText } from "../../domain/answer-text";
import type { Consultation, Theme } from "../../domain/consultation";
import { isUnanswered } from "../../domain/input";
import { type ContentLanguage, localize } from "../../domain/language-codes";
import { database, type StoredInput } from "../db/database";
import { discardRejected } from "../db/outbox";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { RelayCard } from "./relay-card";
import { TransferExportCard } from "./transfer-export-card";
import "./i18n";
import { issueMessage, issuesFromProblem, questionAt, themeOf } from "./input-issues";

export function InputsScreen() {
  const { t, language, formatDateTime } = useI18n();
  const db = database();
  const inputs = useLiveQuery(() => db.inputs.orderBy("createdAt").reverse().toArray(), []);
  const consultations = useLiveQuery(() => db.consultations.toArray(), []);
  const consultationOf = (input: StoredInput) =>
    consultations?.find((c) => c.id === input.consultationId)?.data;
  const needAttention = inputs?.filter((input) => input.syncState === "rejected") ?? [];
  const refusedMedia = useLiveQuery(() => db.media.where("uploadState").equals("refused").count(), []);
  const refusedWorkshops = useLiveQuery(
    () => db.workshops.filter((workshop) => workshop.syncState === "rejected").toArray(),
    [],
  );
  // Comments on drafts the server refused: each is decided on its draft's page (discard, or write it again).
  const refusedComments = useLiveQuery(
    () => db.draftComments.filter((comment) => comment.syncState === "rejected").toArray(),
    [],
  );

  return (
    <>
      <h1>{t("inputs.title")}</h1>
      <TransferExportCard />
      <RelayCard />
      {needAttention.length > 0 ? (
        <section class="card attention" aria-labelledby="attention-title">
          <h2 id="attention-title">{t("attention.title")}</h2>
          <p>{t("attention.intro")}</p>
          <ul class="list">
            {needAttention.map((input) => (
              <AttentionItem key={input.id} input={input} consultation={consultationOf(input)} />
            ))}
          </ul>
        </section>
      ) : null}
      {refusedMedia ? (
        <p class="card attention" data-testid="refused-media">
          {t("media.refused", { count: refusedMedia })}
        </p>
      ) : null}
      {refusedWorkshops && refusedWorkshops.length > 0 ? (
        <section class="card attention" aria-labelledby="workshops-attention-title">
          <h2 id="workshops-attention-title">{t("workshop.attention.title")}</h2>
          <ul class="list">
            {refusedWorkshops.map((workshop) => (
              <li key={workshop.id} data-testid="refused-workshop">
                <p>
                  <strong>
                    {workshop.community} — {workshop.date}
                  </strong>
                  : {t(problemMessageKey(workshop.problem))}
                </p>
                <a class="button" href={`/consulta/${workshop.consultationId}/taller/${workshop.id}`}>
                  {t("workshop.attention.fix")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {refusedComments && refusedComments.length > 0 ? (
        <section class="card attention" aria-labelledby="comments-attention-title">
          <h2 id="comments-attention-title">{t("draftComment.attention.title")}</h2>
          <ul class="list">
            {refusedComments.map((comment) => (
              <li key={comment.id} data-testid="refused-draft-comment">
                <p>
                  <strong>{comment.text}</strong>: {t(problemMessageKey(comment.problem))}
                </p>
                <a class="button" href={`/borradores/${comment.draftId}`}>
                  {t("draftComment.attention.open")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {inputs === undefined ? (
        <p>{t("loading")}</p>
      ) : inputs.length === 0 ? (
        <p class="card">{t("inputs.empty")}</p>
      ) : (
        <ul class="list" aria-label={t("inputs.title")}>
          {inputs.map((input) => {
            const theme = themeOf(consultationOf(input), input.themeId);
            return (
              <li key={input.id} class="card" data-testid="input" data-state={input.syncState}>
                <h2>{theme ? localize(theme.title, language) : input.themeId}</h2>
                <p class="excerpt">{summary(input, theme, language) || t("inputs.noText")}</p>
                <p class="hint">{t("inputs.savedAt", { when: formatDateTime(input.createdAt) })}</p>
                <p class={`state state-${input.syncState}`}>
                  <strong>{t(`inputs.state.${input.syncState}`)}</strong>
                  {input.syncState === "rejected" ? `: ${t(problemMessageKey(input.problem))}` : null}
                </p>
                {input.disposition ? (
                  <div data-testid="disposition" data-status={input.disposition.status}>
                    <p>
                      <strong>
                        {t("inputs.disposition", {
                          status: t(`inputs.disposition.${input.disposition.status}`),
                        })}
                      </strong>
                    </p>
                    <p>{input.disposition.reason}</p>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** A rejected input: why, and the two ways out — correct and resend, or discard after confirming. */
function AttentionItem({
  input,
  consultation,
}: {
  input: StoredInput;
  consultation: Consultation | undefined;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const theme = themeOf(consultation, input.themeId);
  const title = theme ? localize(theme.title, language) : input.themeId;
  const reasons = issuesFromProblem(input.problem).map((issue) => {
    const question = questionAt(theme, issue.pointer);
    const message = t(issueMessage(issue.code));
    return question ? t("attention.field", { field: localize(question.label, language), message }) : message;
  });

  return (
    <li class="attention-item" data-testid="attention">
      <h3>{title}</h3>
      <p class="excerpt">{summary(input, theme, language) || t("inputs.noText")}</p>
      <p class="error-text">{t(problemMessageKey(input.problem))}</p>
      {reasons.length > 0 ? (
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      <div class="actions">
        <a class="button" href={`/consulta/${input.consultationId}?corregir=${input.id}`}>
          {t("attention.fix")}
        </a>
        {confirming ? (
          <fieldset class="confirm">
            <legend>{t("attention.confirm")}</legend>
            <button type="button" class="button" onClick={() => void discardRejected(database(), input.id)}>
              {t("attention.confirmYes")}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t("attention.confirmNo")}
            </button>
          </fieldset>
        ) : (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            {t("attention.discard")}
          </button>
        )}
      </div>
    </li>
  );
}

/** The answers in the order of the questions, choices by their label, cut to one short line. */
function summary(input: StoredInput, theme: Theme | undefined, language: ContentLanguage): string {
  const parts = (theme?.questions ?? []).flatMap((question) => {
    const value = input.answers[question.id];
    if (isUnanswered(value)) return [];
    return [answerText(question, value!, language)];
  });
  if (input.freeText) parts.push(input.freeText);
  const text = parts.join(" · ");
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
