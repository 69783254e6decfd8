// One consultation in the designer: its draft (saved, checked, previewed), its status moves, and its versions.
// The form's state is a reducer (designer-state.ts); this page makes the calls to the server and says how they went.
import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
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
import { type DesignDraft, designFromDraft, languagesOf } from "./design-form";
import { checkDesign, designErrors, type FieldIssue, issueMessageKey } from "./design-issues";
import { DesignPreview } from "./design-preview";
import { ConfirmMove, DesignStatusCard, DesignVersions, type Move } from "./design-status";
import { DesignSummary } from "./design-summary";
import { draftFormReducer, EMPTY_DRAFT_FORM, issuesByControl } from "./designer-state";

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

const FAILURES: Record<Exclude<SendOutcome, { ok: true }>["reason"], DesignKey> = {
  conflict: "design.conflict",
  "signed-out": "design.signedOutSave",
  offline: "design.offlineSave",
  failed: "design.failed",
  invalid: "design.failed",
};

export function DesignerPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [form, dispatch] = useReducer(draftFormReducer, EMPTY_DRAFT_FORM);
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
      if (reset) dispatch({ type: "started" });
      return;
    }
    if (result.state !== "ready") {
      if (first) setLoaded(result);
      return;
    }
    setLoaded({ state: "ready", versions: result.data });
    if (reset) dispatch({ type: "loaded", stored: result.data.draft });
  }
  useEffect(() => {
    void load(true, true);
  }, [id]);

  const { draft } = form;
  const design = useMemo(() => (draft ? designFromDraft(draft) : undefined), [draft]);
  const issues = useMemo(() => issuesByControl(form, design), [design, form.attempted, form.serverIssues]);
  const issueAt = (pointer: string) => {
    const issue = issues.get(pointer);
    return issue ? t(issueMessageKey(issue)) : undefined;
  };

  const say = (next: Notice) => {
    setNotice(next);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const showSummary = () => {
    setNotice(undefined);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const edit = (next: DesignDraft) => dispatch({ type: "edited", draft: next });

  /** Checks and saves the draft: creates version 1 the first time, then saves over the draft version. */
  async function save(): Promise<boolean> {
    if (!design) return false;
    const found = checkDesign(design, true);
    dispatch({ type: "checked", found });
    if (found.length > 0) {
      showSummary();
      return false;
    }
    let outcome =
      form.editing === undefined
        ? await createConsultation(id, design)
        : await saveDraft(id, form.editing, design, form.base);
    if (!outcome.ok && outcome.reason === "conflict" && form.editing === undefined) {
      // The answer to an earlier create was lost on the way (the connection dropped): version 1 exists,
      // made from this page, since the id was. Save over it instead of calling it someone else's change.
      const stored = await loadVersions(id);
      if (stored.state === "ready" && stored.data.versions.length === 1 && stored.data.draft?.version === 1)
        outcome = await saveDraft(id, 1, design);
    }
    if (outcome.ok) {
      const { version, updatedAt } = outcome.consultation;
      dispatch({ type: "saved", version, updatedAt });
      savedAt.current = updatedAt;
      say({ key: "design.saved", params: { version }, error: false, at: "form" });
      // Awaited: opening right after must not race with this refresh.
      await load(false);
      return true;
    }
    if (outcome.reason === "invalid") {
      const refused: FieldIssue[] = designErrors(outcome.errors);
      if (refused.length > 0) {
        dispatch({ type: "refused", issues: refused });
        showSummary();
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
      <ConfirmMove
        move={status}
        busy={busy}
        onYes={() => void once(() => move(status))}
        onNo={() => setConfirming(undefined)}
      />
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
      {stored ? (
        <p>
          <a href={`/disenar/${id}/audios`}>{t("prompts.link")}</a>
        </p>
      ) : null}
      {noticeAt("top")}

      {current && versions ? (
        <DesignStatusCard
          current={current}
          drafting={draft !== undefined}
          editing={form.editing}
          latest={latest}
          busy={busy}
          onAsk={ask}
          onEditNext={() => void once(() => editNext(versions))}
          preview={previewButton}
          confirm={[confirm("closed"), confirm("published")]}
        />
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
          {form.summary.length > 0 ? <DesignSummary issues={form.summary} focusRef={summaryRef} /> : null}
          <DesignEditor draft={draft} issueAt={issueAt} onChange={edit} />
          <div class="design-actions">
            {noticeAt("form")}
            {form.dirty ? <p class="hint">{t("design.unsaved")}</p> : null}
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

      {versions ? <DesignVersions versions={versions.versions} /> : null}
    </section>
  );
}
