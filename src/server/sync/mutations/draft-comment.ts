// draft.comment: a comment or proposed amendment on a published draft, captured offline on a facilitator's phone
// (issue #13). It is judged like one from the web and lands on the latest published version, channel "field".
import { makeProblem, type Problem } from "../../../domain/problem";
import type { DraftCommentMutation } from "../../../domain/sync-messages";
import { commentRow, commentTarget, DraftRefusal } from "../../drafts/draft-store";
import type { MutationHandler, StoreOutcome } from "./mutation-handler";

const POINTERS: Partial<Record<DraftRefusal["reason"], string>> = {
  "unknown-draft": "/payload/draftId",
  "not-published": "/payload/draftId",
  "unknown-section": "/payload/sectionId",
  "unknown-input": "/payload/inputIds",
  "amendment-text": "/payload/proposedText",
};

const rejection = (error: unknown): Problem => {
  if (!(error instanceof DraftRefusal)) throw error;
  return makeProblem("draft-comment-rejected", 422, "The comment cannot be kept on this draft", {
    errors: [{ pointer: POINTERS[error.reason] ?? "/payload", code: error.reason }],
  });
};

export const draftComment: MutationHandler<DraftCommentMutation> = {
  /** The draft and its section; the inputs it cites are checked when it is stored (they may come in this batch). */
  async judge(trx, { payload }) {
    try {
      await commentTarget(trx, payload.draftId, payload, { citations: false });
      return undefined;
    } catch (error) {
      return rejection(error);
    }
  },

  /** Each comment is stored once; the same id from another device (or with another text) is a conflict. */
  async store(trx, items) {
    const outcomes: StoreOutcome[] = [];
    for (const item of items) {
      const { draftId, deviceId, createdAt: _, ...comment } = item.mutation.payload;
      const stored = await trx
        .selectFrom("draft_comments")
        .select("body")
        .where("id", "=", comment.id)
        .executeTakeFirst();
      if (stored) {
        outcomes.push(
          stored.body === item.payloadText
            ? { status: "duplicate" }
            : {
                status: "rejected",
                problem: makeProblem("record-conflict", 409, "Another comment already has this id"),
              },
        );
        continue;
      }
      // Inputs are stored before comments (handlers.ts order): one pushed in the same batch counts.
      let version: number;
      try {
        version = await commentTarget(trx, draftId, comment);
      } catch (error) {
        outcomes.push({ status: "rejected", problem: rejection(error) });
        continue;
      }
      await trx
        .insertInto("draft_comments")
        .values(
          commentRow(
            draftId,
            version,
            comment,
            { channel: "field", deviceId },
            item.mutation.payload.createdAt,
            item.payloadText,
          ),
        )
        .execute();
      outcomes.push({ status: "applied", media: [] });
    }
    return outcomes;
  },
};
