// draft.comment: a comment or proposed amendment on a published draft, captured offline on a facilitator's phone
// (issue #13). It is judged like one from the web and lands on the latest published version, channel "field".
import { makeProblem, type Problem } from "../../../domain/problem";
import type { DraftCommentMutation } from "../../../domain/sync-messages";
import { citedInputs, commentRow, commentTarget, DraftRefusal } from "../../drafts/draft-store";
import type { MutationHandler, StoreOutcome } from "./mutation-handler";

const POINTERS: Partial<Record<DraftRefusal["reason"], string>> = {
  "unknown-draft": "/payload/draftId",
  "not-published": "/payload/draftId",
  "unknown-section": "/payload/sectionId",
  "amendment-text": "/payload/proposedText",
};

const rejection = (error: unknown): Problem => {
  if (!(error instanceof DraftRefusal)) throw error;
  return makeProblem("draft-comment-rejected", 422, "The comment cannot be kept on this draft", {
    errors: [{ pointer: POINTERS[error.reason] ?? "/payload", code: error.reason }],
  });
};

export const draftComment: MutationHandler<DraftCommentMutation> = {
  /** The draft and its section. The inputs it cites are looked up when it is stored (they may be in this batch). */
  async judge(trx, { payload }) {
    try {
      await commentTarget(trx, payload.draftId, payload);
      return undefined;
    } catch (error) {
      return rejection(error);
    }
  },

  /**
   * Each comment is stored once; the same id with other content is a conflict. A cited input the server does not
   * hold (refused, or not this consultation's) is left out of the citations: a person's words are never refused
   * for a reference they cannot fix.
   */
  async store(trx, items) {
    const outcomes: StoreOutcome[] = [];
    for (const item of items) {
      const { draftId, deviceId, readVersion, createdAt, ...comment } = item.mutation.payload;
      let target: Awaited<ReturnType<typeof commentTarget>>;
      try {
        target = await commentTarget(trx, draftId, comment);
      } catch (error) {
        outcomes.push({ status: "rejected", problem: rejection(error) });
        continue;
      }
      const inputIds = await citedInputs(trx, target.consultationId, comment.inputIds ?? []);
      // Inserted unless there (sent before under another mutation id, or by a concurrent push): then compared.
      const inserted = await trx
        .insertInto("draft_comments")
        .values(
          commentRow(
            draftId,
            target.version,
            { ...comment, inputIds },
            { channel: "field", deviceId, readVersion },
            createdAt,
            item.payloadText,
          ),
        )
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) {
        outcomes.push({ status: "applied", media: [] });
        continue;
      }
      const stored = await trx
        .selectFrom("draft_comments")
        .select("body")
        .where("id", "=", comment.id)
        .executeTakeFirstOrThrow();
      outcomes.push(
        stored.body === item.payloadText
          ? { status: "duplicate" }
          : {
              status: "rejected",
              problem: makeProblem("record-conflict", 409, "Another comment already has this id"),
            },
      );
    }
    return outcomes;
  },
};
