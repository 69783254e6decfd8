// Applies pushed mutations exactly once, keyed by mutationId; rejected ones go to quarantine, never away.
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { canonicalJson } from "../../domain/canonical-json";
import { acceptsSyncedInputs } from "../../domain/consultation-status";
import { checkInput } from "../../domain/input";
import {
  issuesToFieldErrors,
  makeProblem,
  type Problem,
  type ProblemFieldError,
  Problem as ProblemSchema,
} from "../../domain/problem";
import { Mutation, type PushResult } from "../../domain/sync-messages";
import { findConsultationVersion } from "../consultations/consultation-store";
import type { Database } from "../storage/schema";

type Trx = Transaction<Database>;

/** A mutation that passed the checks that need no database, ready to be applied. */
export interface PreparedMutation {
  index: number;
  mutation: Mutation;
  payloadText: string;
  payloadSha256: string;
}

/** A mutation refused before it could be read as one; it is quarantined raw. */
export interface MalformedMutation {
  index: number;
  mutationId: string | null;
  raw: unknown;
  problem: Problem;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Checks one raw mutation on its own: its shape, and that it belongs to the record and device
 * it names. A bad one never blocks the others in its batch.
 */
export function prepareMutation(
  raw: unknown,
  index: number,
  deviceId: string,
): PreparedMutation | MalformedMutation {
  const mutationId = readMutationId(raw);
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const problem = makeProblem("invalid-mutation", 422, "The mutation is not valid", {
      errors: issuesToFieldErrors(parsed.error.issues),
    });
    return { index, mutationId, raw, problem };
  }
  const mutation = parsed.data;
  const input = mutation.payload;
  if (mutation.recordId !== input.id || input.deviceId !== deviceId) {
    const problem = makeProblem("invalid-mutation", 422, "The mutation does not match its record or device", {
      errors: [
        ...(mutation.recordId !== input.id ? [{ pointer: "/recordId", code: "mismatch" }] : []),
        ...(input.deviceId !== deviceId ? [{ pointer: "/payload/deviceId", code: "mismatch" }] : []),
      ],
    });
    return { index, mutationId, raw, problem };
  }
  const payloadText = canonicalJson(input);
  return { index, mutation, payloadText, payloadSha256: sha256(payloadText) };
}

/** Keeps a malformed mutation raw in quarantine (once per device and content) and answers rejected. */
export async function quarantineMalformed(
  trx: Trx,
  deviceId: string,
  malformed: MalformedMutation,
  receivedAt: string,
): Promise<PushResult> {
  await quarantine(
    trx,
    deviceId,
    malformed.mutationId,
    safeJson(malformed.raw),
    malformed.problem,
    receivedAt,
  );
  return {
    index: malformed.index,
    mutationId: malformed.mutationId,
    status: "rejected",
    problem: malformed.problem,
  };
}

/**
 * Applies one prepared mutation inside the caller's transaction. Re-sending a mutation gets the
 * answer it got the first time and writes nothing; reusing a mutationId for other content is refused.
 * Safe under concurrent pushes on PostgreSQL: the mutationId is claimed with ON CONFLICT DO NOTHING.
 */
export async function applyMutation(
  trx: Trx,
  deviceId: string,
  prepared: PreparedMutation,
  receivedAt: string,
): Promise<PushResult> {
  const { index, mutation, payloadText, payloadSha256 } = prepared;
  const earlier = await answerFromLog(trx, prepared);
  if (earlier) return earlier;

  const verdict = await judge(trx, prepared);
  const claimed = await trx
    .insertInto("mutations")
    .values({
      mutation_id: mutation.mutationId,
      device_id: deviceId,
      seq: mutation.seq,
      type: mutation.type,
      record_id: mutation.recordId,
      payload_sha256: payloadSha256,
      status: verdict ? "rejected" : "applied",
      problem: verdict ? JSON.stringify(verdict) : null,
      received_at: receivedAt,
    })
    .onConflict((oc) => oc.column("mutation_id").doNothing())
    .returning("mutation_id")
    .executeTakeFirst();
  // Another push carrying the same mutation committed first: answer as the log now says.
  if (!claimed) return (await answerFromLog(trx, prepared))!;

  if (verdict) return reject(trx, deviceId, prepared, verdict, receivedAt);

  const input = mutation.payload;
  const inserted = await trx
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
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { index, mutationId: mutation.mutationId, status: "applied" };

  // The record exists already, under another mutationId (e.g. re-queued after a restore).
  const existing = await trx
    .selectFrom("inputs")
    .select("payload_sha256")
    .where("id", "=", input.id)
    .executeTakeFirstOrThrow();
  if (existing.payload_sha256 === payloadSha256)
    return { index, mutationId: mutation.mutationId, status: "duplicate" };
  const conflict = makeProblem("record-conflict", 409, "Another input already has this id");
  await trx
    .updateTable("mutations")
    .set({ status: "rejected", problem: JSON.stringify(conflict) })
    .where("mutation_id", "=", mutation.mutationId)
    .execute();
  return reject(trx, deviceId, prepared, conflict, receivedAt);
}

/** The answer already given to this mutationId, if any. */
async function answerFromLog(trx: Trx, { index, mutation, payloadSha256 }: PreparedMutation) {
  const seen = await trx
    .selectFrom("mutations")
    .select(["payload_sha256", "status", "problem"])
    .where("mutation_id", "=", mutation.mutationId)
    .executeTakeFirst();
  if (!seen) return undefined;
  const mutationId = mutation.mutationId;
  if (seen.payload_sha256 !== payloadSha256) {
    const problem = makeProblem(
      "mutation-id-reused",
      409,
      "This mutation id was already used for other content",
    );
    return { index, mutationId, status: "rejected", problem } satisfies PushResult;
  }
  if (seen.status === "applied") return { index, mutationId, status: "duplicate" } satisfies PushResult;
  const problem = ProblemSchema.parse(JSON.parse(seen.problem ?? "{}"));
  return { index, mutationId, status: "rejected", problem } satisfies PushResult;
}

/** Decides whether an input fits its consultation; undefined when it does. */
async function judge(trx: Trx, { mutation }: PreparedMutation): Promise<Problem | undefined> {
  const input = mutation.payload;
  const found = await findConsultationVersion(trx, input.consultationId, input.consultationVersion);
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
}

async function reject(
  trx: Trx,
  deviceId: string,
  { index, mutation }: PreparedMutation,
  problem: Problem,
  receivedAt: string,
): Promise<PushResult> {
  await quarantine(trx, deviceId, mutation.mutationId, canonicalJson(mutation), problem, receivedAt);
  return { index, mutationId: mutation.mutationId, status: "rejected", problem };
}

async function quarantine(
  trx: Trx,
  deviceId: string,
  mutationId: string | null,
  raw: string,
  problem: Problem,
  receivedAt: string,
): Promise<void> {
  await trx
    .insertInto("quarantine")
    .values({
      device_id: deviceId,
      mutation_id: mutationId,
      raw,
      raw_sha256: sha256(raw),
      problem: JSON.stringify(problem),
      received_at: receivedAt,
    })
    .onConflict((oc) => oc.columns(["device_id", "raw_sha256"]).doNothing())
    .execute();
}

function readMutationId(raw: unknown): string | null {
  if (typeof raw === "object" && raw !== null && "mutationId" in raw) {
    const id = (raw as { mutationId: unknown }).mutationId;
    if (typeof id === "string" && id.length <= 64) return id;
  }
  return null;
}

/** JSON text of whatever arrived; it came from JSON.parse, so it always serialises. */
function safeJson(raw: unknown): string {
  return JSON.stringify(raw) ?? "null";
}
