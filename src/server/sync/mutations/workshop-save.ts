// workshop.save: a workshop opened or updated on its phone; the newest save (by the phone's updatedAt) is kept.
import { makeProblem, type ProblemFieldError } from "../../../domain/problem";
import type { WorkshopSaveMutation } from "../../../domain/sync-messages";
import { checkWorkshop } from "../../../domain/workshop";
import type { MutationHandler, StoreOutcome } from "./mutation-handler";

export const workshopSave: MutationHandler<WorkshopSaveMutation> = {
  /** A real place and date, for a consultation the server has released. */
  async judge(trx, { payload: workshop }) {
    const issues: ProblemFieldError[] = checkWorkshop(workshop).map((issue) => ({
      pointer: `/payload${issue.pointer}`,
      code: issue.code,
    }));
    const consultation = await trx
      .selectFrom("consultations")
      .select("id")
      .where("id", "=", workshop.consultationId)
      .where("status", "!=", "draft")
      .limit(1)
      .executeTakeFirst();
    if (!consultation) issues.push({ pointer: "/payload/consultationId", code: "unknown" });
    if (issues.length === 0) return undefined;
    return makeProblem("workshop-rejected", 422, "The workshop is not valid", { errors: issues });
  },

  /**
   * Saves can arrive out of order after retries: the newest stays. Only the phone that opened a workshop may
   * change it; another device's save is a conflict.
   */
  async store(trx, items, receivedAt) {
    const outcomes: StoreOutcome[] = [];
    for (const item of items) {
      const workshop = item.mutation.payload;
      const stored = await trx
        .selectFrom("workshops")
        .select(["device_id", "updated_at"])
        .where("id", "=", workshop.id)
        .executeTakeFirst();
      if (stored && stored.device_id !== workshop.deviceId) {
        outcomes.push({
          status: "rejected",
          problem: makeProblem("record-conflict", 409, "Another device's workshop already has this id"),
        });
        continue;
      }
      const row = {
        consultation_id: workshop.consultationId,
        municipality_code: workshop.municipalityCode,
        date: workshop.date,
        payload: item.payloadText,
        payload_sha256: item.payloadSha256,
        updated_at: workshop.updatedAt,
        received_at: receivedAt,
      };
      if (!stored) {
        await trx
          .insertInto("workshops")
          .values({ id: workshop.id, device_id: workshop.deviceId, ...row })
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
      } else if (stored.updated_at < workshop.updatedAt) {
        await trx.updateTable("workshops").set(row).where("id", "=", workshop.id).execute();
      }
      outcomes.push({ status: "applied", media: workshop.photos ?? [] });
    }
    return outcomes;
  },
};
