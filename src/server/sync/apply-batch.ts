// Applies a pushed batch exactly once per mutationId: the generic core (log, claim, repeats, quarantine), with a
// few set-wise queries instead of several per mutation; each type's judging and storing is its handler's.

import { canonicalJson } from "../../domain/canonical-json";
import { unsafeTextAt } from "../../domain/clean-text";
import type { MediaRef } from "../../domain/media";
import { Uuid } from "../../domain/primitives";
import {
  issuesToFieldErrors,
  makeProblem,
  type Problem,
  Problem as ProblemSchema,
  problemTypeUri,
} from "../../domain/problem";
import { Mutation, type MutationType, type PushResult } from "../../domain/sync-messages";
import type { SignedText } from "../devices/signature-checker";
import { sha256Hex } from "../hash";
import { MUTATION_HANDLERS } from "./mutations/handlers";
import { byKey, type MutationHandler, type PreparedMutation, type Trx } from "./mutations/mutation-handler";

export type { PreparedMutation };

/** A mutation refused before it could be read as one; it is quarantined raw. */
export interface MalformedMutation {
  kind: "malformed";
  index: number;
  mutationId: string | null;
  raw: unknown;
  problem: Problem;
}

const REUSED_TYPE = problemTypeUri("mutation-id-reused");

/**
 * Checks each raw mutation on its own: its shape, that it belongs to the record and device it names, and
 * its signature with the device's enrolled key (all of the batch's signatures at once). A bad one never
 * blocks the others in its batch.
 */
export async function prepareMutations(
  raws: readonly unknown[],
  deviceId: string,
  verifyAll: (items: SignedText[]) => Promise<boolean[]>,
): Promise<(PreparedMutation | MalformedMutation)[]> {
  const shaped = raws.map((raw, index) => shapeOf(raw, index, deviceId));
  const signed = shaped.filter((item): item is PreparedMutation => item.kind === "prepared");
  const valid = await verifyAll(
    signed.map((item) => ({ text: item.payloadText, signature: item.mutation.signature })),
  );
  const checked = new Map(signed.map((item, i) => [item.index, valid[i] === true]));
  return shaped.map((item) => {
    if (item.kind === "malformed" || checked.get(item.index)) return item;
    // The device signed the canonical JSON of the payload with its enrolled key: anything else was altered
    // on the way or made elsewhere, and is kept in quarantine for review.
    const problem = makeProblem("bad-signature", 422, "The signature does not match the enrolled key", {
      errors: [{ pointer: "/signature", code: item.mutation.signature ? "mismatch" : "missing" }],
    });
    return {
      kind: "malformed",
      index: item.index,
      mutationId: item.mutation.mutationId,
      raw: raws[item.index],
      problem,
    };
  });
}

/** Everything about one mutation that needs neither the database nor its signature checked. */
function shapeOf(raw: unknown, index: number, deviceId: string): PreparedMutation | MalformedMutation {
  const mutationId = readMutationId(raw);
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const problem = makeProblem("invalid-mutation", 422, "The mutation is not valid", {
      errors: issuesToFieldErrors(parsed.error.issues),
    });
    return { kind: "malformed", index, mutationId, raw, problem };
  }
  const mutation = parsed.data;
  const record = mutation.payload;
  if (mutation.recordId !== record.id || record.deviceId !== deviceId) {
    const problem = makeProblem("invalid-mutation", 422, "The mutation does not match its record or device", {
      errors: [
        ...(mutation.recordId !== record.id ? [{ pointer: "/recordId", code: "mismatch" }] : []),
        ...(record.deviceId !== deviceId ? [{ pointer: "/payload/deviceId", code: "mismatch" }] : []),
      ],
    });
    return { kind: "malformed", index, mutationId, raw, problem };
  }
  // Signed text cannot be cleaned without breaking its signature: a payload with NUL, other controls or
  // bidirectional overrides is refused, kept in quarantine, and shown on the phone for a person to correct.
  const unsafe = unsafeTextAt(record);
  if (unsafe !== undefined) {
    const problem = makeProblem("invalid-mutation", 422, "The text holds characters that cannot be kept", {
      errors: [{ pointer: `/payload${unsafe}`, code: "control-character" }],
    });
    return { kind: "malformed", index, mutationId, raw, problem };
  }
  const payloadText = canonicalJson(record);
  return { kind: "prepared", index, mutation, payloadText, payloadSha256: sha256Hex(payloadText) };
}

interface LoggedAnswer {
  payloadSha256: string;
  status: "applied" | "rejected";
  problem: Problem | undefined;
}

/**
 * Applies a batch inside the caller's transaction, in the device's order. Re-sending a mutation gets
 * the answer it got the first time and writes nothing; reusing a mutationId for other content is
 * refused; every rejection is kept raw in quarantine. Safe under concurrent pushes on PostgreSQL:
 * mutationIds and record ids are claimed with ON CONFLICT DO NOTHING and the losers re-read. What is
 * particular to each mutation type (how it is judged, how it is stored) is its handler's (`mutations/`).
 */
export async function applyBatch(
  trx: Trx,
  deviceId: string,
  checked: (PreparedMutation | MalformedMutation)[],
  receivedAt: string,
  quarantineBudget = QUARANTINE_BYTES_PER_DEVICE,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const prepared = checked.filter((item): item is PreparedMutation => item.kind === "prepared");
  const log = await readLog(
    trx,
    prepared.map((item) => item.mutation.mutationId),
  );
  const cache = new Map<string, unknown>();
  const judge = (item: PreparedMutation): Promise<Problem | undefined> =>
    (MUTATION_HANDLERS[item.mutation.type] as MutationHandler<Mutation>).judge(trx, item.mutation, cache);

  // 1. Decide every mutation. An earlier answer from the log is repeated.
  const fresh: { item: PreparedMutation; problem: Problem | undefined }[] = [];
  const firstCopy = new Map<string, PreparedMutation>();
  const repeats: { item: PreparedMutation; first: PreparedMutation }[] = [];
  for (const item of checked) {
    if (item.kind === "malformed") {
      results[item.index] = {
        index: item.index,
        mutationId: item.mutationId,
        status: "rejected",
        problem: item.problem,
      };
      continue;
    }
    const earlier = log.get(item.mutation.mutationId);
    if (earlier) {
      results[item.index] = answer(item, earlier);
      continue;
    }
    // A copy of a mutation met earlier in this batch gets the final answer of that first copy (step 5).
    const first = firstCopy.get(item.mutation.mutationId);
    if (first) {
      repeats.push({ item, first });
      continue;
    }
    firstCopy.set(item.mutation.mutationId, item);
    fresh.push({ item, problem: await judge(item) });
  }

  // 2. Claim the new mutationIds. One that another push claimed meanwhile is answered as the log says.
  const claimed = new Set<string>();
  if (fresh.length > 0) {
    // Rows go in key order, so two concurrent pushes lock the same keys in the same order (no deadlock).
    const rows = await trx
      .insertInto("mutations")
      .values(
        [...fresh].sort(byKey(({ item }) => item.mutation.mutationId)).map(({ item, problem }) => ({
          mutation_id: item.mutation.mutationId,
          device_id: deviceId,
          seq: item.mutation.seq,
          type: item.mutation.type,
          record_id: item.mutation.recordId,
          payload_sha256: item.payloadSha256,
          status: problem ? ("rejected" as const) : ("applied" as const),
          problem: problem ? JSON.stringify(problem) : null,
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) => oc.column("mutation_id").doNothing())
      .returning("mutation_id")
      .execute();
    for (const row of rows) claimed.add(row.mutation_id);
  }
  const lost = fresh.filter(({ item }) => !claimed.has(item.mutation.mutationId));
  if (lost.length > 0) {
    const now = await readLog(
      trx,
      lost.map(({ item }) => item.mutation.mutationId),
    );
    for (const { item } of lost) results[item.index] = answer(item, now.get(item.mutation.mutationId)!);
  }
  const won = fresh.filter(({ item }) => claimed.has(item.mutation.mutationId));

  // 3. Store the accepted mutations, each type by its handler, and note the files their records name.
  const conflicts: { item: PreparedMutation; problem: Problem }[] = [];
  const named: { recordId: string; deviceId: string; media: readonly MediaRef[] }[] = [];
  for (const type of Object.keys(MUTATION_HANDLERS) as MutationType[]) {
    const items = won
      .filter(({ item, problem }) => !problem && item.mutation.type === type)
      .map(({ item }) => item);
    if (items.length === 0) continue;
    const outcomes = await (MUTATION_HANDLERS[type] as MutationHandler<Mutation>).store(
      trx,
      items,
      receivedAt,
    );
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      const { index } = item;
      const mutationId = item.mutation.mutationId;
      if (outcome.status === "rejected") conflicts.push({ item, problem: outcome.problem });
      else results[index] = { index, mutationId, status: outcome.status };
      if (outcome.status === "applied" && outcome.media.length > 0)
        named.push({ recordId: item.mutation.recordId, deviceId, media: outcome.media });
    });
  }
  await recordMediaRefs(trx, named, receivedAt);
  for (const { item, problem } of conflicts) {
    await trx
      .updateTable("mutations")
      .set({ status: "rejected", problem: JSON.stringify(problem) })
      .where("mutation_id", "=", item.mutation.mutationId)
      .execute();
  }

  // 4. Every rejection decided now is answered as such.
  const rejectedNow = [...won.filter(({ problem }) => problem), ...conflicts] as {
    item: PreparedMutation;
    problem: Problem;
  }[];
  for (const { item, problem } of rejectedNow) {
    results[item.index] = {
      index: item.index,
      mutationId: item.mutation.mutationId,
      status: "rejected",
      problem,
    };
  }
  // 5. Repeats within the batch answer as their first copy finally did.
  for (const { item, first } of repeats) {
    const final = results[first.index]!;
    results[item.index] = answer(item, {
      payloadSha256: first.payloadSha256,
      status: final.status === "rejected" ? "rejected" : "applied",
      problem: final.problem,
    });
  }
  // Reusing a mutationId for other content is a rejection like any other: kept raw too.
  const reused = prepared.filter((item) => {
    const result = results[item.index];
    return result?.status === "rejected" && result.problem?.type === REUSED_TYPE;
  });
  rejectedNow.push(...reused.map((item) => ({ item, problem: results[item.index]!.problem! })));

  // 6. Quarantine every rejection raw, once per device and content.
  const quarantined = [
    ...rejectedNow.map(({ item, problem }) => ({
      mutationId: item.mutation.mutationId,
      raw: canonicalJson(item.mutation),
      problem,
    })),
    ...checked
      .filter((item): item is MalformedMutation => item.kind === "malformed")
      .map((item) => ({
        mutationId: item.mutationId,
        raw: rawText(item.raw),
        problem: item.problem,
      })),
  ];
  await quarantine(trx, deviceId, quarantined, receivedAt, quarantineBudget);
  return results;
}

/** Notes the files accepted records name (first record wins an id), so uploads can be held to them. */
async function recordMediaRefs(
  trx: Trx,
  named: { recordId: string; deviceId: string; media: readonly MediaRef[] }[],
  receivedAt: string,
): Promise<void> {
  const rows = named.flatMap(({ recordId, deviceId, media }) =>
    media.map((ref) => ({
      media_id: ref.id,
      device_id: deviceId,
      record_id: recordId,
      kind: ref.kind,
      mime: ref.mime,
      size: ref.size,
      sha256: ref.sha256,
      received_at: receivedAt,
    })),
  );
  if (rows.length === 0) return;
  await trx
    .insertInto("media_refs")
    .values(rows.sort(byKey((row) => row.media_id)))
    .onConflict((oc) => oc.column("media_id").doNothing())
    .execute();
}

/** Bytes of quarantine a device may fill (an honest phone's refused records take a tiny part of it). */
export const QUARANTINE_BYTES_PER_DEVICE = 20 * 1024 * 1024;

/**
 * Keeps refused mutations raw for review, once per device and content, within the device's byte budget: past it
 * they are still refused (the phone keeps them, marked), but no longer kept here, so no token can fill the disk.
 */
export async function quarantine(
  trx: Trx,
  deviceId: string,
  items: { mutationId: string | null; raw: string; problem: Problem }[],
  receivedAt: string,
  budgetBytes = QUARANTINE_BYTES_PER_DEVICE,
): Promise<void> {
  if (items.length === 0) return;
  const device = await trx
    .selectFrom("devices")
    .select("quarantine_bytes")
    .where("id", "=", deviceId)
    .executeTakeFirst();
  let used = Number(device?.quarantine_bytes ?? 0);
  const kept = items.filter((item) => {
    const size = Buffer.byteLength(item.raw);
    if (used + size > budgetBytes) return false;
    used += size;
    return true;
  });
  if (kept.length === 0) return;
  const inserted = await trx
    .insertInto("quarantine")
    .values(
      kept
        .map(({ mutationId, raw, problem }) => ({
          raw_sha256: sha256Hex(raw),
          device_id: deviceId,
          mutation_id: mutationId,
          raw,
          problem: JSON.stringify(problem),
          received_at: receivedAt,
        }))
        .sort(byKey((row) => row.raw_sha256)),
    )
    .onConflict((oc) => oc.columns(["device_id", "raw_sha256"]).doNothing())
    .returning("raw_sha256")
    .execute();
  // Only what was stored counts (a repeat of content already kept costs nothing).
  const stored = new Set(inserted.map((row) => row.raw_sha256));
  const added = kept
    .filter((item) => stored.has(sha256Hex(item.raw)))
    .reduce((sum, item) => sum + Buffer.byteLength(item.raw), 0);
  if (added > 0)
    await trx
      .updateTable("devices")
      .set((eb) => ({ quarantine_bytes: eb("quarantine_bytes", "+", added) }))
      .where("id", "=", deviceId)
      .execute();
}

async function readLog(trx: Trx, mutationIds: string[]): Promise<Map<string, LoggedAnswer>> {
  const log = new Map<string, LoggedAnswer>();
  if (mutationIds.length === 0) return log;
  const rows = await trx
    .selectFrom("mutations")
    .select(["mutation_id", "payload_sha256", "status", "problem"])
    .where("mutation_id", "in", mutationIds)
    .execute();
  for (const row of rows) {
    log.set(row.mutation_id, {
      payloadSha256: row.payload_sha256,
      status: row.status,
      problem: row.problem ? ProblemSchema.parse(JSON.parse(row.problem)) : undefined,
    });
  }
  return log;
}

/** The answer an earlier decision about this mutationId gives to this copy of it. */
function answer({ index, mutation, payloadSha256 }: PreparedMutation, earlier: LoggedAnswer): PushResult {
  const mutationId = mutation.mutationId;
  if (earlier.payloadSha256 !== payloadSha256) {
    const problem = makeProblem(
      "mutation-id-reused",
      409,
      "This mutation id was already used for other content",
    );
    return { index, mutationId, status: "rejected", problem };
  }
  if (earlier.status === "applied") return { index, mutationId, status: "duplicate" };
  return { index, mutationId, status: "rejected", problem: earlier.problem };
}

/**
 * The text kept in quarantine for whatever arrived. It came from JSON.parse, so it serialises,
 * unless it is nested too deep for the stack: a hostile shape is then described, not kept.
 */
export function rawText(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? "null";
  } catch {
    return JSON.stringify({
      unreadable: "nested too deep to keep",
      type: Array.isArray(raw) ? "array" : typeof raw,
    });
  }
}

/** A raw mutation's id, only when it is a well-formed UUID (anything else is neither echoed nor stored). */
export function readMutationId(raw: unknown): string | null {
  if (typeof raw === "object" && raw !== null && "mutationId" in raw) {
    const id = (raw as { mutationId: unknown }).mutationId;
    // Only a well-formed id is echoed and stored: anything else (a NUL byte, say) could fail the batch.
    if (typeof id === "string" && Uuid.safeParse(id).success) return id;
  }
  return null;
}
