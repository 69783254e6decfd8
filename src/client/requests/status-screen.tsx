// The one public page to follow a request: folio (or provisional code) + tracking code → status,
// history, terms, answer and files, appeal. The last status seen stays readable offline.
import "./i18n";
import { useEffect, useRef, useState } from "preact/hooks";
import { uuidv7 } from "uuidv7";
import { PublicRequestStatus, REQUEST_LIMITS } from "../../domain/requests/info-request";
import { normalizeTrackingCode } from "../../domain/requests/tracking-code";
import type { ReplyEntry } from "../db/database";
import { loadDatabase, useLazyLiveQuery } from "../db/lazy-live-query";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { requestSync } from "../sync/sync-status";
import { eventKey, formatInstant, formatLocalDate } from "./format";
import { cachedStatus, rememberStatus } from "./status-cache";
import { TermsList } from "./terms-list";

type Notice = { key: MessageKey; params?: Record<string, string | number>; error: boolean };

const jsonHeaders = { "content-type": "application/json", accept: "application/json" };

/** Folio and code from a receipt's link; the fragment is then cleared so the code stays out of the history. */
function readFragment(): { folio: string; code: string } {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const linked = { folio: fragment.get("folio") ?? "", code: fragment.get("codigo") ?? "" };
  if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
  return linked;
}

export function StatusScreen() {
  const { t, language } = useI18n();
  const [initial] = useState(readFragment);
  const [folio, setFolio] = useState(initial.folio);
  const [code, setCode] = useState(initial.code);
  const [view, setView] = useState<PublicRequestStatus>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [appealReason, setAppealReason] = useState("");
  const [appealError, setAppealError] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const say = (next: Notice | undefined) => {
    setNotice(next);
    if (next) requestAnimationFrame(() => noticeRef.current?.focus());
  };

  async function showCached(typed: { folio: string; code: string }, fallback: Notice) {
    const cached = await cachedStatus(typed.folio, typed.code);
    if (cached) {
      setView(cached);
      say({ key: "req.status.offline", error: false });
    } else say(fallback);
  }

  const remember = (status: PublicRequestStatus, typed: { folio: string; code: string }) =>
    rememberStatus(status, typed.folio, typed.code);

  async function check(event?: Event, typed = { folio, code }) {
    event?.preventDefault();
    if (busy || !typed.folio.trim() || !typed.code.trim()) return;
    setBusy(true);
    try {
      const response = await fetch("/api/v1/requests/status", {
        method: "POST",
        headers: jsonHeaders,
        body: JSON.stringify({ folio: typed.folio, trackingCode: typed.code }),
        cache: "no-store",
      });
      if (response.ok) {
        const parsed = PublicRequestStatus.safeParse(await response.json());
        if (!parsed.success) return say({ key: "req.status.failed", error: true });
        setView(parsed.data);
        say(undefined);
        await remember(parsed.data, typed);
      } else if (response.status === 404 || response.status === 422) {
        setView(undefined);
        say({ key: "req.status.notFound", error: true });
      } else if (response.status === 429) {
        say({
          key: "req.status.tooMany",
          params: { seconds: response.headers.get("retry-after") ?? "60" },
          error: true,
        });
      } else {
        await showCached(typed, { key: "req.status.failed", error: true });
      }
    } catch {
      await showCached(typed, { key: "req.status.offline", error: true });
    } finally {
      setBusy(false);
    }
  }

  // A link from a receipt or its QR carries folio and code: check at once, also when it changes in place.
  useEffect(() => {
    const follow = (linked = readFragment()) => {
      if (!linked.folio || !linked.code) return;
      setFolio(linked.folio);
      setCode(linked.code);
      void check(undefined, linked);
    };
    follow(initial);
    const onHashChange = () => follow();
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);

  async function download(fileId: string, name: string) {
    const response = await fetch(`/api/v1/requests/files/${encodeURIComponent(fileId)}`, {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ folio: view?.folio ?? folio, trackingCode: code }),
    }).catch(() => undefined);
    if (!response?.ok) return say({ key: "req.status.failed", error: true });
    const url = URL.createObjectURL(await response.blob());
    const anchor = Object.assign(document.createElement("a"), { href: url, download: name });
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function appeal(event: Event) {
    event.preventDefault();
    if (appealReason.trim().length < 5) return setAppealError(true);
    setAppealError(false);
    const response = await fetch("/api/v1/requests/appeal", {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ folio: view?.folio ?? folio, trackingCode: code, reason: appealReason }),
    }).catch(() => undefined);
    if (!response) return say({ key: "req.status.offline", error: true });
    if (!response.ok) return say({ key: "req.status.failed", error: true });
    const parsed = PublicRequestStatus.safeParse(await response.json());
    if (parsed.success) {
      setView(parsed.data);
      await remember(parsed.data, { folio, code });
    }
  }

  // A clarification saved on this phone for the request shown, until the server took it (or refused it).
  const sameCode = (entry: ReplyEntry) =>
    normalizeTrackingCode(entry.reply.trackingCode) === normalizeTrackingCode(code);
  // The database loads once a request is shown: a first look-up on a phone keeps its script out of the way.
  const savedReply = useLazyLiveQuery(
    async (db) =>
      view
        ? (
            (await db.outbox
              .where("[kind+status]")
              .anyOf([
                ["reply", "pending"],
                ["reply", "rejected"],
              ])
              .toArray()) as ReplyEntry[]
          ).find((entry) => entry.reply.folio === view.folio && sameCode(entry))
        : undefined,
    [view?.folio, code],
    view !== undefined,
  );
  // Once the saved reply has gone, show what the server now says (the transport kept it for offline reading).
  const hadReply = useRef(false);
  useEffect(() => {
    if (savedReply) hadReply.current = true;
    else if (hadReply.current && view) {
      hadReply.current = false;
      void cachedStatus(view.folio, code).then((latest) => {
        if (latest && latest.checkedAt >= view.checkedAt) {
          setView(latest);
          say({ key: "req.status.clarify.sent", error: false });
        }
      });
    }
  }, [savedReply]);

  return (
    <section>
      <h1>{t("req.status.title")}</h1>
      <form class="card no-print" onSubmit={(event) => void check(event)} noValidate>
        <p>{t("req.status.intro")}</p>
        <div class="field">
          <label for="status-folio">{t("req.status.folio")}</label>
          <input
            id="status-folio"
            autocomplete="off"
            autocapitalize="characters"
            value={folio}
            onInput={(e) => setFolio(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="status-code">{t("req.status.code")}</label>
          <input
            id="status-code"
            autocomplete="off"
            autocapitalize="characters"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t("req.status.checking") : t("req.status.submit")}
        </button>
      </form>
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          role={notice.error ? "alert" : "status"}
          class={notice.error ? "error-text" : "hint"}
        >
          {t(notice.key, notice.params)}
        </p>
      ) : null}
      {view ? (
        <article class="card" data-testid="request-status" data-status={view.status}>
          <h2>
            {view.folio} · {view.institution.name}
          </h2>
          <p class="hint">{t("req.status.lastSeen", { when: formatInstant(view.checkedAt, language) })}</p>
          <p data-testid="status-text">
            <strong>{t("req.status.current", { status: t(`reqStatus.${view.status}`) })}</strong>
          </p>
          <p>{t("req.status.received", { date: formatInstant(view.receivedAt, language) })}</p>
          {view.terms ? (
            <TermsList terms={view.terms} />
          ) : (
            <>
              <p>{t("req.status.due", { due: formatLocalDate(view.dueDate, language) })}</p>
              {view.extendedDueDate ? (
                <p>{t("req.status.extended", { due: formatLocalDate(view.extendedDueDate, language) })}</p>
              ) : null}
            </>
          )}
          {view.overdue ? <p class="error-text">{t("req.status.overdue")}</p> : null}
          {view.kind && view.kind !== "information" ? (
            <p>{t("req.kind.shown", { kind: t(`req.kind.${view.kind}`) })}</p>
          ) : null}
          <p class="excerpt">{view.description}</p>
          {view.clarification ? (
            <Clarification
              view={view}
              code={code}
              saved={savedReply}
              onSaved={() => say({ key: "req.status.clarify.pending", error: false })}
            />
          ) : null}
          {view.referredTo ? <p>{t("req.status.referred", view.referredTo)}</p> : null}
          {view.answer ? (
            <section aria-labelledby="answer-title">
              <h3 id="answer-title">{t("req.status.answer")}</h3>
              <p data-testid="answer-text">{view.answer.text}</p>
              {view.answer.legalBasis ? (
                <p>{t("req.status.legalBasis", { basis: view.answer.legalBasis })}</p>
              ) : null}
              {view.answer.files.length > 0 ? (
                <>
                  <h4>{t("req.status.files")}</h4>
                  <ul>
                    {view.answer.files.map((file) => (
                      <li key={file.id}>
                        <button
                          type="button"
                          class="button"
                          data-testid="answer-file"
                          onClick={() => void download(file.id, file.name)}
                        >
                          {t("req.status.download", {
                            name: file.name,
                            size: Math.max(1, Math.round(file.size / 1024)),
                          })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="history-title">
            <h3 id="history-title">{t("req.status.history")}</h3>
            <ol class="history">
              {view.history.map((entry, index) => (
                <li key={`${entry.at}-${index}`}>
                  <span>{formatInstant(entry.at, language)}</span> —{" "}
                  {t(eventKey(entry.event) ?? `reqStatus.${entry.status}`)}
                  {entry.note ? `: ${entry.note}` : ""}
                </li>
              ))}
            </ol>
          </section>
          {view.appeal.filedAt ? (
            <p>{t("req.status.appeal.filed", { date: formatInstant(view.appeal.filedAt, language) })}</p>
          ) : null}
          {view.appeal.resolution ? (
            <p>{t("req.status.appeal.resolution", { text: view.appeal.resolution })}</p>
          ) : null}
          {view.appeal.open ? (
            <form class="no-print" onSubmit={(event) => void appeal(event)} noValidate>
              <h3>{t("req.status.appeal")}</h3>
              <p>{t("req.status.appeal.hint")}</p>
              {view.institution.highestAuthority ? (
                <p>{t("req.status.appeal.decidedBy", { who: view.institution.highestAuthority })}</p>
              ) : null}
              {view.appeal.until ? (
                <p>{t("req.status.appeal.until", { date: formatLocalDate(view.appeal.until, language) })}</p>
              ) : null}
              <div class="field">
                <label for="appeal-reason">{t("req.status.appeal.reason")}</label>
                <textarea
                  id="appeal-reason"
                  rows={3}
                  value={appealReason}
                  aria-invalid={appealError}
                  aria-describedby={appealError ? "appeal-error" : undefined}
                  onInput={(e) => setAppealReason(e.currentTarget.value)}
                />
                {appealError ? (
                  <p id="appeal-error" class="error-text">
                    {t("req.status.appeal.error")}
                  </p>
                ) : null}
              </div>
              <button type="submit" class="button">
                {t("req.status.appeal.submit")}
              </button>
            </form>
          ) : null}
        </article>
      ) : null}
    </section>
  );
}

/** What the unit asked to clarify, the reply given, or the form to give it (saved on the phone first). */
function Clarification({
  view,
  code,
  saved,
  onSaved,
}: {
  view: PublicRequestStatus;
  code: string;
  saved: ReplyEntry | undefined;
  onSaved(): void;
}) {
  const { t, language } = useI18n();
  const [text, setText] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const clarification = view.clarification!;
  const awaited = view.status === "clarification";

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    if (text.trim().length < REQUEST_LIMITS.reason.min) return setInvalid(true);
    setInvalid(false);
    setSaving(true);
    try {
      const [db, { enqueue }] = await Promise.all([loadDatabase(), import("../db/outbox")]);
      await db.transaction("rw", db.outbox, () =>
        enqueue(db, {
          kind: "reply",
          reply: { id: uuidv7(), folio: view.folio, trackingCode: code, text: text.trim() },
        }),
      );
      setText("");
      onSaved();
      requestSync();
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="clarify-title" data-testid="clarification">
      <h3 id="clarify-title">{t("req.status.clarify.title")}</h3>
      <p data-testid="clarification-question">{clarification.question}</p>
      {clarification.reply && clarification.repliedAt ? (
        <p data-testid="clarification-reply">
          {t("req.status.clarify.given", {
            date: formatInstant(clarification.repliedAt, language),
            text: clarification.reply,
          })}
        </p>
      ) : null}
      {awaited ? (
        <p>{t("req.status.clarify.until", { date: formatLocalDate(clarification.until, language) })}</p>
      ) : null}
      {saved?.status === "pending" ? (
        <p class="hint" data-testid="clarification-pending">
          {t("req.status.clarify.pending")} «{saved.reply.text}»
        </p>
      ) : null}
      {saved?.status === "rejected" ? (
        <div role="alert">
          <p class="error-text">
            {t("req.status.clarify.refused", { reason: t(problemMessageKey(saved.problem)) })} «
            {saved.reply.text}»
          </p>
          <button
            type="button"
            class="button"
            onClick={() =>
              void Promise.all([loadDatabase(), import("../sync/reply-transport")]).then(
                ([db, { discardRejectedReply }]) => discardRejectedReply(db, saved.seq!),
              )
            }
          >
            {t("req.status.clarify.discard")}
          </button>
        </div>
      ) : null}
      {awaited && !saved ? (
        <form class="no-print" onSubmit={(event) => void save(event)} noValidate>
          <div class="field">
            <label for="clarify-text">{t("req.status.clarify.reply")}</label>
            <textarea
              id="clarify-text"
              rows={4}
              maxLength={REQUEST_LIMITS.reason.max}
              value={text}
              aria-invalid={invalid}
              aria-describedby={invalid ? "clarify-error" : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            {invalid ? (
              <p id="clarify-error" class="error-text">
                {t("req.status.clarify.error")}
              </p>
            ) : null}
          </div>
          <button type="submit" class="button button-primary" disabled={saving}>
            {t("req.status.clarify.submit")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
