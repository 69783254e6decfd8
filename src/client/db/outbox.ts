// The outbox: every local write and its outbox entry are stored together; entries leave only on acknowledgement.
import type { FieldDraftComment } from "../../domain/drafts";
import type { Input } from "../../domain/input";
import type { MediaRef } from "../../domain/media";
import type { Problem } from "../../domain/problem";
import type { Mutation } from "../../domain/sync-messages";
import type { Workshop } from "../../domain/workshop";
import type {
  MutationEntry,
  OutboxEntry,
  OutboxKind,
  RelayEntry,
  ReplyEntry,
  TejidoDatabase,
} from "./database";

/** Inside a transaction over `outbox`: queues an entry; a mutation takes the outbox's sequence as its own. */
export async function enqueue(
  db: TejidoDatabase,
  entry:
    | { kind: "mutation"; mutation: Mutation }
    | { kind: "request" | "media"; recordId: string }
    | Pick<ReplyEntry, "kind" | "reply">
    | Pick<RelayEntry, "kind" | "recordId" | "relay">,
): Promise<number> {
  const seq = await db.outbox.add({ ...entry, status: "pending", attempts: 0 } as OutboxEntry);
  // The outbox's sequence orders the device's mutations.
  if (entry.kind === "mutation")
    await db.outbox.update(seq, (stored) => {
      if (stored.kind === "mutation") stored.mutation.seq = seq;
    });
  return seq;
}

/**
 * Saves an input and its outbox entry in one transaction: both are stored, or neither. The form's
 * draft, if named, is deleted in the same transaction, so a saved input can never come back as a draft.
 */
export async function saveInputWithMutation(
  db: TejidoDatabase,
  input: Input,
  mutationId: string,
  draftKey?: string,
): Promise<void> {
  await db.transaction("rw", [db.inputs, db.outbox, db.drafts, db.media], async () => {
    await enqueue(db, {
      kind: "mutation",
      mutation: {
        mutationId,
        seq: 0,
        type: "input.create",
        recordId: input.id,
        payload: input,
        createdAt: input.createdAt,
      },
    });
    await db.inputs.add({ ...input, syncState: "pending" });
    await claimMedia(db, input.id, input.media ?? []);
    if (draftKey !== undefined) await db.drafts.delete(draftKey);
  });
}

/** Saves a workshop (opened or updated) and its outbox entry in one transaction. */
export async function saveWorkshopWithMutation(
  db: TejidoDatabase,
  workshop: Workshop,
  mutationId: string,
): Promise<void> {
  await db.transaction("rw", db.workshops, db.outbox, db.media, async () => {
    // A new save supersedes earlier saves the server refused: they no longer need anyone's attention.
    await db.outbox
      .where("[kind+status]")
      .equals(["mutation", "rejected"])
      .filter((old) => isMutationOf(old, "workshop.save", workshop.id))
      .delete();
    await enqueue(db, {
      kind: "mutation",
      mutation: {
        mutationId,
        seq: 0,
        type: "workshop.save",
        recordId: workshop.id,
        payload: workshop,
        createdAt: workshop.updatedAt,
      },
    });
    await db.workshops.put({ ...workshop, syncState: "pending" });
    await claimMedia(db, workshop.id, workshop.photos ?? []);
  });
}

/** Saves a comment or amendment written in the field and its outbox entry in one transaction. */
export async function saveDraftCommentWithMutation(
  db: TejidoDatabase,
  comment: FieldDraftComment,
  mutationId: string,
): Promise<void> {
  await db.transaction("rw", db.draftComments, db.outbox, async () => {
    await enqueue(db, {
      kind: "mutation",
      mutation: {
        mutationId,
        seq: 0,
        type: "draft.comment",
        recordId: comment.id,
        payload: comment,
        createdAt: comment.createdAt,
      },
    });
    await db.draftComments.add({ ...comment, syncState: "pending" });
  });
}

/** Sets a comment the server refused aside, on a person's decision: it stays on the phone, listed as discarded. */
export async function discardDraftComment(db: TejidoDatabase, commentId: string): Promise<void> {
  await db.transaction("rw", db.draftComments, db.outbox, async () => {
    await db.outbox
      .where("[kind+status]")
      .equals(["mutation", "rejected"])
      .filter((entry) => isMutationOf(entry, "draft.comment", commentId))
      .delete();
    await db.draftComments.update(commentId, { syncState: "discarded" });
  });
}

const isMutationOf = (entry: OutboxEntry, type: Mutation["type"], recordId: string) =>
  entry.kind === "mutation" && entry.mutation.type === type && entry.mutation.recordId === recordId;

/** Inside a transaction: the record's media leave their draft and wait in the outbox to be uploaded. */
async function claimMedia(db: TejidoDatabase, ownerId: string, refs: readonly MediaRef[]): Promise<void> {
  for (const ref of refs) {
    const row = await db.media.get(ref.id);
    if (!row) throw new Error(`media ${ref.id} is not on this phone`);
    // A corrected input keeps media already queued or sent; only a form's new ones are claimed.
    if (row.uploadState === "draft") {
      await db.media.update(ref.id, { ownerId, uploadState: "pending" });
      await enqueue(db, { kind: "media", recordId: ref.id });
    }
  }
}

/** The pending entries of one kind, oldest first. */
export function pendingOf<K extends OutboxKind>(
  db: TejidoDatabase,
  kind: K,
): Promise<Extract<OutboxEntry, { kind: K }>[]> {
  return db.outbox.where("[kind+status]").equals([kind, "pending"]).toArray() as unknown as Promise<
    Extract<OutboxEntry, { kind: K }>[]
  >;
}

/** How many entries of one kind wait to be sent. */
export const pendingCountOf = (db: TejidoDatabase, kind: OutboxKind): Promise<number> =>
  db.outbox.where("[kind+status]").equals([kind, "pending"]).count();

/** The oldest pending mutations, at most `limit` of them and, after the first, at most `maxBytes` of JSON. */
export async function takeBatch(
  db: TejidoDatabase,
  limit: number,
  maxBytes: number,
): Promise<MutationEntry[]> {
  const candidates = (await db.outbox
    .where("[kind+status]")
    .equals(["mutation", "pending"])
    .limit(limit)
    .toArray()) as MutationEntry[];
  const batch: MutationEntry[] = [];
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const entry of candidates) {
    const size = encoder.encode(JSON.stringify(entry.mutation)).byteLength;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

export type Acknowledgement =
  | { seq: number; mutation: Mutation; status: "applied" | "duplicate"; at: string }
  | { seq: number; mutation: Mutation; status: "rejected"; problem: Problem };

/** Records the server's answers: acknowledged entries leave the outbox, rejected ones stay marked. */
export async function recordAcknowledgements(db: TejidoDatabase, acks: Acknowledgement[]): Promise<void> {
  if (acks.length === 0) return;
  await db.transaction("rw", [db.inputs, db.outbox, db.workshops, db.draftComments], async () => {
    for (const ack of acks) {
      if (ack.status === "rejected")
        await db.outbox.update(ack.seq, { status: "rejected", problem: ack.problem });
      else await db.outbox.delete(ack.seq);
      if (ack.mutation.type === "draft.comment") {
        await db.draftComments.update(
          ack.mutation.recordId,
          ack.status === "rejected" ? { syncState: "rejected", problem: ack.problem } : { syncState: "sent" },
        );
      } else if (ack.mutation.type === "workshop.save") {
        // Only the answer to the latest save says where the workshop stands; an older save's does not.
        const stored = await db.workshops.get(ack.mutation.recordId);
        if (stored?.updatedAt === ack.mutation.payload.updatedAt) {
          await db.workshops.update(
            ack.mutation.recordId,
            ack.status === "rejected"
              ? { syncState: "rejected", problem: ack.problem }
              : { syncState: "sent" },
          );
        }
      } else if (ack.status === "rejected") {
        await db.inputs.update(ack.mutation.recordId, { syncState: "rejected", problem: ack.problem });
      } else {
        await db.inputs.update(ack.mutation.recordId, { syncState: "sent", sentAt: ack.at });
      }
    }
  });
}

/** Counts an attempt on entries that were sent but not answered, for diagnosis. */
export async function countAttempt(db: TejidoDatabase, seqs: number[]): Promise<void> {
  await db.outbox
    .where("seq")
    .anyOf(seqs)
    .modify((entry) => void entry.attempts++);
}

/** Marks an entry refused for good: it stays, with its problem, until a person decides. */
export async function markRejected(db: TejidoDatabase, seq: number, problem: Problem): Promise<void> {
  await db.outbox.update(seq, { status: "rejected", problem });
}

/** Everything waiting for the server, of every kind. */
export const pendingCount = (db: TejidoDatabase): Promise<number> =>
  db.outbox.where("status").equals("pending").count();
/** Everything the server refused, of every kind, waiting for a person. */
export const attentionCount = (db: TejidoDatabase): Promise<number> =>
  db.outbox.where("status").equals("rejected").count();

/** Sets a rejected input aside, on a person's explicit decision: it stays listed as discarded, never sent. */
export async function discardRejected(db: TejidoDatabase, inputId: string): Promise<void> {
  await db.transaction("rw", [db.inputs, db.outbox, db.drafts, db.media], async () => {
    await releaseRejected(db, inputId, "discarded");
    await db.inputs.update(inputId, { syncState: "discarded" });
    // A discarded input's files are not sent either; they stay on the phone with it, set aside.
    const waiting = await db.media
      .where("ownerId")
      .equals(inputId)
      .and((media) => media.uploadState === "pending")
      .primaryKeys();
    await db.media.where("id").anyOf(waiting).modify({ uploadState: "draft" });
    const mediaIds = new Set(waiting);
    await db.outbox
      .where("[kind+status]")
      .equals(["media", "pending"])
      .filter((entry) => entry.kind === "media" && mediaIds.has(entry.recordId))
      .delete();
    // A correction begun and abandoned has nothing left to correct.
    await db.drafts.delete(correctionDraftKey(inputId));
  });
}

/** Inside a transaction: checks the input needs attention, and takes its rejected entry out of the outbox. */
async function releaseRejected(db: TejidoDatabase, inputId: string, action: "discarded" | "corrected") {
  const input = await db.inputs.get(inputId);
  if (input?.syncState !== "rejected") throw new Error(`Only an input that needs attention can be ${action}`);
  await db.outbox
    .where("[kind+status]")
    .equals(["mutation", "rejected"])
    .filter((entry) => isMutationOf(entry, "input.create", inputId))
    .delete();
}

/** The draft key of the form correcting a rejected input. */
export const correctionDraftKey = (inputId: string): string => `fix:${inputId}`;
/**
 * Replaces a rejected input by its corrected version and queues it again under a new mutationId,
 * in one transaction with the removal of the rejected entry and of the correction's draft.
 */
export async function resendCorrected(
  db: TejidoDatabase,
  rejectedId: string,
  corrected: Input,
  mutationId: string,
  draftKey?: string,
): Promise<void> {
  await db.transaction("rw", [db.inputs, db.outbox, db.drafts, db.media], async () => {
    await releaseRejected(db, rejectedId, "corrected");
    if (corrected.id !== rejectedId) await db.inputs.update(rejectedId, { syncState: "discarded" });
    else await db.inputs.delete(rejectedId);
    await saveInputWithMutation(db, corrected, mutationId, draftKey);
  });
}
