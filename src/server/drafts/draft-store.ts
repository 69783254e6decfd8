// Participatory drafting's storage (issue #13): a draft is created with version 1 being edited; an organizer edits
// the version being edited and publishes it; comments and amendments land on the latest published version; every
// one is answered before the next version is published; the next version starts as a copy of the published one.
import { type Kysely, PostgresAdapter, sql, type Transaction } from "kysely";
import { uuidv7 } from "uuidv7";
import { canonicalJson } from "../../domain/canonical-json";
import {
  type DraftSection,
  numbered,
  type SectionChange,
  sectionDiff,
  sectionsFromMarkdown,
} from "../../domain/drafting";
import type {
  CommentResponse,
  DraftCommentView,
  DraftEdit,
  DraftListing,
  DraftView,
  NewDraft,
  NewDraftComment,
} from "../../domain/drafts";
import type { LocalizedText } from "../../domain/localized-text";
import type { Database } from "../storage/schema";

type Db = Kysely<Database> | Transaction<Database>;

export class DraftRefusal extends Error {
  constructor(
    readonly reason:
      | "unknown-draft"
      | "id-reused"
      | "not-editing"
      | "edit-conflict"
      | "unknown-section"
      | "unknown-input"
      | "not-published"
      | "unanswered"
      | "amendment-text"
      | "already-answered"
      | "unknown-comment",
    readonly count = 0,
  ) {
    super(reason);
  }
}

const sectionsOf = (json: string) => JSON.parse(json) as DraftSection[];

/** Creates a draft with version 1 being edited, its sections read from Markdown; the same create again is one. */
export async function createDraft(db: Kysely<Database>, draft: NewDraft, organizerId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("drafts").selectAll().where("id", "=", draft.id).executeTakeFirst();
    if (existing) {
      // The same create again (its answer was lost) is the same draft; another draft under this id is refused.
      const same =
        existing.title === JSON.stringify(draft.title) &&
        existing.consultation_id === (draft.consultationId ?? null) &&
        existing.created_by === organizerId;
      if (!same) throw new DraftRefusal("id-reused");
      return { created: false };
    }
    const at = now.toISOString();
    await trx
      .insertInto("drafts")
      .values({
        id: draft.id,
        title: JSON.stringify(draft.title),
        consultation_id: draft.consultationId ?? null,
        created_by: organizerId,
        created_at: at,
      })
      .execute();
    await trx
      .insertInto("draft_versions")
      .values({
        draft_id: draft.id,
        version: 1,
        sections: JSON.stringify(sectionsFromMarkdown(draft.markdown, uuidv7)),
        status: "editing",
        updated_at: at,
        published_at: null,
      })
      .execute();
    return { created: true };
  });
}

async function versionRow(db: Db, draftId: string, version?: number) {
  let query = db.selectFrom("draft_versions").selectAll().where("draft_id", "=", draftId);
  query = version === undefined ? query.orderBy("version", "desc") : query.where("version", "=", version);
  return query.executeTakeFirst();
}

/** Replaces the sections of the version being edited. Sections keep their ids; new ones get one. */
export async function editDraft(
  db: Kysely<Database>,
  draftId: string,
  edit: DraftEdit,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const latest = await versionRow(trx, draftId);
    if (!latest) throw new DraftRefusal("unknown-draft");
    if (latest.status !== "editing") throw new DraftRefusal("not-editing");
    if (edit.baseUpdatedAt && edit.baseUpdatedAt !== latest.updated_at)
      throw new DraftRefusal("edit-conflict");
    const known = new Set(sectionsOf(latest.sections).map((section) => section.id));
    const previous = await versionRow(trx, draftId, latest.version - 1);
    for (const section of previous ? sectionsOf(previous.sections) : []) known.add(section.id);
    const sections: DraftSection[] = edit.sections.map((section) => {
      if (section.id && !known.has(section.id)) throw new DraftRefusal("unknown-section");
      return { id: section.id ?? uuidv7(), heading: section.heading, text: section.text };
    });
    await trx
      .updateTable("draft_versions")
      .set({ sections: JSON.stringify(sections), updated_at: now.toISOString() })
      .where("draft_id", "=", draftId)
      .where("version", "=", latest.version)
      .where("status", "=", "editing")
      .execute();
  });
}

/**
 * Publishes the version being edited. Every comment and amendment on the version before it must have its answer
 * first: the people who wrote them see what was done with their words before the text moves on.
 */
export async function publishDraft(db: Kysely<Database>, draftId: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockDraft(trx, draftId);
    const latest = await versionRow(trx, draftId);
    if (!latest) throw new DraftRefusal("unknown-draft");
    if (latest.status !== "editing") throw new DraftRefusal("not-editing");
    const unanswered = await trx
      .selectFrom("draft_comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("draft_id", "=", draftId)
      .where("version", "=", latest.version - 1)
      .where("outcome", "is", null)
      .executeTakeFirst();
    if (Number(unanswered?.n ?? 0) > 0) throw new DraftRefusal("unanswered", Number(unanswered?.n));
    await trx
      .updateTable("draft_versions")
      .set({ status: "published", published_at: now.toISOString(), updated_at: now.toISOString() })
      .where("draft_id", "=", draftId)
      .where("version", "=", latest.version)
      .execute();
    return latest.version;
  });
}

/** Starts the next version as a copy of the published one (idempotent: an edited version already there is kept). */
export async function startNextVersion(db: Kysely<Database>, draftId: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const latest = await versionRow(trx, draftId);
    if (!latest) throw new DraftRefusal("unknown-draft");
    if (latest.status === "editing") return latest.version;
    await trx
      .insertInto("draft_versions")
      .values({
        draft_id: draftId,
        version: latest.version + 1,
        sections: latest.sections,
        status: "editing",
        updated_at: now.toISOString(),
        published_at: null,
      })
      .execute();
    return latest.version + 1;
  });
}

/** A comment or amendment on a section of the latest published version; a re-send with the same id is one. */
export async function addComment(
  db: Kysely<Database>,
  draftId: string,
  comment: NewDraftComment,
  from: { channel: "web" },
  now: Date,
): Promise<{ created: boolean; comment: DraftCommentView }> {
  const body = canonicalJson({ draftId, ...comment });
  return db.transaction().execute(async (trx) => {
    const sent = await trx
      .selectFrom("draft_comments")
      .selectAll()
      .where("id", "=", comment.id)
      .executeTakeFirst();
    if (sent) {
      if (sent.body !== body) throw new DraftRefusal("id-reused");
      return { created: false, comment: commentView(sent) };
    }
    const { version } = await commentTarget(trx, draftId, comment);
    const row = commentRow(draftId, version, comment, from, now.toISOString(), body);
    await trx.insertInto("draft_comments").values(row).execute();
    return { created: true, comment: commentView(row) };
  });
}

/**
 * The published version a new comment lands on (the latest) and the draft's consultation, if the comment may be
 * kept: an amendment proposes a text and a comment does not, its section is in that version, and it names no
 * input twice. Which cited inputs exist is the caller's to ask (`citedInputs`): a field comment's may arrive in the
 * same batch, and the web cites none.
 */
export async function commentTarget(
  trx: Db,
  draftId: string,
  comment: Pick<NewDraftComment, "kind" | "proposedText" | "sectionId" | "inputIds">,
): Promise<{ version: number; consultationId: string | null }> {
  await lockDraft(trx, draftId);
  if ((comment.kind === "amendment") !== (comment.proposedText !== undefined))
    throw new DraftRefusal("amendment-text");
  const published = await trx
    .selectFrom("draft_versions")
    .innerJoin("drafts", "drafts.id", "draft_versions.draft_id")
    .select(["draft_versions.version", "draft_versions.sections", "drafts.consultation_id"])
    .where("draft_id", "=", draftId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!published) throw new DraftRefusal("not-published");
  if (!sectionsOf(published.sections).some((section) => section.id === comment.sectionId))
    throw new DraftRefusal("unknown-section");
  const cited = comment.inputIds ?? [];
  if (new Set(cited).size !== cited.length) throw new DraftRefusal("unknown-input");
  return { version: published.version, consultationId: published.consultation_id };
}

/** Which of `ids` are inputs of the consultation, in the order given. */
export async function citedInputs(
  trx: Db,
  consultationId: string | null,
  ids: readonly string[],
): Promise<string[]> {
  if (!consultationId || ids.length === 0) return [];
  const rows = await trx
    .selectFrom("inputs")
    .select("id")
    .where("id", "in", [...ids])
    .where("consultation_id", "=", consultationId)
    .execute();
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => found.has(id));
}

/**
 * Holds the draft for the rest of the transaction (PostgreSQL; SQLite runs one writer at a time): a comment and a
 * publication never interleave, so no comment lands on a version after its successor was published unanswered.
 */
export async function lockDraft(trx: Db, draftId: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select id from drafts where id = ${draftId} for update`.execute(trx);
}

/** The row of a new comment, from the web or from a facilitator's phone. */
export function commentRow(
  draftId: string,
  version: number,
  comment: NewDraftComment,
  from: { channel: "web" } | { channel: "field"; deviceId: string; readVersion: number },
  createdAt: string,
  body: string,
): Database["draft_comments"] {
  return {
    id: comment.id,
    draft_id: draftId,
    version,
    section_id: comment.sectionId,
    kind: comment.kind,
    text: comment.text,
    proposed_text: comment.proposedText ?? null,
    input_ids: comment.inputIds?.length ? JSON.stringify(comment.inputIds) : null,
    read_version: from.channel === "field" ? from.readVersion : null,
    channel: from.channel,
    device_id: from.channel === "field" ? from.deviceId : null,
    created_at: createdAt,
    body,
    outcome: null,
    reason: null,
    responded_by: null,
    responded_at: null,
  };
}

/** The organizer's answer to a comment or amendment: given once; the reason is public. */
export async function answerComment(
  db: Kysely<Database>,
  commentId: string,
  response: CommentResponse,
  organizerId: string,
  now: Date,
): Promise<DraftCommentView> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("draft_comments")
      .selectAll()
      .where("id", "=", commentId)
      .executeTakeFirst();
    if (!row) throw new DraftRefusal("unknown-comment");
    if (row.outcome) {
      if (row.outcome === response.outcome && row.reason === response.reason) return commentView(row);
      throw new DraftRefusal("already-answered");
    }
    const answered = {
      ...row,
      outcome: response.outcome,
      reason: response.reason,
      responded_by: organizerId,
      responded_at: now.toISOString(),
    };
    const written = await trx
      .updateTable("draft_comments")
      .set({
        outcome: answered.outcome,
        reason: answered.reason,
        responded_by: organizerId,
        responded_at: answered.responded_at,
      })
      .where("id", "=", commentId)
      .where("outcome", "is", null)
      .executeTakeFirst();
    // Another organizer answered it between the read and the write: theirs stands.
    if (Number(written.numUpdatedRows) === 0) throw new DraftRefusal("already-answered");
    return commentView(answered);
  });
}

function commentView(row: Database["draft_comments"]): DraftCommentView {
  return {
    id: row.id,
    version: row.version,
    sectionId: row.section_id,
    kind: row.kind,
    text: row.text,
    proposedText: row.proposed_text,
    inputIds: row.input_ids ? (JSON.parse(row.input_ids) as string[]) : [],
    readVersion: row.read_version,
    channel: row.channel,
    createdAt: row.created_at,
    response:
      row.outcome && row.reason && row.responded_at
        ? { outcome: row.outcome, reason: row.reason, respondedAt: row.responded_at }
        : null,
  };
}

/**
 * A draft as shown: `version` (or, for the public, the latest published one; for organizers, the latest of all)
 * with its sections and the comments on it. Undefined when there is nothing to show.
 */
export async function draftView(
  db: Db,
  draftId: string,
  { version, publicOnly }: { version?: number; publicOnly: boolean },
): Promise<DraftView | undefined> {
  const draft = await db.selectFrom("drafts").selectAll().where("id", "=", draftId).executeTakeFirst();
  if (!draft) return undefined;
  const versions = await db
    .selectFrom("draft_versions")
    .select(["version", "status", "published_at", "sections", "updated_at"])
    .where("draft_id", "=", draftId)
    .orderBy("version")
    .execute();
  const visible = versions.filter((v) => !publicOnly || v.status === "published");
  const shown = version === undefined ? visible.at(-1) : visible.find((v) => v.version === version);
  if (!shown) return undefined;
  // While a version is being edited, the comments to show (and answer) are the published one's before it.
  const commented = shown.status === "editing" ? shown.version - 1 : shown.version;
  const comments = await db
    .selectFrom("draft_comments")
    .selectAll()
    .where("draft_id", "=", draftId)
    .where("version", "=", commented)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return {
    id: draft.id,
    title: JSON.parse(draft.title) as LocalizedText,
    consultationId: draft.consultation_id,
    version: shown.version,
    updatedAt: shown.updated_at,
    sections: numbered(sectionsOf(shown.sections)),
    versions: visible.map((v) => ({ version: v.version, status: v.status, publishedAt: v.published_at })),
    comments: comments.map(commentView),
  };
}

/** Every draft for organizers, newest first: its latest version and status, and comments still unanswered. */
export async function organizerDrafts(db: Db): Promise<DraftListing[]> {
  const drafts = await db.selectFrom("drafts").select(["id", "title"]).orderBy("id", "desc").execute();
  const versions = await db
    .selectFrom("draft_versions")
    .select(["draft_id", "version", "status"])
    .orderBy("version")
    .execute();
  const waiting = await db
    .selectFrom("draft_comments")
    .select("draft_id")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("outcome", "is", null)
    .groupBy("draft_id")
    .execute();
  return drafts.map((draft) => {
    const latest = versions.filter((v) => v.draft_id === draft.id).at(-1);
    return {
      id: draft.id,
      title: JSON.parse(draft.title) as LocalizedText,
      version: latest?.version ?? 1,
      status: latest?.status ?? "editing",
      unanswered: Number(waiting.find((w) => w.draft_id === draft.id)?.count ?? 0),
    };
  });
}

/** Drafts with at least one published version, for the public list. */
export async function publicDrafts(db: Db) {
  const rows = await db
    .selectFrom("drafts")
    .innerJoin("draft_versions", "draft_versions.draft_id", "drafts.id")
    .select(["drafts.id", "drafts.title"])
    .select((eb) => eb.fn.max("draft_versions.version").as("version"))
    .where("draft_versions.status", "=", "published")
    .groupBy(["drafts.id", "drafts.title"])
    .orderBy("drafts.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: JSON.parse(row.title) as LocalizedText,
    version: Number(row.version),
  }));
}

export type SectionChangeWithCause = SectionChange & {
  /** The amendments to this section on the older version that were accepted (in whole or in part). */
  causes: DraftCommentView[];
};

/** What changed from published version `from` to published version `to`, each change with its amendments. */
export async function draftDiff(
  db: Db,
  draftId: string,
  from: number,
  to: number,
): Promise<SectionChangeWithCause[] | undefined> {
  const older = await draftView(db, draftId, { version: from, publicOnly: true });
  const newer = await draftView(db, draftId, { version: to, publicOnly: true });
  if (!older || !newer || from >= to) return undefined;
  const accepted = older.comments.filter(
    (c) =>
      c.kind === "amendment" &&
      (c.response?.outcome === "accepted" || c.response?.outcome === "partly_accepted"),
  );
  return sectionDiff(older.sections, newer.sections).map((change) => {
    const sectionId = "before" in change ? change.before.id : change.after.id;
    return {
      ...change,
      causes: change.kind === "unchanged" ? [] : accepted.filter((c) => c.sectionId === sectionId),
    };
  });
}
