// Relays other phones' offline transfer files (issue #14) this enrolled phone carries: each file goes as it is to
// POST /api/v1/sync/relay with this phone's token; the server checks every entry against its own device's key, so
// a relay is harmless to repeat (what arrived before is answered "duplicate").
import { makeProblem, Problem } from "../../domain/problem";
import type { RelayEntry, TejidoDatabase } from "../db/database";
import { markRejected, pendingOf } from "../db/outbox";
import { type Exchange, failureOf } from "./exchange";
import type { SyncError } from "./sync-errors";
import type { Sent, Transport } from "./transport";

const RELAY_PATH = "/api/v1/sync/relay";
/** Answers that say this file will never be taken as it is (not a file, too big, its phone unknown or revoked). */
const REFUSALS = new Set([400, 403, 413, 422]);

export function createRelayTransport({
  db,
  exchange,
}: {
  db: TejidoDatabase;
  exchange: Exchange;
}): Transport {
  const countAttempt = (entry: RelayEntry) => db.outbox.update(entry.seq!, { attempts: entry.attempts + 1 });
  return {
    kind: "relay",
    needsDevice: true,
    async send({ identity }) {
      const result: Sent = { sent: 0, rejected: 0 };
      if (!identity) return result;
      let failure: SyncError | undefined;
      for (const entry of await pendingOf(db, "relay")) {
        let answer: Awaited<ReturnType<Exchange>>;
        try {
          answer = await exchange(RELAY_PATH, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/json",
              authorization: `Bearer ${identity.token}`,
            },
            body: JSON.stringify(entry.relay.file),
          });
        } catch (error) {
          await countAttempt(entry);
          throw error;
        }
        const { response } = answer;
        if (response.ok) {
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
          const error = failureOf(response, RELAY_PATH);
          // This phone is not enrolled any more, or the server sheds load: the exchange stops here.
          if (response.status === 401 || response.status === 503 || response.status === 429) throw error;
          failure ??= error;
        }
      }
      return failure ? { ...result, failure } : result;
    },
  };
}

/** Sets a refused file aside, on the person's decision. */
export async function discardRelay(db: TejidoDatabase, seq: number): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.kind === "relay" && entry.status === "rejected") await db.outbox.delete(seq);
  });
}
