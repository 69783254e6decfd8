// One request on the officer's desk: its terms, text and history, and the actions the law allows now (the
// server says which); every change is kept in the audit log.
import "./i18n";
import { useEffect, useMemo, useState } from "preact/hooks";
import { IDENTITY_MEANS, INFORMATION_TYPES, type Institution } from "../../domain/requests/info-request";
import { searchInstitutions } from "../../domain/requests/institution-search";
import type { ActionName } from "../../domain/requests/request-workflow";
import { InstitutionsAnswer, RequestDetail } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";
import { eventKey, formatInstant, formatLocalDate } from "./format";
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
  const [action, setAction] = useState<ActionName | "">("");
  const [text, setText] = useState("");
  const [days, setDays] = useState("10");
  const [identity, setIdentity] = useState<string>(IDENTITY_MEANS[0]);
  const [infoType, setInfoType] = useState<string>(INFORMATION_TYPES[0]);
  const [outcome, setOutcome] = useState("delivered");
  const [ground, setGround] = useState("reserved");
  const [legalBasis, setLegalBasis] = useState("");
  const [target, setTarget] = useState<Institution>();
  const [targetQuery, setTargetQuery] = useState("");
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ file: string; percent: number; overall: number }>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);

  const reload = () =>
    loadStaffJson(`/api/v1/officer/requests/${encodeURIComponent(id)}`, RequestDetail).then(setDetail);
  useEffect(() => {
    void reload();
  }, [id]);
  useEffect(() => {
    if (action !== "refer" || institutions.length > 0) return;
    void loadStaffJson("/api/v1/institutions", InstitutionsAnswer).then((list) => {
      if (list.state === "ready") setInstitutions(list.data.institutions);
    });
  }, [action]);
  const matches = useMemo(
    () => searchInstitutions(targetQuery, institutions).slice(0, 6),
    [targetQuery, institutions],
  );

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

  async function upload(): Promise<string[] | undefined> {
    const ids: string[] = [];
    const { uploadResumable, UploadRefused } = await import("./resumable-upload");
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    let doneBytes = 0;
    for (const file of files) {
      try {
        ids.push(
          await uploadResumable(file, ({ sent }) =>
            setProgress({
              file: file.name,
              percent: Math.floor((100 * sent) / Math.max(1, file.size)),
              overall: Math.floor((100 * (doneBytes + sent)) / Math.max(1, totalBytes)),
            }),
          ),
        );
        doneBytes += file.size;
      } catch (error) {
        const tooLarge = error instanceof UploadRefused && error.status === 413;
        setMessage({
          text: t(tooLarge ? "office.upload.tooLarge" : "office.upload.failed", { name: file.name }),
          error: true,
        });
        return undefined;
      }
    }
    return ids;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!action || busy) return;
    setBusy(true);
    setMessage(undefined);
    setProgress(undefined);
    try {
      let body: Record<string, unknown> = { action };
      if (action === "extend") body = { action, days: Number(days), reason: text };
      else if (action === "clarify") body = { action, days: Number(days), text };
      else if (action === "accredit") body = { action, via: identity };
      else if (action === "classify") body = { action, type: infoType };
      else if (action === "answer") {
        const attachmentIds = await upload();
        if (!attachmentIds) return;
        body = { action, outcome, text, ...(attachmentIds.length > 0 ? { attachmentIds } : {}) };
      } else if (action === "deny") body = { action, ground, legalBasis, text };
      else if (action === "refer") body = { action, institutionId: target?.id ?? "", text };
      else if (action === "resolve-appeal") body = { action, outcome, text };
      else if (action !== "start") body = { action, text };
      const response = await fetch(`/api/v1/officer/requests/${encodeURIComponent(id)}/actions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      }).catch(() => undefined);
      if (!response) return setMessage({ text: t("office.offline"), error: true });
      if (!response.ok) {
        const reason = response.status === 409 ? t("office.error.notAllowed") : t("office.error.invalid");
        return setMessage({ text: t("office.error", { reason }), error: true });
      }
      const saved = await readAnswer(response, RequestDetail);
      setDetail(saved ? { state: "ready", data: saved } : { state: "unreadable" });
      setMessage({ text: t("office.saved"), error: false });
      setAction("");
      setText("");
      setFiles([]);
    } finally {
      setBusy(false);
    }
  }

  const needsText = action !== "" && action !== "start" && action !== "accredit" && action !== "classify";
  const textLabel =
    action === "extend"
      ? t("office.field.reason")
      : action === "clarify"
        ? t("office.field.question")
        : action === "record-clarification"
          ? t("office.field.reply")
          : t("office.field.text");
  const personal = request.kind !== "information" && request.kind !== undefined;
  const clarification = request.clarification;
  const outcomes =
    action === "resolve-appeal" ? ["upheld", "overturned", "partly"] : ["delivered", "partly_delivered"];
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
        <form class="card desk-action" onSubmit={(event) => void submit(event)} noValidate>
          <h2>{t("office.actions")}</h2>
          <div class="field">
            <label for="office-action">{t("office.action")}</label>
            <select
              id="office-action"
              value={action}
              onChange={(e) => {
                const next = e.currentTarget.value as ActionName;
                setAction(next);
                // Answers and appeal decisions have different outcomes: start each from its first one.
                setOutcome(next === "resolve-appeal" ? "upheld" : "delivered");
              }}
            >
              <option value="">—</option>
              {allowed.map((name) => (
                <option key={name} value={name}>
                  {t(`office.action.${name}`)}
                </option>
              ))}
            </select>
          </div>
          {action === "accredit" ? (
            <div class="field">
              <label for="office-identity">{t("office.field.identity")}</label>
              <select
                id="office-identity"
                value={identity}
                aria-describedby="office-identity-hint"
                onChange={(e) => setIdentity(e.currentTarget.value)}
              >
                {IDENTITY_MEANS.map((means) => (
                  <option key={means} value={means}>
                    {t(`office.identity.${means}`)}
                  </option>
                ))}
              </select>
              <p id="office-identity-hint" class="hint">
                {t("office.identity.noNumbers")}
              </p>
            </div>
          ) : null}
          {action === "classify" ? (
            <div class="field">
              <label for="office-info-type">{t("office.field.infoType")}</label>
              <select
                id="office-info-type"
                value={infoType}
                onChange={(e) => setInfoType(e.currentTarget.value)}
              >
                {INFORMATION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`infoType.${type}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {action === "extend" || action === "clarify" ? (
            <div class="field">
              <label for="office-days">
                {action === "clarify" ? t("office.field.clarifyDays") : t("office.field.days")}
              </label>
              <input
                id="office-days"
                type="number"
                min={1}
                max={10}
                inputMode="numeric"
                value={days}
                onInput={(e) => setDays(e.currentTarget.value)}
              />
            </div>
          ) : null}
          {action === "answer" || action === "resolve-appeal" ? (
            <div class="field">
              <label for="office-outcome">{t("office.field.outcome")}</label>
              <select id="office-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
                {outcomes.map((name) => (
                  <option key={name} value={name}>
                    {t(`office.outcome.${name}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {action === "deny" ? (
            <>
              <div class="field">
                <label for="office-ground">{t("office.field.ground")}</label>
                <select id="office-ground" value={ground} onChange={(e) => setGround(e.currentTarget.value)}>
                  <option value="reserved">{t("office.ground.reserved")}</option>
                  <option value="confidential">{t("office.ground.confidential")}</option>
                </select>
              </div>
              <div class="field">
                <label for="office-basis">{t("office.field.legalBasis")}</label>
                <input
                  id="office-basis"
                  value={legalBasis}
                  onInput={(e) => setLegalBasis(e.currentTarget.value)}
                />
              </div>
            </>
          ) : null}
          {action === "refer" ? (
            <div class="field">
              <label for="office-target">{t("office.field.target")}</label>
              {target ? <p>{t("req.field.institution.chosen", { name: target.name })}</p> : null}
              <input
                id="office-target"
                type="search"
                value={targetQuery}
                onInput={(e) => setTargetQuery(e.currentTarget.value)}
              />
              <ul class="list">
                {matches.map((match) => (
                  <li key={match.id}>
                    <button
                      type="button"
                      class="button choice-button"
                      onClick={() => {
                        setTarget(match);
                        setTargetQuery("");
                      }}
                    >
                      {match.name} ({match.acronym})
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {needsText ? (
            <div class="field">
              <label for="office-text">{textLabel}</label>
              <textarea
                id="office-text"
                rows={4}
                value={text}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </div>
          ) : null}
          {action === "answer" ? (
            <div class="field">
              <label for="office-files">{t("office.field.files")}</label>
              <input
                id="office-files"
                type="file"
                multiple
                onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
              />
              {progress ? (
                <p aria-live="polite" data-testid="upload-progress">
                  {t("office.uploading", {
                    name: progress.file,
                    percent: progress.percent,
                    overall: progress.overall,
                  })}
                </p>
              ) : null}
            </div>
          ) : null}
          <button type="submit" class="button button-primary" disabled={busy || !action}>
            {t("office.submit")}
          </button>
        </form>
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
