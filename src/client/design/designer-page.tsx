// One consultation in the designer: its draft (saved, checked, previewed), its status moves, and its versions.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { localize } from "../../domain/language-codes";
import type { DesignKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import {
  type ConsultationVersions,
  changeStatus,
  createConsultation,
  designOf,
  loadVersions,
  type SendOutcome,
  saveDraft,
} from "./design-api";
import { DesignEditor } from "./design-editor";
import { type DesignDraft, designFromDraft, draftFromDesign, emptyDesign, languagesOf } from "./design-form";
import {
  checkDesign,
  controlPointer,
  designErrors,
  type FieldIssue,
  fieldId,
  fieldLabelKey,
  issueMessageKey,
  placeOf,
} from "./design-issues";
import { DesignPreview } from "./design-preview";

type Loaded =
  | { state: "loading" | "signed-out" | "offline" | "unreadable" }
  /** `versions` is null for a consultation the server does not have yet: its id was made on this page. */
  | { state: "ready"; versions: ConsultationVersions | null };
/** `at` says where the notice shows: by the form's buttons, or at the top for the status moves. */
type Notice = {
  key: DesignKey;
  params?: Record<string, string | number>;
  error: boolean;
  at: "top" | "form";
};
type Move = "open" | "closed" | "published";

const FAILURES: Record<Exclude<SendOutcome, { ok: true }>["reason"], DesignKey> = {
  conflict: "design.conflict",
  "signed-out": "design.signedOutSave",
  offline: "design.offlineSave",
  failed: "design.failed",
  invalid: "design.failed",
};

export function DesignerPage({ id }: { id: string }) {
  const { t, language, formatDateTime } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [draft, setDraft] = useState<DesignDraft>();
  /** The draft version the form saves to; undefined until the server has version 1. */
  const [editing, setEditing] = useState<number>();
  /** The draft's updatedAt as last loaded or saved here: saving over a newer one is refused. */
  const [base, setBase] = useState<string>();
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  /** The issues as they were at the last save: the summary does not change under the reader's eyes. */
  const [summary, setSummary] = useState<FieldIssue[]>([]);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Move>();
  const [previewing, setPreviewing] = useState(false);
  // Set before the first await: a double tap must not send twice.
  const sending = useRef(false);
  /** The updatedAt of this page's last save, read right after it (state would lag a render). */
  const savedAt = useRef<string | undefined>(undefined);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  /**
   * Reads the versions; `reset` also puts the server's draft (or none) in the form. Only the first load
   * shows "offline" or "signed out" instead of the page: a failed refresh after a change keeps the page.
   */
  async function load(reset: boolean, first = false) {
    const result = await loadVersions(id);
    if (result.state === "new") {
      setLoaded({ state: "ready", versions: null });
      if (reset) setDraft(emptyDesign());
      return;
    }
    if (result.state !== "ready") {
      if (first) setLoaded(result);
      return;
    }
    setLoaded({ state: "ready", versions: result.data });
    if (reset) {
      const stored = result.data.draft;
      setDraft(stored ? draftFromDesign(designOf(stored)) : undefined);
      setEditing(stored?.version);
      setBase(stored?.updatedAt);
      setAttempted(false);
      setServerIssues([]);
      setSummary([]);
      setDirty(false);
    }
  }
  useEffect(() => {
    void load(true, true);
  }, [id]);

  const design = useMemo(() => (draft ? designFromDraft(draft) : undefined), [draft]);
  /** One issue per control: what the check finds (all of it once a save was tried), then what the server said. */
  const issues = useMemo(() => {
    const found = design ? checkDesign(design, attempted) : [];
    const byControl = new Map<string, FieldIssue>();
    for (const issue of [...found, ...serverIssues]) {
      const at = controlPointer(issue.pointer);
      if (!byControl.has(at)) byControl.set(at, issue);
    }
    return byControl;
  }, [design, attempted, serverIssues]);
  const issueAt = (pointer: string) => {
    const issue = issues.get(pointer);
    return issue ? t(issueMessageKey(issue)) : undefined;
  };
  const where = (pointer: string) => {
    const place = placeOf(pointer);
    const field = t(fieldLabelKey(place));
    return [
      place.theme && t("design.where.theme", { n: place.theme }),
      place.question && t("design.where.question", { n: place.question }),
      place.option && t("design.where.option", { n: place.option }),
      place.language && place.language !== "es" ? `${field} (${t(`design.lang.${place.language}`)})` : field,
    ]
      .filter(Boolean)
      .join(" › ");
  };

  const say = (next: Notice) => {
    setNotice(next);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const showSummary = (found: FieldIssue[]) => {
    setNotice(undefined);
    setSummary(found);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const edit = (next: DesignDraft) => {
    setDraft(next);
    setDirty(true);
    // What the server refused is about the design it was sent; the check speaks for the new one.
    setServerIssues([]);
  };

  /** Checks and saves the draft: creates version 1 the first time, then saves over the draft version. */
  async function save(): Promise<boolean> {
    if (!design) return false;
    const found = checkDesign(design, true);
    setAttempted(true);
    setServerIssues([]);
    if (found.length > 0) {
      showSummary(found);
      return false;
    }
    setSummary([]);
    let outcome =
      editing === undefined
        ? await createConsultation(id, design)
        : await saveDraft(id, editing, design, base);
    if (!outcome.ok && outcome.reason === "conflict" && editing === undefined) {
      // The answer to an earlier create was lost on the way (the connection dropped): version 1 exists,
      // made from this page, since the id was. Save over it instead of calling it someone else's change.
      const stored = await loadVersions(id);
      if (stored.state === "ready" && stored.data.versions.length === 1 && stored.data.draft?.version === 1)
        outcome = await saveDraft(id, 1, design);
    }
    if (outcome.ok) {
      setEditing(outcome.consultation.version);
      setBase(outcome.consultation.updatedAt);
      savedAt.current = outcome.consultation.updatedAt;
      setDirty(false);
      say({
        key: "design.saved",
        params: { version: outcome.consultation.version },
        error: false,
        at: "form",
      });
      // Awaited: opening right after must not race with this refresh.
      await load(false);
      return true;
    }
    if (outcome.reason === "invalid") {
      const refused = designErrors(outcome.errors);
      if (refused.length > 0) {
        setServerIssues(refused);
        showSummary(refused);
        return false;
      }
    }
    say({ key: FAILURES[outcome.reason], error: true, at: "form" });
    return false;
  }

  /** Runs one change at a time, with the buttons disabled meanwhile. */
  async function once(action: () => Promise<unknown>) {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  async function move(status: Move) {
    setConfirming(undefined);
    // Opening releases the draft: what is released is what the form shows, so it is saved first.
    if (status === "open" && draft && !(await save())) return;
    // The version moved is the one this page shows: the draft just saved, or the released one.
    const seen =
      status === "open" && draft
        ? savedAt.current
        : loaded.state === "ready"
          ? loaded.versions?.current?.updatedAt
          : undefined;
    const outcome = await changeStatus(id, status, seen);
    if (!outcome.ok) {
      return say({ key: FAILURES[outcome.reason], error: true, at: status === "open" ? "form" : "top" });
    }
    await load(true);
    say({ key: `design.moved.${status}`, error: false, at: "top" });
  }

  /** A released version never changes: editing copies it into the next version, a draft. */
  async function editNext(versions: ConsultationVersions) {
    const current = versions.current;
    const latest = versions.versions[0]?.version;
    if (!current || latest === undefined) return;
    const outcome = await saveDraft(id, latest + 1, designOf(current));
    if (!outcome.ok) return say({ key: FAILURES[outcome.reason], error: true, at: "top" });
    await load(true);
    say({
      key: "design.newVersion",
      params: { version: outcome.consultation.version },
      error: false,
      at: "top",
    });
  }

  const togglePreview = () => {
    setPreviewing(!previewing);
    if (!previewing) requestAnimationFrame(() => document.getElementById("design-preview-title")?.focus());
  };

  if (loaded.state !== "ready") {
    return (
      <section>
        <h1>{t("design.title")}</h1>
        <StaffGate state={loaded.state} signIn="design.signIn" offline="design.offline" />
      </section>
    );
  }

  const versions = loaded.versions;
  const current = versions?.current ?? null;
  const stored = versions?.draft ?? current;
  const latest = versions?.versions[0]?.version ?? 0;
  const noticeAt = (at: Notice["at"]) =>
    notice?.at === at ? (
      <p
        ref={noticeRef}
        tabIndex={-1}
        role={notice.error ? "alert" : "status"}
        class={notice.error ? "error-text" : "success"}
        data-testid="design-notice"
      >
        {t(notice.key, notice.params)}
      </p>
    ) : null;
  const confirm = (status: Move) =>
    confirming === status ? (
      <fieldset class="confirm">
        <legend>{t(`design.confirm.${status}`)}</legend>
        <button
          type="button"
          class="button button-primary"
          id="design-confirm-yes"
          disabled={busy}
          onClick={() => void once(() => move(status))}
        >
          {t(`design.confirm.${status}.yes`)}
        </button>
        <button type="button" class="button" onClick={() => setConfirming(undefined)}>
          {t("design.confirm.no")}
        </button>
      </fieldset>
    ) : null;
  const ask = (status: Move) => {
    setConfirming(status);
    requestAnimationFrame(() => document.getElementById("design-confirm-yes")?.focus());
  };
  const previewButton = (
    <button
      type="button"
      class="button"
      aria-expanded={previewing}
      aria-controls={previewing ? "design-preview" : undefined}
      onClick={togglePreview}
    >
      {t("design.preview.show")}
    </button>
  );
  const previewed = draft && design ? design : current ? designOf(current) : undefined;
  const previewLanguages = draft ? draft.languages : previewed ? languagesOf(previewed) : [];

  return (
    <section>
      <p>
        <a href="/disenar">{t("design.back")}</a>
      </p>
      <h1>{stored ? localize(stored.title, language) : t("design.newTitle")}</h1>
      {noticeAt("top")}

      {current ? (
        <section class="card" aria-labelledby="design-state">
          <h2 id="design-state">{t("design.state.title")}</h2>
          <p data-testid="design-state">
            {t("design.state.current", {
              version: current.version,
              status: t(`design.status.${current.status}`),
            })}
          </p>
          {draft && editing !== undefined ? <p>{t("design.state.draft", { version: editing })}</p> : null}
          <div class="actions">
            {current.status === "open" ? (
              <button type="button" class="button" disabled={busy} onClick={() => ask("closed")}>
                {t("design.close")}
              </button>
            ) : null}
            {current.status === "closed" ? (
              <button type="button" class="button" disabled={busy} onClick={() => ask("published")}>
                {t("design.publish")}
              </button>
            ) : null}
            {draft ? null : (
              <button
                type="button"
                class="button button-primary"
                disabled={busy}
                aria-describedby="design-edit-next-hint"
                onClick={() => versions && void once(() => editNext(versions))}
              >
                {t("design.editNext", { version: latest + 1 })}
              </button>
            )}
            {draft ? null : previewButton}
          </div>
          {draft ? null : (
            <p id="design-edit-next-hint" class="hint">
              {t("design.editNext.hint", { current: current.version })}
            </p>
          )}
          {confirm("closed")}
          {confirm("published")}
        </section>
      ) : null}

      {draft ? (
        <form
          class="designer"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void once(save);
          }}
        >
          {summary.length > 0 ? (
            <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
              <p>
                <strong>{t("design.errors.title")}</strong>
              </p>
              <ul>
                {summary.map((issue) => {
                  const at = controlPointer(issue.pointer);
                  return (
                    <li key={`${issue.pointer} ${issue.code}`}>
                      <a href={`#${fieldId(at)}`}>
                        {where(at)}: {t(issueMessageKey(issue))}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <DesignEditor draft={draft} issueAt={issueAt} onChange={edit} />
          <div class="design-actions">
            {noticeAt("form")}
            {dirty ? <p class="hint">{t("design.unsaved")}</p> : null}
            <div class="actions">
              <button type="submit" class="button button-primary" disabled={busy}>
                {busy ? t("design.saving") : t("design.save")}
              </button>
              {previewButton}
              <button type="button" class="button" disabled={busy} onClick={() => ask("open")}>
                {t("design.open")}
              </button>
            </div>
            {confirm("open")}
          </div>
        </form>
      ) : null}

      {previewing && previewed ? <DesignPreview design={previewed} languages={previewLanguages} /> : null}

      {versions ? (
        <section aria-labelledby="design-versions">
          <h2 id="design-versions">{t("design.versions.title")}</h2>
          <ul class="list" data-testid="design-versions">
            {versions.versions.map((version) => (
              <li key={version.version}>
                {t("design.versions.item", {
                  version: version.version,
                  status: t(`design.status.${version.status}`),
                  when: formatDateTime(version.updatedAt),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
