// Applies an offline transfer file (issue #14) exactly as if its device had pushed it: the same per-mutation
// signature checks against the device's enrolled key, the same exactly-once log, the same quarantine. The file may
// arrive through an organizer's upload or through another phone that relays it; either way each entry keeps its
// device's id and signature. A file cut short, altered or made elsewhere still gives every valid entry it holds,
// and says what was wrong with the rest.
import type { Kysely } from "kysely";
import { canonicalJson } from "../../domain/canonical-json";
import { makeProblem, type Problem } from "../../domain/problem";
import { PUSH_LIMITS } from "../../domain/sync-messages";
import { manifestText, type TransferFile, type TransferReport } from "../../domain/transfer";
import type { SignatureChecker } from "../devices/signature-checker";
import { sha256Hex } from "../hash";
import type { Database } from "../storage/schema";
import { applyBatch, prepareMutations, quarantine, rawText, readMutationId } from "./apply-batch";

export type ImportRefusal = { reason: "device-unknown" } | { reason: "device-revoked"; problem: Problem };

export async function importTransfer(
  db: Kysely<Database>,
  file: TransferFile,
  signatures: SignatureChecker,
  now: () => Date,
  quarantineBytes?: number,
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
        ...(result.problem
          ? {
              problem: {
                type: result.problem.type,
                title: result.problem.title,
                status: result.problem.status,
              },
            }
          : {}),
      });
    }
  }
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
    },
  };
}

/** The SHA-256 of a payload's canonical JSON, as the device listed it; undefined for what cannot be read. */
function safeSha(payload: unknown): string | undefined {
  try {
    return sha256Hex(canonicalJson(payload));
  } catch {
    return undefined;
  }
}
