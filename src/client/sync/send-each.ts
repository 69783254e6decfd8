// The loop shared by the outbox kinds sent one entry per request (clarifications, relayed files): each pending
// entry is sent; an accepted one leaves the outbox, a refused one stays marked for a person, any other answer is
// counted and tried again by the scheduler (a lost connection, load shedding or a lost enrolment stop the exchange).
import { makeProblem, Problem } from "../../domain/problem";
import type { OutboxEntry, OutboxKind, TejidoDatabase } from "../db/database";
import { markRejected, pendingOf } from "../db/outbox";
import { type Answer, type Exchange, failureOf } from "./exchange";
import type { SyncError } from "./sync-errors";
import type { Sent } from "./transport";

export async function sendEach<K extends OutboxKind>(
  { db, exchange }: { db: TejidoDatabase; exchange: Exchange },
  kind: K,
  {
    path,
    refusals,
    stops,
    request,
    accepted,
  }: {
    path: string;
    /** Statuses that say the entry will never be taken as it is. */
    refusals: ReadonlySet<number>;
    /** Statuses that stop the whole exchange (besides a failed connection). */
    stops: ReadonlySet<number>;
    request(entry: Extract<OutboxEntry, { kind: K }>): RequestInit;
    /** Done once the server took the entry, before it leaves the outbox. */
    accepted?(entry: Extract<OutboxEntry, { kind: K }>, answer: Answer): Promise<void>;
  },
): Promise<Sent> {
  const result: Sent = { sent: 0, rejected: 0 };
  let failure: SyncError | undefined;
  for (const entry of await pendingOf(db, kind)) {
    const countAttempt = () => db.outbox.update(entry.seq!, { attempts: entry.attempts + 1 });
    let answer: Answer;
    try {
      answer = await exchange(path, request(entry));
    } catch (error) {
      await countAttempt();
      throw error;
    }
    const { response } = answer;
    if (response.ok) {
      await accepted?.(entry, answer);
      await db.outbox.delete(entry.seq!);
      result.sent += 1;
    } else if (refusals.has(response.status)) {
      const problem =
        Problem.safeParse(await response.json().catch(() => undefined)).data ??
        makeProblem("invalid-request", response.status, "Refused");
      await markRejected(db, entry.seq!, problem);
      result.rejected += 1;
    } else {
      await countAttempt();
      const error = failureOf(response, path);
      if (stops.has(response.status)) throw error;
      failure ??= error;
    }
  }
  return failure ? { ...result, failure } : result;
}
