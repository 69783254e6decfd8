// Sends the requesters' clarifications saved on the status page (no enrolment: a citizen's phone). The reply's
// id makes a re-send after a lost answer harmless; the status the server answers becomes the one seen offline.
import { makeProblem, Problem } from "../../domain/problem";
import { PublicRequestStatus } from "../../domain/requests/info-request";
import type { ReplyEntry, TejidoDatabase } from "../db/database";
import { markRejected, pendingOf } from "../db/outbox";
import { rememberStatus } from "../requests/status-cache";
import { type Exchange, failureOf } from "./exchange";
import type { SyncError } from "./sync-errors";
import type { Sent, Transport } from "./transport";

const REPLY_PATH = "/api/v1/requests/clarification";
/** Answers that say this reply will never be taken (404: no such folio and code; 409: not awaited any more). */
const REFUSALS = new Set([400, 404, 409, 413, 422]);

export function createReplyTransport({
  db,
  exchange,
}: {
  db: TejidoDatabase;
  exchange: Exchange;
}): Transport {
  const countAttempt = (entry: ReplyEntry) => db.outbox.update(entry.seq!, { attempts: entry.attempts + 1 });
  return {
    kind: "reply",
    needsDevice: false,
    async send() {
      const result: Sent = { sent: 0, rejected: 0 };
      let failure: SyncError | undefined;
      for (const entry of await pendingOf(db, "reply")) {
        let answer: Awaited<ReturnType<Exchange>>;
        try {
          answer = await exchange(REPLY_PATH, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(entry.reply),
          });
        } catch (error) {
          await countAttempt(entry);
          throw error;
        }
        const { response, body } = answer;
        if (response.ok) {
          const status = PublicRequestStatus.safeParse(body).data;
          if (status) await rememberStatus(status, entry.reply.folio, entry.reply.trackingCode);
          await db.outbox.delete(entry.seq!);
          result.sent += 1;
        } else if (REFUSALS.has(response.status)) {
          const problem =
            Problem.safeParse(await response.json().catch(() => undefined)).data ??
            makeProblem("invalid-request", response.status, "Refused");
          await markRejected(db, entry.seq!, problem);
          result.rejected += 1;
        } else {
          await countAttempt(entry);
          const error = failureOf(response, REPLY_PATH);
          if (response.status === 503 || response.status === 429) throw error;
          failure ??= error;
        }
      }
      return failure ? { ...result, failure } : result;
    },
  };
}

/** Sets a refused reply aside, on the person's decision. */
export async function discardRejectedReply(db: TejidoDatabase, seq: number): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.kind === "reply" && entry.status === "rejected") await db.outbox.delete(seq);
  });
}
