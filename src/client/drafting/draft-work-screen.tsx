// /redaccion: the organizer's side of participatory drafting. The list of drafts and a form to start one from
// Markdown (typed or imported from a .md file); /redaccion/:id edits the version being edited section by section,
// answers every comment and amendment with a public reason, publishes, and starts the next version.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { z } from "zod/mini";
import {
  type DraftCommentView,
  DraftListing,
  DraftView,
  RESPONSE_OUTCOMES,
  type ResponseOutcome,
} from "../../domain/drafts";
import { localize } from "../../domain/language-codes";
import { Problem } from "../../domain/problem";
import { type ConsultationSummary, ConsultationsAnswer } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";
import { type Notice, NoticeLine } from "../ui/notice-line";
import { CommentItem } from "./drafts-screen";

const ListAnswer = z.object({ drafts: z.array(DraftListing) });
const DraftAnswer = z.object({ draft: DraftView });
type Say = NonNullable<Notice>;

export function DraftWorkScreen() {
  const { params } = useRoute();
  return params.id ? <DraftEditor id={params.id} /> : <DraftWorkList />;
}

/** Sends JSON as the signed-in organizer; the answer read through `schema`, or what to say instead. */
async function send<S extends z.ZodMiniType>(
  method: string,
  url: string,
  body: unknown,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; say: Say; problem?: Problem }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  if (!response) return { ok: false, say: { key: "drafting.work.offlineAction", error: true } };
  if (response.ok) {
    const data = await readAnswer(response, schema);
    if (data !== undefined) return { ok: true, data };
    return { ok: false, say: { key: "staff.unreadable", error: true } };
  }
  const problem = await readAnswer(response, Problem);
  if (response.status === 401 || response.status === 403)
    return { ok: false, say: { key: "drafting.work.signIn", error: true } };
  return { ok: false, say: { key: "drafting.work.failed", error: true }, problem };
}

function DraftWorkList() {
  const { t, language, plural } = useI18n();
  const [loaded, setLoaded] = useState<
    StaffLoad<{ drafts: DraftListing[]; consultations: ConsultationSummary[] }>
  >({ state: "loading" });
  useEffect(() => {
    void (async () => {
      const drafts = await loadStaffJson("/api/v1/organizer/drafts", ListAnswer);
      if (drafts.state !== "ready") return setLoaded(drafts);
      const consultations = await loadStaffJson("/api/v1/organizer/consultations", ConsultationsAnswer);
      if (consultations.state !== "ready") return setLoaded(consultations);
      setLoaded({
        state: "ready",
        data: { drafts: drafts.data.drafts, consultations: consultations.data.consultations },
      });
    })();
  }, []);
  return (
    <section>
      <h1>{t("drafting.work.title")}</h1>
      <p>{t("drafting.work.intro")}</p>
      {loaded.state !== "ready" ? (
        <StaffGate state={loaded.state} signIn="drafting.work.signIn" offline="drafting.work.offline" />
      ) : (
        <>
          <h2>{t("drafting.work.list")}</h2>
          {loaded.data.drafts.length === 0 ? (
            <p class="empty-state">{t("drafting.work.none")}</p>
          ) : (
            <ul class="list">
              {loaded.data.drafts.map((draft) => (
                <li key={draft.id} class="card" data-testid="work-draft">
                  <a href={`/redaccion/${draft.id}`}>{localize(draft.title, language)}</a>
                  <p class="hint">
                    {t(`drafting.work.status.${draft.status}`, { n: draft.version })}
                    {draft.unanswered > 0 ? ` · ${plural("drafting.work.unanswered", draft.unanswered)}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <NewDraftForm consultations={loaded.data.consultations} />
        </>
      )}
    </section>
  );
}

function NewDraftForm({ consultations }: { consultations: ConsultationSummary[] }) {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [markdown, setMarkdown] = useState("");
  const [consultationId, setConsultationId] = useState("");
  const [say, setSay] = useState<Say>();
  const [busy, setBusy] = useState(false);
  const [id] = useState(uuidv7);
  const [invalid, setInvalid] = useState<Set<"title" | "markdown">>(new Set());

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const wrong = new Set<"title" | "markdown">();
    if (!title.trim()) wrong.add("title");
    if (!markdown.trim()) wrong.add("markdown");
    setInvalid(wrong);
    if (wrong.size > 0) return setSay(undefined);
    setBusy(true);
    const sent = await send(
      "POST",
      "/api/v1/organizer/drafts",
      { id, title: { es: title.trim() }, markdown, ...(consultationId ? { consultationId } : {}) },
      DraftAnswer,
    );
    setBusy(false);
    if (!sent.ok) return setSay(sent.say);
    location.assign(`/redaccion/${sent.data.draft.id}`);
  }

  return (
    <form class="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-draft">
      <h2 id="new-draft">{t("drafting.work.new")}</h2>
      <div class="field">
        <label for="draft-title">{t("drafting.work.titleField")}</label>
        <input
          id="draft-title"
          value={title}
          maxLength={300}
          aria-invalid={invalid.has("title")}
          aria-describedby={invalid.has("title") ? "draft-title-error" : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        {invalid.has("title") ? (
          <p id="draft-title-error" class="error-text">
            {t("drafting.work.titleMissing")}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for="draft-consultation">{t("drafting.work.consultation")}</label>
        <select
          id="draft-consultation"
          value={consultationId}
          onChange={(e) => setConsultationId(e.currentTarget.value)}
        >
          <option value="">{t("drafting.work.noConsultation")}</option>
          {consultations.map((consultation) => (
            <option key={consultation.id} value={consultation.id}>
              {consultation.title}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="draft-file">{t("drafting.work.import")}</label>
        <input
          id="draft-file"
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(setMarkdown);
          }}
        />
      </div>
      <div class="field">
        <label for="draft-markdown">{t("drafting.work.markdown")}</label>
        <p id="draft-markdown-hint" class="hint">
          {t("drafting.work.markdownHint")}
        </p>
        <textarea
          id="draft-markdown"
          rows={12}
          value={markdown}
          aria-describedby={
            invalid.has("markdown") ? "draft-markdown-hint draft-markdown-error" : "draft-markdown-hint"
          }
          aria-invalid={invalid.has("markdown")}
          onInput={(e) => setMarkdown(e.currentTarget.value)}
        />
        {invalid.has("markdown") ? (
          <p id="draft-markdown-error" class="error-text">
            {t("drafting.work.markdownMissing")}
          </p>
        ) : null}
      </div>
      <NoticeLine notice={say} />
      <button type="submit" class="button button-primary" disabled={busy}>
        {t("drafting.work.create")}
      </button>
    </form>
  );
}

interface Editing {
  draft: DraftView;
  /** The sections of the version the comments shown were written on (the published one before, while editing). */
  commented: DraftView["sections"];
}

function DraftEditor({ id }: { id: string }) {
  const { t, language, plural } = useI18n();
  const [loaded, setLoaded] = useState<StaffLoad<Editing>>({ state: "loading" });
  const [say, setSay] = useState<Say>();
  const reload = async () => {
    const answer = await loadStaffJson(`/api/v1/organizer/drafts/${id}`, DraftAnswer);
    if (answer.state !== "ready") return setLoaded(answer);
    const draft = answer.data.draft;
    const editing = draft.versions.at(-1)?.status === "editing";
    if (!editing || draft.version === 1)
      return setLoaded({ state: "ready", data: { draft, commented: draft.sections } });
    // Comments are labelled by the sections they were written on: the edited version may have moved them.
    const before = await loadStaffJson(
      `/api/v1/public/drafts/${id}?version=${draft.version - 1}`,
      DraftAnswer,
    );
    if (before.state !== "ready") return setLoaded(before);
    setLoaded({ state: "ready", data: { draft, commented: before.data.draft.sections } });
  };
  useEffect(() => {
    void reload();
  }, [id]);
  if (loaded.state !== "ready")
    return (
      <section>
        <h1>{t("drafting.work.title")}</h1>
        <StaffGate state={loaded.state} signIn="drafting.work.signIn" offline="drafting.work.offline" />
      </section>
    );
  const { draft, commented } = loaded.data;
  const latest = draft.versions.at(-1)!;
  const editing = latest.status === "editing";
  const unanswered = draft.comments.filter((c) => !c.response).length;
  const answeredVersion = editing ? draft.version - 1 : draft.version;

  async function publish() {
    const sent = await send(
      "POST",
      `/api/v1/organizer/drafts/${id}/publish`,
      {},
      z.object({ version: z.number() }),
    );
    setSay(
      sent.ok ? { key: "drafting.work.published", params: { n: sent.data.version }, error: false } : sent.say,
    );
    await reload();
  }
  async function next() {
    const sent = await send(
      "POST",
      `/api/v1/organizer/drafts/${id}/next`,
      {},
      z.object({ version: z.number() }),
    );
    if (!sent.ok) setSay(sent.say);
    else setSay(undefined);
    await reload();
  }

  return (
    <section>
      <p>
        <a href="/redaccion">{t("drafting.work.back")}</a>
      </p>
      <h1>{localize(draft.title, language)}</h1>
      <p data-testid="work-status">
        {t(`drafting.work.status.${latest.status}`, { n: latest.version })}
        {draft.versions.some((v) => v.status === "published") ? (
          <>
            {" · "}
            <a href={`/borradores/${id}`}>{t("drafting.work.public")}</a>
          </>
        ) : null}
      </p>
      <NoticeLine notice={say} />
      {editing ? (
        <SectionsEditor key={draft.updatedAt} draft={draft} onSaved={reload} />
      ) : (
        <button type="button" class="button" onClick={() => void next()}>
          {t("drafting.work.next", { n: draft.version + 1 })}
        </button>
      )}
      {answeredVersion >= 1 ? (
        <section aria-labelledby="to-answer">
          <h2 id="to-answer">{t("drafting.work.toAnswer", { n: answeredVersion })}</h2>
          {draft.comments.length === 0 ? <p class="empty-state">{t("drafting.work.noComments")}</p> : null}
          <ol class="list">
            {draft.comments.map((comment) => {
              const section = commented.find((s) => s.id === comment.sectionId);
              return (
                <li key={comment.id} class="card" data-testid="work-comment">
                  {section ? (
                    <p class="hint">
                      {t("drafting.section", { n: section.number, heading: section.heading })}
                    </p>
                  ) : null}
                  <ul class="list">
                    <CommentItem comment={comment} consultationId={draft.consultationId} />
                  </ul>
                  {comment.response ? null : <AnswerForm comment={comment} onAnswered={reload} />}
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {editing ? (
        <p>
          {unanswered > 0 ? (
            <span class="hint" role="status">
              {plural("drafting.work.mustAnswer", unanswered)}{" "}
            </span>
          ) : null}
          <button
            type="button"
            class="button button-primary"
            disabled={unanswered > 0}
            onClick={() => void publish()}
          >
            {t("drafting.work.publish", { n: draft.version })}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function SectionsEditor({ draft, onSaved }: { draft: DraftView; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const [sections, setSections] = useState(
    draft.sections.map(({ id, heading, text }) => ({ id: id as string | undefined, key: id, heading, text })),
  );
  const [say, setSay] = useState<Say>();
  const [busy, setBusy] = useState(false);
  const change = (index: number, patch: Partial<{ heading: string; text: string }>) =>
    setSections((now) => now.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const sent = await send(
      "PUT",
      `/api/v1/organizer/drafts/${draft.id}/sections`,
      {
        sections: sections.map(({ id, heading, text }) => ({ ...(id ? { id } : {}), heading, text })),
        // Saving over another organizer's change since this page read the version is refused (409).
        baseUpdatedAt: draft.updatedAt,
      },
      DraftAnswer,
    );
    setBusy(false);
    if (!sent.ok) {
      if (sent.problem?.status === 409) {
        setSay({ key: "drafting.work.conflict", error: true });
        await onSaved();
        return;
      }
      return setSay(sent.say);
    }
    setSay({ key: "drafting.work.saved", error: false });
    await onSaved();
  }

  return (
    <form class="card" onSubmit={(event) => void save(event)} noValidate aria-labelledby="edit-sections">
      <h2 id="edit-sections">{t("drafting.work.edit", { n: draft.version })}</h2>
      {sections.map((section, index) => (
        <fieldset key={section.key} class="field draft-edit">
          <legend>{t("drafting.section", { n: index + 1, heading: section.heading })}</legend>
          <label for={`h-${section.key}`}>{t("drafting.work.heading", { n: index + 1 })}</label>
          <input
            id={`h-${section.key}`}
            value={section.heading}
            maxLength={300}
            onInput={(e) => change(index, { heading: e.currentTarget.value })}
          />
          <label for={`t-${section.key}`}>{t("drafting.work.text", { n: index + 1 })}</label>
          <textarea
            id={`t-${section.key}`}
            rows={6}
            value={section.text}
            onInput={(e) => change(index, { text: e.currentTarget.value })}
          />
          {sections.length > 1 ? (
            <button
              type="button"
              class="link-button"
              onClick={() => setSections((now) => now.filter((_, i) => i !== index))}
            >
              {t("drafting.work.removeSection", { n: index + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p class="actions">
        <button
          type="button"
          class="button"
          onClick={() =>
            setSections((now) => [...now, { id: undefined, key: uuidv7(), heading: "", text: "" }])
          }
        >
          {t("drafting.work.addSection")}
        </button>
        <button type="submit" class="button button-primary" disabled={busy}>
          {t("drafting.work.save")}
        </button>
      </p>
      <NoticeLine notice={say} />
    </form>
  );
}

function AnswerForm({ comment, onAnswered }: { comment: DraftCommentView; onAnswered: () => Promise<void> }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ResponseOutcome>();
  const [reason, setReason] = useState("");
  const [say, setSay] = useState<Say>();
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<Set<"outcome" | "reason">>(new Set());
  const name = `a-${comment.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const wrong = new Set<"outcome" | "reason">();
    if (!outcome) wrong.add("outcome");
    if (reason.trim().length < 5) wrong.add("reason");
    setInvalid(wrong);
    setSay(undefined);
    if (wrong.size > 0) return;
    setBusy(true);
    const sent = await send(
      "PUT",
      `/api/v1/organizer/draft-comments/${comment.id}/response`,
      { outcome, reason: reason.trim() },
      z.object({ comment: z.unknown() }),
    );
    setBusy(false);
    if (!sent.ok) return setSay(sent.say);
    await onAnswered();
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="answer-form">
      <fieldset
        class="field"
        aria-invalid={invalid.has("outcome")}
        aria-describedby={invalid.has("outcome") ? `${name}-outcome-error` : undefined}
      >
        <legend>{t("drafting.work.outcome")}</legend>
        {RESPONSE_OUTCOMES.map((option) => (
          <label key={option} class="choice">
            <input
              type="radio"
              name={name}
              value={option}
              checked={outcome === option}
              onChange={() => setOutcome(option)}
            />
            {t(`drafting.outcome.${option}`)}
          </label>
        ))}
        {invalid.has("outcome") ? (
          <p id={`${name}-outcome-error`} class="error-text">
            {t("drafting.work.outcomeMissing")}
          </p>
        ) : null}
      </fieldset>
      <div class="field">
        <label for={`${name}-reason`}>{t("drafting.work.reason")}</label>
        <textarea
          id={`${name}-reason`}
          rows={3}
          maxLength={2000}
          value={reason}
          aria-invalid={invalid.has("reason")}
          aria-describedby={invalid.has("reason") ? `${name}-reason-error` : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        {invalid.has("reason") ? (
          <p id={`${name}-reason-error`} class="error-text">
            {t("drafting.work.reasonMissing")}
          </p>
        ) : null}
      </div>
      <NoticeLine notice={say} />
      <button type="submit" class="button" disabled={busy}>
        {t("drafting.work.reply")}
      </button>
    </form>
  );
}
