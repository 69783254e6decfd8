// One request on the officer's desk: its terms, text and history, and the actions the law allows now (the
// server says which); every change is kept in the audit log.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { RequestDetail } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { eventKey, formatInstant, formatLocalDate } from "./format";
import { OfficeActionForm } from "./office-action-form";
import { Flags } from "./office-flags";
import { TermsList } from "./terms-list";

/** How the requester learned of the answer, in the officer's words. */
const NOTICE_KEYS: Record<string, MessageKey> = {
  "in-person": "office.notified.inPerson",
  email: "office.notified.email",
  recorded: "office.notified.recorded",
};

export function RequestDesk({ id }: { id: string }) {
  const { t, language } = useI18n();
  const [detail, setDetail] = useState<StaffLoad<RequestDetail>>({ state: "loading" });
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const reload = () =>
    loadStaffJson(`/api/v1/officer/requests/${encodeURIComponent(id)}`, RequestDetail).then(setDetail);
  useEffect(() => {
    void reload();
  }, [id]);
  if (detail.state !== "ready")
    return (
      <StaffGate
        state={detail.state}
        signIn="office.signIn"
        offline="office.offline"
        signInLink="office.signInLink"
      />
    );
  const { request, allowed, history } = detail.data;

  const personal = request.kind !== "information" && request.kind !== undefined;
  const clarification = request.clarification;
  return (
    <section>
      <p>
        <a href="/oficina">{t("office.back")}</a>
      </p>
      <h1>
        {request.folio} <Flags item={request} />
      </h1>
      <div class="card desk-card" data-testid="desk" data-status={request.status}>
        <p>
          <strong>{t(`reqStatus.${request.status}`)}</strong> ·{" "}
          {t("office.due", { due: formatLocalDate(request.dueDate, language) })}
        </p>
        <TermsList terms={request.terms} />
        {personal ? (
          <p>
            <strong>{t("office.kind.personal", { kind: t(`req.kind.${request.kind}`) })}</strong>
          </p>
        ) : null}
        <p class="excerpt">{request.description}</p>
        {clarification ? (
          <div data-testid="desk-clarification">
            <p>
              {t("office.clarification.asked", {
                date: formatInstant(clarification.askedAt, language),
                text: clarification.question,
              })}
            </p>
            {clarification.reply && clarification.repliedAt ? (
              <p>
                {t("office.clarification.reply", {
                  date: formatInstant(clarification.repliedAt, language),
                  text: clarification.reply,
                })}
              </p>
            ) : (
              <p>
                {t("office.clarification.until", { date: formatLocalDate(clarification.until, language) })}
              </p>
            )}
          </div>
        ) : null}
        {personal ? (
          <p data-testid="identity">
            {request.identityAccreditedAt
              ? t("office.identity.done", {
                  via: t(`office.identity.${request.identityAccreditedVia ?? "other"}` as MessageKey),
                  at: formatInstant(request.identityAccreditedAt, language),
                })
              : t("office.identity.missing")}
          </p>
        ) : null}
        {request.informationType ? (
          <p>
            {t("office.infoType.shown", { type: t(`infoType.${request.informationType}` as MessageKey) })}
          </p>
        ) : null}
        <p>{t("office.requester", { name: request.requesterName })}</p>
        {request.contactEmail || request.contactPhone ? (
          <p>
            {t("office.contact", {
              contact: [request.contactEmail, request.contactPhone].filter(Boolean).join(" · "),
            })}
          </p>
        ) : null}
        <p>{t("office.delivery", { delivery: t(`req.delivery.${request.delivery}` as MessageKey) })}</p>
        {request.channel === "oral" ? <p>{t("office.channel.oral")}</p> : null}
        {request.answerText !== null ? (
          <p data-testid="notice">
            {request.notifiedAt
              ? t(NOTICE_KEYS[request.notifiedVia ?? ""] ?? "office.notified", {
                  at: formatInstant(request.notifiedAt, language),
                })
              : t("office.notYetNotified")}
          </p>
        ) : null}
      </div>
      {message ? (
        <p role={message.error ? "alert" : "status"} class={message.error ? "error-text" : "success"}>
          {message.text}
        </p>
      ) : null}
      {allowed.length > 0 ? (
        <OfficeActionForm
          requestId={id}
          allowed={allowed}
          onSaved={(saved) => setDetail(saved ? { state: "ready", data: saved } : { state: "unreadable" })}
          say={setMessage}
        />
      ) : null}
      <section class="card desk-history" aria-labelledby="desk-history">
        <h2 id="desk-history">{t("office.history")}</h2>
        <ol class="history">
          {history.map((entry, index) => (
            <li key={index}>
              {formatInstant(entry.at, language)} — {t(eventKey(entry.event) ?? `reqStatus.${entry.status}`)}
              {entry.note ? `: ${entry.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
