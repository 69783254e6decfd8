// Dispositions in the database: set one by one or in bulk (optionally grouped), each change kept in history;
// and the pages of inputs that organizers review and the public reads.
import { type Kysely, sql } from "kysely";
import { uuidv7 } from "uuidv7";
import type { Disposition, DispositionStatus, PublicInput, SetDispositions } from "../../domain/dispositions";
import type { Input } from "../../domain/input";
import { publicWords, type WordsReview } from "../../domain/results/public-words";
import { appendChanges, audienceOfDevice, lockChangelog } from "../storage/changelog";
import type { Database } from "../storage/schema";

type Db = Kysely<Database>;

/** Rows per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 500;
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export type SetOutcome =
  | { ok: true; updated: number; groupId: string | null }
  | { ok: false; unknownInputs: string[] };

/** Sets one disposition on every input named, in one transaction; inputs of another consultation are refused. */
export async function setDispositions(
  db: Db,
  consultationId: string,
  authorId: string,
  change: SetDispositions,
  now: Date,
): Promise<SetOutcome> {
  const ids = [...new Set(change.inputIds)].sort();
  const at = now.toISOString();
  const groupId = change.grouped ? uuidv7() : null;
  return db.transaction().execute(async (trx): Promise<SetOutcome> => {
    // Taken first, as every changelog writer does, so writers lock in one order (storage/changelog.ts).
    await lockChangelog(trx);
    const known = new Map<string, string>();
    for (const part of chunks(ids)) {
      const rows = await trx
        .selectFrom("inputs")
        .select(["id", "device_id"])
        .where("consultation_id", "=", consultationId)
        .where("id", "in", part)
        .execute();
      for (const row of rows) known.set(row.id, row.device_id);
    }
    const unknownInputs = ids.filter((id) => !known.has(id));
    if (unknownInputs.length > 0) return { ok: false, unknownInputs };
    for (const part of chunks(ids)) {
      const rows = part.map((inputId) => ({
        input_id: inputId,
        consultation_id: consultationId,
        status: change.status,
        reason: change.reason,
        group_id: groupId,
        author_id: authorId,
        updated_at: at,
      }));
      await trx
        .insertInto("dispositions")
        .values(rows)
        .onConflict((oc) =>
          oc.column("input_id").doUpdateSet((eb) => ({
            status: eb.ref("excluded.status"),
            reason: eb.ref("excluded.reason"),
            group_id: eb.ref("excluded.group_id"),
            author_id: eb.ref("excluded.author_id"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
      await trx
        .insertInto("disposition_history")
        .values(
          rows.map(({ input_id, status, reason, group_id, author_id }) => ({
            input_id,
            status,
            reason,
            group_id,
            author_id,
            at,
          })),
        )
        .execute();
    }
    // The phone that sent each input learns how it was considered in its next pull.
    await appendChanges(
      trx,
      ids.map((inputId) => ({
        entity: "disposition",
        entityId: inputId,
        entityVersion: 1,
        changedAt: at,
        audience: audienceOfDevice(known.get(inputId)!),
      })),
    );
    return { ok: true, updated: ids.length, groupId };
  });
}

export interface InputPageOptions {
  after?: string;
  limit: number;
  status?: DispositionStatus | "none";
  /** Words to find in what was said (any case). */
  text?: string;
  /**
   * For the public: the text questions ("theme.question") whose answers are words people wrote. An input's words
   * are shown only once reviewed (a disposition, or an organizer's review, with its covered parts).
   */
  isPublicText?: (themeAndQuestion: string) => boolean;
  /** For organizers: which questions are text questions ("theme.question"), listed with each input. */
  isText?: (themeAndQuestion: string) => boolean;
}

/** An input's words review: a disposition, or a "publishable" mark, clears them; covered parts replace them. */
export function wordsReview(
  disposed: boolean,
  review: { publishable: number | null; answers: string | null; free_text: string | null } | null,
): WordsReview {
  return {
    cleared: disposed || Number(review?.publishable) === 1,
    answers: review?.answers ? (JSON.parse(review.answers) as Record<string, string>) : null,
    freeText: review?.free_text ?? null,
  };
}

/** The words reviews of a page of inputs, by input id (those with neither a disposition nor a review: absent). */
export async function wordsReviews(db: Db, ids: string[]): Promise<Map<string, WordsReview>> {
  if (ids.length === 0) return new Map();
  const [disposed, reviewed] = await Promise.all([
    db.selectFrom("dispositions").select("input_id").where("input_id", "in", ids).execute(),
    db
      .selectFrom("input_reviews")
      .select(["input_id", "publishable", "answers", "free_text"])
      .where("input_id", "in", ids)
      .execute(),
  ]);
  const withDisposition = new Set(disposed.map((row) => row.input_id));
  const reviews = new Map(reviewed.map((row) => [row.input_id, row]));
  return new Map(
    [...new Set([...withDisposition, ...reviews.keys()])].map((id) => [
      id,
      wordsReview(withDisposition.has(id), reviews.get(id) ?? null),
    ]),
  );
}

/** A page of a consultation's inputs with their dispositions, by id (keyset), filtered. */
export async function inputPage(
  db: Db,
  consultationId: string,
  options: InputPageOptions,
): Promise<PublicInput[]> {
  let query = db
    .selectFrom("inputs")
    .leftJoin("dispositions", "dispositions.input_id", "inputs.id")
    .leftJoin("input_reviews", "input_reviews.input_id", "inputs.id")
    .select([
      "inputs.id",
      "inputs.payload",
      "inputs.received_at",
      "dispositions.status",
      "dispositions.reason",
      "dispositions.group_id",
      "dispositions.updated_at",
      "input_reviews.publishable",
      "input_reviews.answers as reviewed_answers",
      "input_reviews.free_text as reviewed_free_text",
    ])
    .where("inputs.consultation_id", "=", consultationId)
    .where("inputs.id", ">", options.after ?? "")
    .orderBy("inputs.id")
    .limit(options.limit);
  if (options.status === "none") query = query.where("dispositions.status", "is", null);
  else if (options.status) query = query.where("dispositions.status", "=", options.status);
  const words = (options.text ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  for (const word of words)
    query = query.where(sql<string>`lower(inputs.payload)`, "like", `%${word.replace(/[%_\\]/g, "")}%`);
  const rows = await query.execute();
  const inputs = rows.map((row) => JSON.parse(row.payload) as Input);
  // For organizers: which of the page's recordings and photos have arrived whole.
  const mediaIds = options.isPublicText
    ? []
    : inputs.flatMap((input) => (input.media ?? []).map((m) => m.id));
  const arrived = new Set(
    mediaIds.length === 0
      ? []
      : (
          await db
            .selectFrom("attachments")
            .select("id")
            .where("id", "in", mediaIds)
            .where("state", "=", "complete")
            .execute()
        ).map((attachment) => attachment.id),
  );
  return rows.map((row, index) => {
    const input = inputs[index]!;
    const disposition: Disposition | null = row.status
      ? {
          status: row.status as DispositionStatus,
          reason: row.reason ?? "",
          groupId: row.group_id,
          updatedAt: row.updated_at ?? "",
        }
      : null;
    const reviewed = row.publishable !== null;
    const covered = row.reviewed_answers !== null || row.reviewed_free_text !== null;
    const shown: PublicInput = {
      id: row.id,
      themeId: input.themeId,
      answers: input.answers,
      freeText: input.freeText ?? null,
      receivedAt: row.received_at,
      disposition,
    };
    if (!options.isPublicText) {
      const isText = options.isText;
      return {
        ...shown,
        ...(isText
          ? { textAnswers: Object.keys(input.answers).filter((id) => isText(`${input.themeId}.${id}`)) }
          : {}),
        recordings: (input.media ?? []).map(({ id, kind, questionId, durationMs }) => ({
          id,
          kind,
          ...(questionId === undefined ? {} : { questionId }),
          ...(durationMs === undefined ? {} : { durationMs }),
          arrived: arrived.has(id),
        })),
        review: reviewed ? { publishable: row.publishable === 1, redacted: covered } : null,
      };
    }
    const isText = (questionId: string) => options.isPublicText!(`${input.themeId}.${questionId}`);
    const review = {
      publishable: row.publishable,
      answers: row.reviewed_answers,
      free_text: row.reviewed_free_text,
    };
    const words = publicWords(input, wordsReview(disposition !== null, review), isText);
    return {
      ...shown,
      answers: words.answers,
      freeText: words.freeText,
      ...(words.withheld ? { textWithheld: true } : {}),
      ...(words.redacted ? { redacted: true } : {}),
    };
  });
}

/**
 * Records an organizer's review of an input's words: publishable or not, with covered text answers (only the
 * input's own text answers) and free text. Returns false if there is no such input.
 */
export async function reviewInput(
  db: Db,
  inputId: string,
  review: { publishable: boolean; answers?: Record<string, string>; freeText?: string | null },
  textQuestionsOf: (themeId: string) => ReadonlySet<string>,
  reviewer: string,
  now: Date,
): Promise<"ok" | "not-found" | "not-text"> {
  const row = await db.selectFrom("inputs").select("payload").where("id", "=", inputId).executeTakeFirst();
  if (!row) return "not-found";
  const input = JSON.parse(row.payload) as Input;
  const texts = textQuestionsOf(input.themeId);
  const answers = review.answers ?? {};
  if (Object.keys(answers).some((questionId) => !texts.has(questionId) || !(questionId in input.answers)))
    return "not-text";
  const values = {
    publishable: review.publishable ? 1 : 0,
    answers: Object.keys(answers).length > 0 ? JSON.stringify(answers) : null,
    free_text: review.freeText === undefined ? null : review.freeText,
    reviewed_by: reviewer,
    reviewed_at: now.toISOString(),
  };
  await db
    .insertInto("input_reviews")
    .values({ input_id: inputId, ...values })
    .onConflict((oc) => oc.column("input_id").doUpdateSet(values))
    .execute();
  return "ok";
}

/** How many inputs have each disposition (and none yet). */
export async function dispositionCounts(
  db: Db,
  consultationId: string,
): Promise<Record<DispositionStatus | "none", number>> {
  const total = await db
    .selectFrom("inputs")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("dispositions")
    .select(["status", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("consultation_id", "=", consultationId)
    .groupBy("status")
    .execute();
  const counts = { incorporated: 0, partly_incorporated: 0, not_incorporated: 0, out_of_scope: 0, none: 0 };
  let set = 0;
  for (const row of rows) {
    counts[row.status as DispositionStatus] = Number(row.n);
    set += Number(row.n);
  }
  counts.none = Number(total.n) - set;
  return counts;
}

export async function dispositionHistory(db: Db, inputId: string) {
  return db
    .selectFrom("disposition_history")
    .select(["status", "reason", "group_id as groupId", "author_id as authorId", "at"])
    .where("input_id", "=", inputId)
    .orderBy("id")
    .execute();
}
