// Applies an offline transfer file (issue #14) exactly as if its device had pushed it: the same per-mutation
// signature checks against the device's enrolled key, the same exactly-once log, the same quarantine. The file may
// arrive through an organizer's upload or through another phone that relays it; either way each entry keeps its
// device's id and signature. A file cut short, altered or made elsewhere still gives every valid entry it holds,
// and says what was wrong with the rest.
import type { Kysely } from "kysely";
import { canonicalJson } from "../../domain/canonical-json";
import { cleanText } from "../../domain/clean-text";
import { briefProblem, makeProblem, type Problem } from "../../domain/problem";
import { NewInfoRequest } from "../../domain/requests/info-request";
import { PUSH_LIMITS } from "../../domain/sync-messages";
import { manifestText, type TransferFile, type TransferReport } from "../../domain/transfer";
import type { SignatureChecker } from "../devices/signature-checker";
import { sha256Hex } from "../hash";
import { loadCalendar } from "../requests/catalogue-store";
import { fileRequest } from "../requests/request-store";
import type { Database } from "../storage/schema";
import { storeCarriedMedia } from "../uploads/carried-media";
import { applyBatch, prepareMutations, quarantine, rawText, readMutationId } from "./apply-batch";

export type ImportRefusal = { reason: "device-unknown" } | { reason: "device-revoked"; problem: Problem };

export async function importTransfer(
  db: Kysely<Database>,
  file: TransferFile,
  signatures: SignatureChecker,
  now: () => Date,
  { quarantineBytes, filesDir }: { quarantineBytes?: number; filesDir?: string } = {},
): Promise<{ ok: true; report: TransferReport } | ({ ok: false } & ImportRefusal)> {
  const { manifest, entries } = file;
  const deviceId = manifest.deviceId;
  const device = await db
    .selectFrom("devices")
    .select(["public_key", "revoked_at"])
    .where("id", "=", deviceId)
    .executeTakeFirst();
  if (!device) return { ok: false, reason: "device-unknown" };
  const receivedAt = now().toISOString();
  if (device.revoked_at !== null) {
    // As for its pushes: refused, but kept raw for an organizer to review, never lost.
    const problem = makeProblem("device-revoked", 403, "This file's device was revoked by an organizer", {
      detail: "Its entries are kept for review.",
    });
    await db.transaction().execute((trx) =>
      quarantine(
        trx,
        deviceId,
        entries.map((raw) => ({ mutationId: readMutationId(raw), raw: rawText(raw), problem })),
        receivedAt,
        quarantineBytes,
      ),
    );
    return { ok: false, reason: "device-revoked", problem };
  }
  const [manifestSigned] = await signatures.check(device.public_key, [
    { text: manifestText(manifest), signature: file.signature },
  ]);

  // The manifest against the file: what it lists and the file lacks, what the file holds and it does not list.
  const listed = new Map(manifest.entries.map((entry) => [entry.mutationId, entry.payloadSha256]));
  const present = new Set<string>();
  const unlisted: (string | null)[] = [];
  for (const raw of entries) {
    const mutationId = readMutationId(raw);
    if (mutationId) present.add(mutationId);
    const payload = (raw as { payload?: unknown } | null)?.payload;
    const sha = payload === undefined ? undefined : safeSha(payload);
    if (!mutationId || listed.get(mutationId) !== sha) unlisted.push(mutationId);
  }
  const missing = manifest.entries.map((e) => e.mutationId).filter((id) => !present.has(id));

  // In the device's order, in batches the size of a push, each in its own transaction.
  const report: TransferReport["entries"] = [];
  for (let start = 0; start < entries.length; start += PUSH_LIMITS.maxMutations) {
    const chunk = entries.slice(start, start + PUSH_LIMITS.maxMutations);
    const checked = await prepareMutations(chunk, deviceId, (items) =>
      signatures.check(device.public_key, items),
    );
    const results = await db
      .transaction()
      .execute((trx) => applyBatch(trx, deviceId, checked, receivedAt, quarantineBytes));
    for (const result of results) {
      report.push({
        index: start + result.index,
        mutationId: result.mutationId,
        outcome:
          result.status === "rejected"
            ? "quarantined"
            : result.status === "duplicate"
              ? "duplicate"
              : "applied",
        ...(result.problem ? { problem: briefProblem(result.problem) } : {}),
      });
    }
  }
  const requests = await fileRequests(db, manifest.requests ?? [], file.requests ?? [], now);
  // After the records, which name them: a file is kept only for a record that was accepted.
  const media = filesDir
    ? await storeCarriedMedia(db, filesDir, deviceId, manifest.media ?? [], file.media ?? [], now)
    : [];
  const count = (outcome: string) => report.filter((entry) => entry.outcome === outcome).length;
  return {
    ok: true,
    report: {
      deviceId,
      manifestSigned: manifestSigned === true,
      missing,
      unlisted,
      entries: report,
      counts: { applied: count("applied"), duplicate: count("duplicate"), quarantined: count("quarantined") },
      requests,
      media,
    },
  };
}

/**
 * Files the file's information requests as the phone would have (the same id gives the same folio). They carry no
 * signature of their own: one the signed manifest does not list with its exact hash is refused, not filed, so
 * nobody can slip a request, or change one, on the way. Text is cleaned as on the web route.
 */
async function fileRequests(
  db: Kysely<Database>,
  listed: readonly { id: string; sha256: string }[],
  raws: readonly unknown[],
  now: () => Date,
): Promise<TransferReport["requests"]> {
  const hashes = new Map(listed.map((entry) => [entry.id, entry.sha256]));
  const answers: TransferReport["requests"] = [];
  const refuse = (index: number, id: string | null, problem: Problem) =>
    answers.push({ index, id, outcome: "refused", problem: briefProblem(problem) });
  for (const [index, raw] of raws.entries()) {
    const id = typeof (raw as { id?: unknown } | null)?.id === "string" ? (raw as { id: string }).id : null;
    if (!id || hashes.get(id) !== safeSha(raw)) {
      refuse(
        index,
        id,
        makeProblem("invalid-request", 422, "This request is not the one the signed list names"),
      );
      continue;
    }
    const cleaned: unknown = JSON.parse(JSON.stringify(raw), (_key, item: unknown) =>
      typeof item === "string" ? cleanText(item) : item,
    );
    const request = NewInfoRequest.safeParse(cleaned);
    if (!request.success) {
      refuse(index, id, makeProblem("invalid-request", 422, "The request is not valid"));
      continue;
    }
    const outcome = await fileRequest(
      db,
      request.data,
      await loadCalendar(db, request.data.institutionId),
      now(),
    );
    if (outcome.kind === "filed" || outcome.kind === "duplicate")
      answers.push({ index, id, outcome: outcome.kind, folio: outcome.request.folio });
    else
      refuse(
        index,
        id,
        outcome.kind === "conflict"
          ? makeProblem("request-conflict", 409, "Another request already has this id")
          : makeProblem("unknown-institution", 422, "The institution does not exist or takes no requests"),
      );
  }
  return answers;
}

/** The SHA-256 of a payload's canonical JSON, as the device listed it; undefined for what cannot be read. */
function safeSha(payload: unknown): string | undefined {
  try {
    return sha256Hex(canonicalJson(payload));
  } catch {
    return undefined;
  }
}
