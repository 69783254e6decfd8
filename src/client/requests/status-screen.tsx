// The one public page to follow a request: folio (or provisional code) + tracking code → status,
// history, terms, answer and files, appeal. The last status seen stays readable offline.
import "./i18n";
import { get, set } from "idb-keyval";
import { useEffect, useRef, useState } from "preact/hooks";
import { PublicRequestStatus } from "../../domain/requests/info-request";
import { normalizeTrackingCode } from "../../domain/requests/tracking-code";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { eventKey, formatInstant, formatLocalDate } from "./format";
import { sha256Hex } from "./sha256";
import { TermsList } from "./terms-list";

type Notice = { key: MessageKey; params?: Record<string, string | number>; error: boolean };

/**
 * The last status seen is kept under a hash of folio and code together: on a shared phone, knowing a folio
 * is not enough to read a request offline.
 */
async function cacheKey(folio: string, code: string): Promise<string> {
  const text = `${folio.trim().toUpperCase()}|${normalizeTrackingCode(code) ?? code.trim()}`;
  return `requestStatus:${await sha256Hex(new TextEncoder().encode(text))}`;
}
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
    const key = await cacheKey(typed.folio, typed.code);
    const cached = PublicRequestStatus.safeParse(await get(key).catch(() => undefined));
    if (cached.success) {
      setView(cached.data);
      say({ key: "req.status.offline", error: false });
    } else say(fallback);
  }

  async function remember(status: PublicRequestStatus, typed: { folio: string; code: string }) {
    const keys = await Promise.all([cacheKey(status.folio, typed.code), cacheKey(typed.folio, typed.code)]);
    await Promise.all(keys.map((key) => set(key, status))).catch(() => undefined);
  }

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
          <p class="excerpt">{view.description}</p>
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
