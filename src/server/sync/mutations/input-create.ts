// input.create: an input, kept if it fits its consultation's released version; one id, one input, forever.
import { acceptsSyncedInputs } from "../../../domain/consultation-status";
import { checkInput } from "../../../domain/input";
import { makeProblem, type Problem, type ProblemFieldError } from "../../../domain/problem";
import type { InputCreateMutation } from "../../../domain/sync-messages";
import { findConsultationVersion } from "../../consultations/consultation-store";
import { byKey, type MutationHandler, type StoreOutcome } from "./mutation-handler";

type Found = Awaited<ReturnType<typeof findConsultationVersion>>;

export const inputCreate: MutationHandler<InputCreateMutation> = {
  async judge(trx, mutation, cache) {
    const input = mutation.payload;
    const key = `consultation:${input.consultationId}@${input.consultationVersion}`;
    if (!cache.has(key))
      cache.set(key, await findConsultationVersion(trx, input.consultationId, input.consultationVersion));
    const found = cache.get(key) as Found;
    if (!found) {
      return makeProblem("unknown-consultation", 422, "The consultation or its version does not exist", {
        errors: [{ pointer: "/payload/consultationVersion", code: "unknown" }],
      });
    }
    const issues: ProblemFieldError[] = checkInput(found.consultation, input).map((issue) => ({
      pointer: `/payload${issue.pointer}`,
      code: issue.code,
    }));
    if (!acceptsSyncedInputs(found.currentStatus)) {
      issues.push({ pointer: "/payload/consultationId", code: "consultation_not_accepting" });
    }
    if (issues.length === 0) return undefined;
    return makeProblem("input-rejected", 422, "The input does not fit the consultation", { errors: issues });
  },

  /**
   * One insert for the batch. A record id that exists already is the same input sent under another
   * mutationId (duplicate) or a different one (conflict).
   */
  async store(trx, items, receivedAt) {
    const rows = await trx
      .insertInto("inputs")
      .values(
        [...items]
          .sort(byKey((item) => item.mutation.recordId))
          .map(({ mutation, payloadText, payloadSha256 }) => ({
            id: mutation.payload.id,
            consultation_id: mutation.payload.consultationId,
            consultation_version: mutation.payload.consultationVersion,
            theme_id: mutation.payload.themeId,
            device_id: mutation.payload.deviceId,
            mutation_id: mutation.mutationId,
            payload: payloadText,
            payload_sha256: payloadSha256,
            created_at: mutation.payload.createdAt,
            received_at: receivedAt,
          })),
      )
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    const inserted = new Set(rows.map((row) => row.id));
    const outcomes: (StoreOutcome | undefined)[] = items.map(() => undefined);
    const firstInBatch = new Set<string>();
    items.forEach((item, i) => {
      const id = item.mutation.recordId;
      // The first mutation of the batch to carry an inserted record is the one that inserted it.
      if (inserted.has(id) && !firstInBatch.has(id)) {
        firstInBatch.add(id);
        outcomes[i] = { status: "applied", media: item.mutation.payload.media ?? [] };
      }
    });
    const rest = items.filter((_, i) => !outcomes[i]);
    if (rest.length > 0) {
      const stored = await trx
        .selectFrom("inputs")
        .select(["id", "payload_sha256"])
        .where(
          "id",
          "in",
          rest.map((item) => item.mutation.recordId),
        )
        .execute();
      const hashes = new Map(stored.map((row) => [row.id, row.payload_sha256]));
      const conflict: Problem = makeProblem("record-conflict", 409, "Another input already has this id");
      items.forEach((item, i) => {
        if (outcomes[i]) return;
        outcomes[i] =
          hashes.get(item.mutation.recordId) === item.payloadSha256
            ? { status: "duplicate" }
            : { status: "rejected", problem: conflict };
      });
    }
    return outcomes as StoreOutcome[];
  },
};
