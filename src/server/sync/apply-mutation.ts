// Applies one pushed mutation exactly once, keyed by its mutationId.
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { canonicalJson } from "../../domain/canonical-json";
import { acceptsSyncedInputs } from "../../domain/consultation-status";
import { checkInput } from "../../domain/input";
import { issuesToFieldErrors, makeProblem, type ProblemFieldError } from "../../domain/problem";
import { Mutation, type PushResult } from "../../domain/sync-messages";
import { findConsultationVersion } from "../consultations/consultation-store";
import type { Database } from "../storage/schema";

/** A mutation that passed the checks that need no database, ready to be applied. */
export interface PreparedMutation {
  index: number;
  mutation: Mutation;
  payloadText: string;
  payloadSha256: string;
}

/**
 * Checks one raw mutation on its own: its shape, and that it belongs to the record and device
 * it names. A bad one becomes a rejected result; it never blocks the others in its batch.
 */
export function prepareMutation(
  raw: unknown,
  index: number,
  deviceId: string,
): PreparedMutation | PushResult {
  const rawId = readMutationId(raw);
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    return rejected(index, rawId, "invalid-mutation", 422, "The mutation is not valid", {
      errors: issuesToFieldErrors(parsed.error.issues),
    });
  }
  const mutation = parsed.data;
  const input = mutation.payload;
  if (mutation.recordId !== input.id || input.deviceId !== deviceId) {
    return rejected(
      index,
      rawId,
      "invalid-mutation",
      422,
      "The mutation does not match its record or device",
      {
        errors: [
          ...(mutation.recordId !== input.id ? [{ pointer: "/recordId", code: "mismatch" }] : []),
          ...(input.deviceId !== deviceId ? [{ pointer: "/payload/deviceId", code: "mismatch" }] : []),
        ],
      },
    );
  }
  const payloadText = canonicalJson(input);
  const payloadSha256 = createHash("sha256").update(payloadText).digest("hex");
  return { index, mutation, payloadText, payloadSha256 };
}

/**
 * Applies one prepared mutation inside the caller's transaction. Re-sending the same mutation
 * answers "duplicate" and writes nothing; reusing a mutationId for different content is refused.
 */
export async function applyMutation(
  trx: Transaction<Database>,
  deviceId: string,
  { index, mutation, payloadText, payloadSha256 }: PreparedMutation,
  receivedAt: string,
): Promise<PushResult> {
  const rawId = mutation.mutationId;
  const input = mutation.payload;
  const seen = await trx
    .selectFrom("mutations")
    .select("payload_sha256")
    .where("mutation_id", "=", mutation.mutationId)
    .executeTakeFirst();
  if (seen) {
    if (seen.payload_sha256 === payloadSha256)
      return { index, mutationId: mutation.mutationId, status: "duplicate" };
    return rejected(
      index,
      rawId,
      "mutation-id-reused",
      409,
      "This mutation id was already used for other content",
    );
  }

  const existing = await trx
    .selectFrom("inputs")
    .select("payload_sha256")
    .where("id", "=", input.id)
    .executeTakeFirst();
  if (existing && existing.payload_sha256 !== payloadSha256) {
    return rejected(index, rawId, "record-conflict", 409, "Another input already has this id");
  }

  if (!existing) {
    const found = await findConsultationVersion(trx, input.consultationId, input.consultationVersion);
    if (!found) {
      return rejected(
        index,
        rawId,
        "unknown-consultation",
        422,
        "The consultation or its version does not exist",
        {
          errors: [{ pointer: "/payload/consultationVersion", code: "unknown" }],
        },
      );
    }
    const issues: ProblemFieldError[] = checkInput(found.consultation, input).map((issue) => ({
      pointer: `/payload${issue.pointer}`,
      code: issue.code,
    }));
    if (!acceptsSyncedInputs(found.currentStatus)) {
      issues.push({ pointer: "/payload/consultationId", code: "consultation_not_accepting" });
    }
    if (issues.length > 0) {
      return rejected(index, rawId, "input-rejected", 422, "The input does not fit the consultation", {
        errors: issues,
      });
    }
  }

  if (!existing) {
    await trx
      .insertInto("inputs")
      .values({
        id: input.id,
        consultation_id: input.consultationId,
        consultation_version: input.consultationVersion,
        theme_id: input.themeId,
        device_id: input.deviceId,
        mutation_id: mutation.mutationId,
        payload: payloadText,
        payload_sha256: payloadSha256,
        created_at: input.createdAt,
        received_at: receivedAt,
      })
      .execute();
  }
  await trx
    .insertInto("mutations")
    .values({
      mutation_id: mutation.mutationId,
      device_id: deviceId,
      seq: mutation.seq,
      type: mutation.type,
      record_id: mutation.recordId,
      payload_sha256: payloadSha256,
      received_at: receivedAt,
    })
    .execute();
  // The same input under a new mutationId (e.g. re-queued after a restore) is the same record: not stored twice.
  return { index, mutationId: mutation.mutationId, status: existing ? "duplicate" : "applied" };
}

function readMutationId(raw: unknown): string | null {
  if (typeof raw === "object" && raw !== null && "mutationId" in raw) {
    const id = (raw as { mutationId: unknown }).mutationId;
    if (typeof id === "string" && id.length <= 64) return id;
  }
  return null;
}

function rejected(
  index: number,
  mutationId: string | null,
  ...problem: Parameters<typeof makeProblem>
): PushResult {
  return { index, mutationId, status: "rejected", problem: makeProblem(...problem) };
}
