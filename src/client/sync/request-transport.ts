// Files the outbox's information requests, anonymously: a citizen's phone is not an enrolled device.
import { makeProblem, Problem } from "../../domain/problem";
import { FiledRequest, type NewInfoRequest } from "../../domain/requests/info-request";
import type { RequestEntry, StoredRequest, TejidoDatabase } from "../db/database";
import { markRejected, pendingOf } from "../db/outbox";
import { type Exchange, failureOf } from "./exchange";
import { type SyncError, SyncError as SyncErrorClass } from "./sync-errors";
import type { Sent, Transport } from "./transport";

const REQUESTS_PATH = "/api/v1/requests";
/** Answers that say this request will never be taken as it is: kept on the phone with the reason, not retried. */
const REFUSALS = new Set([400, 409, 413, 422]);

/** The request as the server reads it: what the phone keeps for itself stays here. */
export function wireRequest(stored: StoredRequest): NewInfoRequest | undefined {
  if (stored.trackingCode === null) return undefined;
  const {
    institutionName: _name,
    state: _state,
    attempts: _attempts,
    folio: _folio,
    receivedAt: _at,
    dueDate: _due,
    problem: _problem,
    status: _status,
    statusAt: _statusAt,
    ...request
  } = stored;
  return { ...request, trackingCode: stored.trackingCode };
}

/**
 * One by one (they are few and each takes a folio). A lost answer is harmless: the re-send gets the same
 * folio. A refusal is kept on the phone with its reason. A request refused for another reason does not hold
 * back the others; the first such failure is returned once all were tried, so the exchange is retried later.
 */
export function createRequestTransport({
  db,
  exchange,
}: {
  db: TejidoDatabase;
  exchange: Exchange;
}): Transport {
  async function refuse(entry: RequestEntry, problem: Problem): Promise<void> {
    await db.transaction("rw", db.requests, db.outbox, async () => {
      await db.requests.update(entry.recordId, { state: "rejected", problem });
      await markRejected(db, entry.seq!, problem);
    });
  }

  async function countAttempt(entry: RequestEntry, stored: StoredRequest): Promise<void> {
    await db.transaction("rw", db.requests, db.outbox, async () => {
      await db.requests.update(stored.id, { attempts: stored.attempts + 1 });
      await db.outbox.update(entry.seq!, { attempts: entry.attempts + 1 });
    });
  }

  return {
    kind: "request",
    needsDevice: false,
    async send() {
      const result: Sent = { sent: 0, rejected: 0 };
      let failure: SyncError | undefined;
      for (const entry of await pendingOf(db, "request")) {
        const stored = await db.requests.get(entry.recordId);
        const request = stored && wireRequest(stored);
        if (!stored || !request) {
          // Cannot happen through the app (the code is erased only once sent), but never skip a request silently.
          await refuse(
            entry,
            makeProblem(
              "invalid-request",
              400,
              "The request or its tracking code is no longer on this phone",
            ),
          );
          result.rejected += 1;
          continue;
        }
        let answer: Awaited<ReturnType<Exchange>>;
        try {
          answer = await exchange(REQUESTS_PATH, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(request),
          });
        } catch (error) {
          await countAttempt(entry, stored);
          throw error;
        }
        const { response, body } = answer;
        if (response.ok) {
          const filed = FiledRequest.safeParse(body).data;
          if (!filed || filed.id !== stored.id) {
            failure ??= new SyncErrorClass("protocol", `${REQUESTS_PATH}: unexpected answer`);
            continue;
          }
          await db.transaction("rw", db.requests, db.outbox, async () => {
            await db.requests.update(stored.id, {
              state: "sent",
              folio: filed.folio,
              receivedAt: filed.receivedAt,
              dueDate: filed.dueDate,
            });
            await db.outbox.delete(entry.seq!);
          });
          result.sent += 1;
        } else if (REFUSALS.has(response.status)) {
          const problem =
            Problem.safeParse(await response.json().catch(() => undefined)).data ??
            makeProblem("invalid-request", response.status, "Refused");
          await refuse(entry, problem);
          result.rejected += 1;
        } else {
          await countAttempt(entry, stored);
          const error = failureOf(response, REQUESTS_PATH);
          // A server shedding load (or this address over its limit): the next requests would fare no better.
          if (response.status === 503 || response.status === 429) throw error;
          // Any other failure may be this request's alone: it must not hold back the ones behind it.
          failure ??= error;
        }
      }
      return failure ? { ...result, failure } : result;
    },
  };
}
