// Participatory drafting for everyone: /borradores lists the texts open for comment, /borradores/:id shows the
// current version (or ?version=N) section by section with every comment and its public answer, and a form under
// each section; /borradores/:id/cambios?desde=N&hasta=M shows what changed and which accepted amendment caused it.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import type { DraftCommentView, DraftView } from "../../domain/drafts";
import { localize } from "../../domain/language-codes";
import type { StoredDraftComment } from "../db/database";
import { loadDatabase, useLazyLiveQuery } from "../db/lazy-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { localDate } from "../ui/local-date";
import { NotReady } from "../ui/not-ready";
import { CommentForm, useFieldPhone } from "./comment-form";
import { DraftChanges } from "./draft-changes";
import { type DraftListingItem, type Loaded, loadDraft, loadDraftList, paragraphs } from "./draft-data";

export function DraftsScreen() {
  const { params } = useRoute();
  const { path, query } = useLocation();
  if (!params.id) return <DraftList />;
  if (path.endsWith("/cambios"))
    return <DraftChanges id={params.id} from={Number(query.desde)} to={Number(query.hasta)} />;
  const version = query.version ? Number(query.version) : undefined;
  return <DraftPage id={params.id} version={Number.isInteger(version) ? version : undefined} />;
}

export const NOT_READY = {
  offline: "drafting.offline",
  missing: "drafting.notFound",
  failed: "drafting.failed",
} as const;

function DraftList() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded<DraftListingItem[]>>({ state: "loading" });
  useEffect(() => {
    void loadDraftList().then(setLoaded);
  }, []);
  return (
    <section>
      <h1>{t("drafting.title")}</h1>
      <p>{t("drafting.intro")}</p>
      {loaded.state !== "ready" ? (
        <NotReady state={loaded.state} say={NOT_READY} />
      ) : loaded.data.length === 0 ? (
        <p class="empty-state">{t("drafting.none")}</p>
      ) : (
        <ul class="list">
          {loaded.data.map((draft) => (
            <li key={draft.id} class="card" data-testid="draft">
              <a href={`/borradores/${draft.id}`}>{localize(draft.title, language)}</a>
              <p class="hint">{t("drafting.version", { n: draft.version })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DraftPage({ id, version }: { id: string; version: number | undefined }) {
  const { t, language, formatDate, formatDateTime } = useI18n();
  const [loaded, setLoaded] = useState<Loaded<DraftView>>({ state: "loading" });
  useEffect(() => {
    setLoaded({ state: "loading" });
    void loadDraft(id, version).then(setLoaded);
  }, [id, version]);
  // After a comment is sent, read past the browser's cache so the page shows it.
  const reload = () => loadDraft(id, version, true).then(setLoaded);
  const consultationId = loaded.state === "ready" ? loaded.data.consultationId : null;
  const phone = useFieldPhone(consultationId);
  const kept =
    useLazyLiveQuery(
      (db) =>
        db.draftComments
          .where("draftId")
          .equals(id)
          .toArray()
          .catch(() => []),
      [id],
    ) ?? [];
  if (loaded.state !== "ready") {
    return (
      <section>
        <p>
          <a href="/borradores">{t("drafting.back")}</a>
        </p>
        <h1>{t("drafting.title")}</h1>
        <NotReady state={loaded.state} say={NOT_READY} />
      </section>
    );
  }
  const draft = loaded.data;
  const published = draft.versions.filter((v) => v.status === "published");
  const latest = published.at(-1)?.version ?? draft.version;
  const current = draft.versions.find((v) => v.version === draft.version);
  // The phone's own copy takes comments too: a facilitator's are kept and sent when the signal comes back.
  const commentable = draft.version === latest;
  return (
    <article>
      <p>
        <a href="/borradores">{t("drafting.back")}</a>
      </p>
      <h1>{localize(draft.title, language)}</h1>
      {loaded.savedAt ? (
        <p class="status-line" role="status">
          {t("drafting.savedCopy", { date: formatDateTime(loaded.savedAt) })}
        </p>
      ) : null}
      <p data-testid="draft-version">
        {current?.publishedAt
          ? t("drafting.versionPublished", {
              n: draft.version,
              date: formatDate(localDate(new Date(current.publishedAt)), "long"),
            })
          : t("drafting.version", { n: draft.version })}
      </p>
      {published.length > 1 ? (
        <nav aria-label={t("drafting.versions")} class="more-links">
          {published.map((v) =>
            v.version === draft.version ? (
              <span key={v.version} aria-current="page">
                {t("drafting.version", { n: v.version })}
              </span>
            ) : (
              <a
                key={v.version}
                href={v.version === latest ? `/borradores/${id}` : `/borradores/${id}?version=${v.version}`}
              >
                {t("drafting.version", { n: v.version })}
                {v.version === latest ? ` (${t("drafting.latest")})` : ""}
              </a>
            ),
          )}
        </nav>
      ) : null}
      {draft.version > 1 && published.some((v) => v.version === draft.version - 1) ? (
        <p>
          <a
            href={`/borradores/${id}/cambios?desde=${draft.version - 1}&hasta=${draft.version}`}
            data-testid="changes-link"
          >
            {t("drafting.changesLink", { from: draft.version - 1, to: draft.version })}
          </a>
        </p>
      ) : null}
      <PhoneComments kept={kept} />
      {draft.sections.map((section) => {
        const comments = draft.comments.filter((c) => c.sectionId === section.id);
        return (
          <section
            key={section.id}
            class="card draft-section"
            aria-labelledby={`s-${section.id}`}
            data-testid="draft-section"
          >
            <h2 id={`s-${section.id}`}>
              {section.heading
                ? t("drafting.section", { n: section.number, heading: section.heading })
                : `${section.number}.`}
            </h2>
            <div class="draft-text">
              {paragraphs(section.text).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
            {comments.length > 0 ? (
              <ol class="history" data-testid="comments">
                {comments.map((comment) => (
                  <CommentItem key={comment.id} comment={comment} consultationId={draft.consultationId} />
                ))}
              </ol>
            ) : null}
            {commentable ? (
              <CommentForm
                key={`${draft.version}-${section.id}`}
                draft={draft}
                sectionId={section.id}
                sectionText={section.text}
                phone={phone}
                onSent={() => void reload()}
              />
            ) : null}
          </section>
        );
      })}
    </article>
  );
}

export function CommentItem({
  comment,
  consultationId,
}: {
  comment: DraftCommentView;
  consultationId: string | null;
}) {
  const { t, plural, formatDateTime } = useI18n();
  const outcome = comment.response ? t(`drafting.outcome.${comment.response.outcome}`) : undefined;
  return (
    <li data-testid="comment" data-kind={comment.kind}>
      <p>
        <strong>{t(`drafting.kind.${comment.kind}`)}</strong> · {t(`drafting.channel.${comment.channel}`)} ·{" "}
        {formatDateTime(comment.createdAt)}
        {comment.readVersion !== null && comment.readVersion !== comment.version
          ? ` · ${t("drafting.readVersion", { n: comment.readVersion })}`
          : ""}
      </p>
      <p class="excerpt">{comment.text}</p>
      {comment.proposedText !== null ? (
        <>
          <p>{t("drafting.proposed")}</p>
          <blockquote class="excerpt">{comment.proposedText}</blockquote>
        </>
      ) : null}
      {comment.inputIds.length > 0 ? (
        <p class="hint">
          {plural("drafting.cites", comment.inputIds.length)}
          {consultationId ? (
            <>
              {" — "}
              <a href={`/devolucion/${consultationId}`}>{t("drafting.seeInputs")}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <p data-testid="answer" class={comment.response ? undefined : "hint"}>
        {comment.response && outcome
          ? t("drafting.answer", { outcome, reason: comment.response.reason })
          : t("drafting.waiting")}
      </p>
    </li>
  );
}

/** What this phone wrote in the field on this draft and where each one stands. */
function PhoneComments({ kept }: { kept: StoredDraftComment[] }) {
  const { t } = useI18n();
  if (kept.length === 0) return null;
  return (
    <section class="card" aria-labelledby="phone-comments" data-testid="phone-comments">
      <h2 id="phone-comments">{t("drafting.phone.title")}</h2>
      <ul class="list">
        {kept.map((comment) => (
          <li key={comment.id} data-testid="phone-comment" data-state={comment.syncState}>
            <p class="excerpt">
              {t(`drafting.kind.${comment.kind}`)}: {comment.text}
            </p>
            <p class={`state-${comment.syncState}`}>
              {comment.syncState === "rejected"
                ? t("drafting.phone.rejected", { reason: t(problemMessageKey(comment.problem)) })
                : t(`drafting.phone.${comment.syncState}`)}
            </p>
            {comment.syncState === "rejected" ? (
              <button
                type="button"
                class="button"
                onClick={() =>
                  void Promise.all([loadDatabase(), import("../db/outbox")]).then(
                    ([db, { discardDraftComment }]) => discardDraftComment(db, comment.id),
                  )
                }
              >
                {t("drafting.phone.discard")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
