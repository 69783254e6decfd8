// Information requests on the phone: saved in one write before anything is sent, then sent by the sync engine.

import { z } from "zod/mini";
import { makeProblem, Problem } from "../../domain/problem";
import {
  type FiledRequest,
  FiledRequest as FiledRequestSchema,
  Institution,
  type NewInfoRequest,
  NewInfoRequest as NewInfoRequestSchema,
} from "../../domain/requests/info-request";
import type { StoredRequest, TejidoDatabase } from "../db/database";
import { SyncError } from "../sync/sync-errors";

/** Stores the request as the server will read it (trimmed, canonical code); throws if it is not valid. */
export async function saveRequest(
  db: TejidoDatabase,
  request: NewInfoRequest,
  institutionName: string,
): Promise<void> {
  const checked = NewInfoRequestSchema.parse(request);
  await db.requests.add({ ...checked, institutionName, state: "pending", attempts: 0 });
}

/**
 * Erases the tracking code from this phone once the person has it written, printed or handed over. Only
 * after the server has the request: the code travels with it, so a pending request keeps it.
 */
export async function forgetTrackingCode(db: TejidoDatabase, id: string): Promise<boolean> {
  return db.transaction("rw", db.requests, async () => {
    const stored = await db.requests.get(id);
    if (stored?.state !== "sent") return false;
    await db.requests.update(id, { trackingCode: null });
    return true;
  });
}

/** Sets a refused request aside on a person's decision. */
export async function deleteRejectedRequest(db: TejidoDatabase, id: string): Promise<void> {
  await db.transaction("rw", db.requests, async () => {
    const stored = await db.requests.get(id);
    if (stored?.state === "rejected") await db.requests.delete(id);
  });
}

export type Exchange = (path: string, init: RequestInit) => Promise<{ response: Response; body: unknown }>;

const REQUESTS_PATH = "/api/v1/requests";
const INSTITUTIONS_PATH = "/api/v1/institutions";

function wireRequest(stored: StoredRequest): NewInfoRequest | undefined {
  if (stored.trackingCode === null) return undefined;
  const {
    institutionName: _name,
    state: _state,
    attempts: _attempts,
    folio: _folio,
    receivedAt: _at,
    dueDate: _due,
    problem: _problem,
    ...request
  } = stored;
  return { ...request, trackingCode: stored.trackingCode };
}

/**
 * Sends every pending request, one by one (they are few and each takes a folio). A lost answer is
 * harmless: the re-send gets the same folio. A refusal is kept on the phone with its reason. A request the
 * server cannot take now does not hold back the others: the first such failure is returned, to be retried.
 */
export async function sendPendingRequests(
  db: TejidoDatabase,
  exchange: Exchange,
): Promise<{ sent: number; rejected: number; failure?: SyncError }> {
  const pending = await db.requests.where("state").equals("pending").sortBy("createdAt");
  let sent = 0;
  let rejected = 0;
  let failure: SyncError | undefined;
  for (const stored of pending) {
    const request = wireRequest(stored);
    if (!request) {
      // Cannot happen through the app (the code is erased only once sent), but never skip a request silently.
      const problem = makeProblem(
        "invalid-request",
        400,
        "The tracking code was erased before the request was sent",
      );
      await db.requests.update(stored.id, { state: "rejected", problem });
      rejected += 1;
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
      await db.requests.update(stored.id, { attempts: stored.attempts + 1 });
      // No answer at all: the link is down, and the next requests would fare no better.
      if (error instanceof SyncError && (error.kind === "offline" || error.kind === "timeout")) throw error;
      failure ??= error instanceof SyncError ? error : new SyncError("offline", String(error));
      continue;
    }
    const { response, body } = answer;
    if (response.ok) {
      const filed: FiledRequest | undefined = FiledRequestSchema.safeParse(body).data;
      if (!filed || filed.id !== stored.id) {
        failure ??= new SyncError("protocol", `${REQUESTS_PATH}: unexpected answer`);
        continue;
      }
      await db.requests.update(stored.id, {
        state: "sent",
        folio: filed.folio,
        receivedAt: filed.receivedAt,
        dueDate: filed.dueDate,
      });
      sent += 1;
    } else if (response.status === 409 || response.status === 422) {
      const problem =
        Problem.safeParse(await response.json().catch(() => undefined)).data ??
        makeProblem("invalid-request", response.status, "Refused");
      await db.requests.update(stored.id, { state: "rejected", problem });
      rejected += 1;
    } else {
      await db.requests.update(stored.id, { attempts: stored.attempts + 1 });
      const kind =
        response.status >= 500 || response.status === 429 || response.status === 408 ? "server" : "rejected";
      failure ??= new SyncError(kind, `${REQUESTS_PATH} answered ${response.status}`);
    }
  }
  return { sent, rejected, ...(failure ? { failure } : {}) };
}

const InstitutionList = z.object({ institutions: z.array(Institution) });

/** Refreshes the phone's copy of the institutions (a 304 costs a few bytes). Keeps the old copy on any failure. */
export async function refreshInstitutions(
  db: TejidoDatabase,
  exchange: Exchange,
  etag: { get(): Promise<string | undefined>; set(value: string): Promise<void> },
): Promise<void> {
  const known = await etag.get();
  const hasCopy = (await db.institutions.count()) > 0;
  const { response, body } = await exchange(INSTITUTIONS_PATH, {
    method: "GET",
    headers: { accept: "application/json", ...(known && hasCopy ? { "if-none-match": known } : {}) },
  });
  if (response.status === 304 || !response.ok) return;
  const parsed = InstitutionList.safeParse(body);
  if (!parsed.success) return;
  await db.transaction("rw", db.institutions, async () => {
    await db.institutions.clear();
    await db.institutions.bulkPut(parsed.data.institutions);
  });
  const tag = response.headers.get("etag");
  if (tag) await etag.set(tag);
}
