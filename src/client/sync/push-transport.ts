// Sends the outbox's signed mutations (inputs, workshops) in bounded batches, as an enrolled device.
import { canonicalJson } from "../../domain/canonical-json";
import { makeProblem, problemTypeOf } from "../../domain/problem";
import { PROTOCOL_VERSION, PUSH_LIMITS, PushResponse } from "../../domain/sync-messages";
import type { MutationEntry, TejidoDatabase } from "../db/database";
import { type Acknowledgement, countAttempt, recordAcknowledgements, takeBatch } from "../db/outbox";
import { type DeviceIdentity, signText } from "../enrol/device-identity";
import { type Answer, type Exchange, failureOf } from "./exchange";
import { SyncError } from "./sync-errors";
import type { Sent, Transport } from "./transport";

export interface PushOptions {
  db: TejidoDatabase;
  exchange: Exchange;
  batchSize?: number;
  maxBatchBytes?: number;
  /** Gzip push bodies where the runtime has CompressionStream (default). */
  compress?: boolean;
}

const JSON_BODY_OVERHEAD = 200;
/** Answered pushes in a row before a shrunken batch grows again. */
const GROW_AFTER = 3;
const PUSH_PATH = "/api/v1/sync/push";

/**
 * Signs, as they first leave (pushed, or written to a transfer file), the entries not signed yet (inputs saved
 * before this phone was enrolled too), and keeps each signature with its entry: a mutation sent again, by any
 * way, is then the very same bytes.
 */
export async function signEntries(
  db: TejidoDatabase,
  entries: MutationEntry[],
  identity: DeviceIdentity,
): Promise<void> {
  const unsigned = entries.filter((entry) => !entry.mutation.signature);
  if (unsigned.length === 0) return;
  for (const entry of unsigned) {
    const signature = await signText(identity.privateKey, canonicalJson(entry.mutation.payload));
    entry.mutation = { ...entry.mutation, signature };
  }
  await db.outbox.bulkPut(unsigned);
}

export function createPushTransport(options: PushOptions): Transport & { currentBatchSize(): number } {
  const { db, exchange } = options;
  const compress = (options.compress ?? true) && typeof CompressionStream === "function";
  const maxBatchSize = Math.min(options.batchSize ?? 50, PUSH_LIMITS.maxMutations);
  const maxBatchBytes = Math.min(
    options.maxBatchBytes ?? 256_000,
    PUSH_LIMITS.maxBodyBytes - JSON_BODY_OVERHEAD,
  );
  // Adapts to the link: halved after a timeout or a 413; after GROW_AFTER answered pushes in a row it
  // grows by half again, so a link that only carries half a batch costs one timeout now and then, not every other push.
  let batchSize = maxBatchSize;
  let answeredInARow = 0;
  const shrinkBatch = (sent: number) => {
    batchSize = Math.max(1, Math.floor(sent / 2));
    answeredInARow = 0;
  };

  /** One batch; undefined when nothing is left to push. */
  async function pushOnce(identity: DeviceIdentity): Promise<Sent | undefined> {
    const batch = await takeBatch(db, batchSize, maxBatchBytes);
    if (batch.length === 0) return undefined;
    const seqs = batch.map((entry) => entry.seq!);
    let answer: Answer;
    try {
      await signEntries(db, batch, identity);
      const mutations = batch.map((entry) => entry.mutation);
      const json = JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId: identity.deviceId, mutations });
      const encoded = await encodeBody(json, compress);
      answer = await exchange(PUSH_PATH, {
        method: "POST",
        body: encoded.body,
        headers: { ...encoded.headers, authorization: `Bearer ${identity.token}` },
      });
    } catch (error) {
      // A link too slow for this batch may carry a smaller one.
      if (error instanceof SyncError && error.kind === "timeout") shrinkBatch(batch.length);
      await countAttempt(db, seqs);
      throw error;
    }
    const { response } = answer;
    if (response.status === 413) {
      if (batch.length > 1) {
        shrinkBatch(batch.length);
        return { sent: 0, rejected: 0 };
      }
      // A single mutation larger than the server takes can never be sent as is: a person must see it.
      const only = batch[0]!;
      const problem = makeProblem("payload-too-large", 413, "The mutation is too large");
      await recordAcknowledgements(db, [
        { seq: only.seq!, mutation: only.mutation, status: "rejected", problem },
      ]);
      return { sent: 0, rejected: 1 };
    }
    if (!response.ok) {
      await countAttempt(db, seqs);
      if (response.status === 401) throw new SyncError("unenrolled", `${PUSH_PATH}: device not enrolled`);
      if (response.status === 403) {
        const problem = (await response.json().catch(() => ({}))) as { type?: string };
        if (problemTypeOf(problem.type ?? "") === "device-revoked")
          throw new SyncError("revoked", `${PUSH_PATH}: device revoked`);
      }
      throw failureOf(response, PUSH_PATH);
    }
    const parsed = PushResponse.safeParse(answer.body);
    if (!parsed.success) throw new SyncError("protocol", `${PUSH_PATH}: unexpected answer`);

    const acks = new Map<number, Acknowledgement>();
    for (const result of parsed.data.results) {
      const entry = batch[result.index];
      // Only an answer that names this entry's own mutationId may take it out of the outbox.
      if (!entry || result.mutationId !== entry.mutation.mutationId || acks.has(entry.seq!)) continue;
      const base = { seq: entry.seq!, mutation: entry.mutation };
      acks.set(
        entry.seq!,
        result.status === "rejected"
          ? {
              ...base,
              status: "rejected",
              problem: result.problem ?? makeProblem("invalid-mutation", 422, "Rejected"),
            }
          : { ...base, status: result.status, at: parsed.data.serverTime },
      );
    }
    await recordAcknowledgements(db, [...acks.values()]);
    if (acks.size < batch.length) {
      throw new SyncError(
        "protocol",
        `${PUSH_PATH}: ${batch.length - acks.size} mutations were not answered`,
      );
    }
    answeredInARow += 1;
    if (answeredInARow >= GROW_AFTER && batchSize < maxBatchSize) {
      batchSize = Math.min(maxBatchSize, Math.ceil(batchSize * 1.5));
      answeredInARow = 0;
    }
    const rejected = [...acks.values()].filter((ack) => ack.status === "rejected").length;
    return {
      sent: acks.size - rejected,
      rejected,
      updateRequired: parsed.data.clientUpdate === "required",
    };
  }

  return {
    kind: "mutation",
    needsDevice: true,
    async send({ identity }) {
      const total: Sent = { sent: 0, rejected: 0 };
      for (;;) {
        const pushed = await pushOnce(identity!);
        if (!pushed) return total;
        total.sent += pushed.sent;
        total.rejected += pushed.rejected;
        if (pushed.updateRequired) total.updateRequired = true;
      }
    },
    currentBatchSize: () => batchSize,
  };
}

/** Below this size gzip saves too little to be worth the CPU of a slow phone. */
const COMPRESS_FROM_BYTES = 1_024;

/** A push body, gzip-compressed when worthwhile: on 2G every byte is time and money. */
async function encodeBody(
  json: string,
  compress: boolean,
): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!compress || json.length < COMPRESS_FROM_BYTES) return { body: json, headers };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return { body, headers: { ...headers, "content-encoding": "gzip" } };
}
