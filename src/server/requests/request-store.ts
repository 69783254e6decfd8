// Information requests in the database: filing (idempotent), the public status view, appeals, and the officer's work.

import { timingSafeEqual } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { uuidv7 } from "uuidv7";
import { canonicalJson } from "../../domain/canonical-json";
import { parseFolio } from "../../domain/requests/folio";
import { type HolidayCalendar, unconfirmedYears } from "../../domain/requests/holiday-calendar";
import type {
  FiledRequest,
  HistoryEntry,
  InboxItem,
  InstitutionStatistics,
  LegalTerm,
  NewInfoRequest,
  OfficerAction,
  PublicAttachment,
  PublicRequestStatus,
  RequestKind,
  RequestStatus,
} from "../../domain/requests/info-request";
import { isPersonalData } from "../../domain/requests/info-request";
import {
  addBusinessDays,
  answerDueDate,
  answerTermOf,
  appealDueDate,
  clarificationDueDate,
  extendDueDate,
  isOverdue,
  LEGAL_TIME_ZONE,
  silenceAppealDueDate,
} from "../../domain/requests/laip-deadlines";
import { legalTerms } from "../../domain/requests/legal-terms";
import { localDateTimeIn } from "../../domain/requests/local-time";
import {
  APPEALABLE_STATUSES,
  allowedActions,
  awaitsClarification,
  CLOSED_STATUSES,
  type RequestState,
  statusAfter,
} from "../../domain/requests/request-workflow";
import { normalizeTrackingCode } from "../../domain/requests/tracking-code";
import { sha256Hex } from "../hash";
import { statusMail } from "../mail/status-mail";
import { appendChange, audienceOfReader } from "../storage/changelog";
import type { Database, InfoRequestsTable } from "../storage/schema";
import { officeHoursOf } from "./catalogue-store";
import { allocateFolio } from "./folio-allocator";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
/** A request as the server checked it: the tracking code in its canonical form. */
export type CheckedRequest = Omit<NewInfoRequest, "trackingCode"> & { trackingCode: string };

export type FileOutcome =
  | { kind: "filed" | "duplicate"; request: FiledRequest }
  | { kind: "conflict" }
  | { kind: "unknown-institution" };

class LostRace extends Error {}

function filedView(row: Pick<InfoRequestsTable, "id" | "folio" | "received_at" | "due_date">): FiledRequest {
  return { id: row.id, folio: row.folio, receivedAt: row.received_at, dueDate: row.due_date };
}

/**
 * Stores a citizen's request once, whatever number of times the phone sends it: the same id with the
 * same content answers with the folio it got the first time; the same id with other content is a conflict.
 * The folio is taken in the same transaction as the request, so a failed insert returns its number.
 */
export async function fileRequest(
  db: Db,
  request: CheckedRequest,
  calendar: HolidayCalendar,
  now: Date,
): Promise<FileOutcome> {
  const payloadSha256 = sha256Hex(canonicalJson(request));
  const earlier = async (): Promise<FileOutcome | undefined> => {
    const row = await db
      .selectFrom("info_requests")
      .select(["id", "folio", "received_at", "due_date", "payload_sha256"])
      .where("id", "=", request.id)
      .executeTakeFirst();
    if (!row) return undefined;
    return row.payload_sha256 === payloadSha256
      ? { kind: "duplicate", request: filedView(row) }
      : { kind: "conflict" };
  };
  const seen = await earlier();
  if (seen) return seen;
  const receivedAt = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const institution = await trx
        .selectFrom("institutions")
        .select(["id", "acronym", "office_closes", "half_day_closes"])
        .where("id", "=", request.institutionId)
        .where("active", "=", 1)
        .executeTakeFirst();
      if (!institution) return { kind: "unknown-institution" } as const;
      const folio = await allocateFolio(trx, institution, now);
      const row = {
        id: request.id,
        folio,
        institution_id: institution.id,
        device_id: request.deviceId,
        channel: request.channel,
        description: request.description,
        requester_name: request.requesterName,
        contact_email: request.contactEmail ?? null,
        contact_phone: request.contactPhone ?? null,
        delivery: request.delivery,
        provisional_code: request.provisionalCode,
        tracking_sha256: sha256Hex(request.trackingCode),
        payload_sha256: payloadSha256,
        created_at: request.createdAt,
        received_at: receivedAt,
        // Received after its unit's closing time, it counts from the next business day.
        due_date: answerDueDate(now, calendar, officeHoursOf(institution), answerTermOf(request.kind).days),
        extended_due_date: null,
        status: "received",
        revision: 0,
        answer_text: null,
        answered_at: null,
        legal_basis: null,
        referred_from: null,
        referred_to: null,
        appeal_filed_at: null,
        appeal_reason: null,
        appeal_resolution: null,
        appeal_resolved_at: null,
        updated_at: receivedAt,
        reader_sha256: request.readerSha256 ?? null,
        request_kind: request.kind ?? "information",
      };
      const inserted = await trx
        .insertInto("info_requests")
        .values(row)
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      // Another copy of this request committed first (PostgreSQL): roll back so its folio number returns.
      if (!inserted) throw new LostRace();
      await logEvent(trx, row.id, receivedAt, { actor: "requester", event: "filed", status: "received" });
      return { kind: "filed", request: filedView(row) } as const;
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    return (await earlier()) ?? { kind: "conflict" };
  }
}

/** One line of a request's history (the audit log), in the transaction of the change it records. */
export async function logEvent(
  trx: Trx,
  requestId: string,
  at: string,
  entry: {
    actor: "requester" | "officer" | "system";
    actorId?: string;
    event: string;
    status: string;
    note?: string | null;
    details?: unknown;
  },
): Promise<void> {
  await trx
    .insertInto("request_events")
    .values({
      request_id: requestId,
      at,
      actor: entry.actor,
      actor_id: entry.actorId ?? null,
      event: entry.event,
      status: entry.status,
      note: entry.note ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

// A fixed hash compared when the folio does not exist, so a missing folio costs the same as a wrong code.
const NO_SUCH_HASH = sha256Hex("no such request");

/**
 * The request with this folio (or the provisional code printed on an offline receipt), if the tracking
 * code is its own. A missing folio and a wrong code are indistinguishable to the caller, in answer and in work done.
 */
export async function findByFolioAndCode(
  db: Db,
  folio: string,
  trackingCode: string,
): Promise<InfoRequestsTable | undefined> {
  const key = folio.trim().toUpperCase();
  const code = normalizeTrackingCode(trackingCode) ?? "";
  const given = Buffer.from(sha256Hex(code), "hex");
  let rows: InfoRequestsTable[] = [];
  // Provisional first: "P-2026-1234" could read as a folio, but no acronym is a single letter.
  if (/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(key)) {
    // Provisional codes are random, not unique: the tracking code tells the requests apart. A referred
    // copy shares both, so the original (not referred from another) is the one shown.
    rows = await db
      .selectFrom("info_requests")
      .selectAll()
      .where("provisional_code", "=", key)
      .where("referred_from", "is", null)
      .execute();
  } else if (parseFolio(key)) {
    rows = await db.selectFrom("info_requests").selectAll().where("folio", "=", key).execute();
  }
  let found: InfoRequestsTable | undefined;
  for (const row of rows.length > 0 ? rows : [undefined]) {
    const expected = Buffer.from(row?.tracking_sha256 ?? NO_SUCH_HASH, "hex");
    if (timingSafeEqual(expected, given) && row && code !== "") found = row;
  }
  return found;
}

const currentDue = (row: InfoRequestsTable) => row.extended_due_date ?? row.due_date;

const dateOrNull = (iso: string | null) => (iso ? new Date(iso) : null);

/** Waiting for the requester's clarification: the answer term does not run (LAIP Art. 42 inciso 2). */
const waiting = (row: InfoRequestsTable) => awaitsClarification(row.status as RequestStatus);

/** The LAIP terms running for this request now, with their articles. */
function termsOf(row: InfoRequestsTable, calendar: HolidayCalendar, now: Date): LegalTerm[] {
  return legalTerms(
    {
      dueDate: row.due_date,
      extendedDueDate: row.extended_due_date,
      closed: isClosed(row),
      appealable: APPEALABLE_STATUSES.has(row.status as RequestStatus) && row.answered_at !== null,
      notifiedAt: dateOrNull(row.notified_at),
      appealFiledAt: dateOrNull(row.appeal_filed_at),
      appealResolvedAt: dateOrNull(row.appeal_resolved_at),
      appealOrdersDelivery: /^(overturned|partly):/.test(row.appeal_resolution ?? ""),
      clarificationDue: waiting(row) ? row.clarification_due : null,
      answerArticle: answerTermOf(row.request_kind).article,
    },
    calendar,
    now,
  );
}
const isClosed = (row: InfoRequestsTable) => CLOSED_STATUSES.has(row.status as RequestStatus);

/** Whether an appeal may be filed now and until which day: after a final answer, or once the term passed unanswered. */
export function appealWindow(
  row: InfoRequestsTable,
  calendar: HolidayCalendar,
  now: Date,
): { open: boolean; until: string | null } {
  if (row.appeal_filed_at) return { open: false, until: null };
  const status = row.status as RequestStatus;
  // LAIP Art. 54: the window counts from notification; an answer no one was told of has not started it.
  if (APPEALABLE_STATUSES.has(status) && row.answered_at) {
    if (!row.notified_at) return { open: false, until: null };
    const until = appealDueDate(new Date(row.notified_at), calendar);
    return { open: !isOverdue(until, now), until };
  }
  // Silence: the term ended with no answer (LAIP Art. 55 lets the requester appeal that too).
  if (!isClosed(row) && !waiting(row) && isOverdue(currentDue(row), now)) {
    const until = silenceAppealDueDate(currentDue(row), calendar);
    return { open: !isOverdue(until, now), until };
  }
  return { open: false, until: null };
}

async function filesOf(db: Db | Trx, requestId: string): Promise<PublicAttachment[]> {
  return db
    .selectFrom("attachments")
    .select(["id", "name", "mime", "size", "sha256"])
    .where("request_id", "=", requestId)
    .where("state", "=", "complete")
    .orderBy("created_at")
    .execute();
}

async function historyOf(db: Db | Trx, requestId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("request_events")
    .select(["at", "status", "event", "note"])
    .where("request_id", "=", requestId)
    .orderBy("id")
    .execute();
  // The requester sees what happened, not the office's bookkeeping: no classification, no identity document.
  return rows
    .filter((row) => row.event !== "classify")
    .map((row) => ({
      ...row,
      status: row.status as RequestStatus,
      note: row.event === "accredit" ? null : row.note,
    }));
}

/** The status page's view of a request: no names, contacts or officers, only what the requester needs. */
export async function publicStatus(
  db: Db,
  row: InfoRequestsTable,
  calendar: HolidayCalendar,
  now: Date,
): Promise<PublicRequestStatus> {
  const institution = await db
    .selectFrom("institutions")
    .select(["name", "acronym", "highest_authority as highestAuthority"])
    .where("id", "=", row.institution_id)
    .executeTakeFirstOrThrow();
  let referredTo: PublicRequestStatus["referredTo"] = null;
  if (row.referred_to) {
    const target = await db
      .selectFrom("info_requests")
      .innerJoin("institutions", "institutions.id", "info_requests.institution_id")
      .select(["info_requests.folio", "institutions.name"])
      .where("info_requests.id", "=", row.referred_to)
      .executeTakeFirst();
    if (target) referredTo = { folio: target.folio, institution: target.name };
  }
  const window = appealWindow(row, calendar, now);
  return {
    folio: row.folio,
    institution,
    status: row.status as RequestStatus,
    channel: row.channel as PublicRequestStatus["channel"],
    kind: row.request_kind as RequestKind,
    description: row.description,
    receivedAt: row.received_at,
    dueDate: row.due_date,
    extendedDueDate: row.extended_due_date,
    overdue: !isClosed(row) && !waiting(row) && isOverdue(currentDue(row), now),
    history: await historyOf(db, row.id),
    answer: row.answered_at
      ? {
          text: row.answer_text ?? "",
          at: row.answered_at,
          notifiedAt: row.notified_at,
          legalBasis: row.legal_basis,
          files: await filesOf(db, row.id),
        }
      : null,
    referredTo,
    clarification:
      row.clarification_asked_at && row.clarification_question && row.clarification_due
        ? {
            question: row.clarification_question,
            askedAt: row.clarification_asked_at,
            until: row.clarification_due,
            reply: row.clarification_reply,
            repliedAt: row.clarification_replied_at,
          }
        : null,
    // The extension notice is the officer's duty, not the requester's concern.
    terms: termsOf(row, calendar, now).filter((term) => term.kind !== "extension-notice"),
    appeal: {
      open: window.open,
      until: window.until,
      filedAt: row.appeal_filed_at,
      reason: row.appeal_reason,
      resolution: row.appeal_resolution,
    },
    checkedAt: now.toISOString(),
  };
}

/** On success, the request as it now stands (so the caller need not read it again). */
export type AppealOutcome = { ok: true; row: InfoRequestsTable } | { ok: false; reason: "closed-window" };

/** Files the recurso de revisión (LAIP Art. 54; Art. 55 for silence) if its window is open. */
export async function fileAppeal(
  db: Db,
  row: InfoRequestsTable,
  reason: string,
  calendar: HolidayCalendar,
  now: Date,
): Promise<AppealOutcome> {
  if (!appealWindow(row, calendar, now).open) return { ok: false, reason: "closed-window" };
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("info_requests")
      .set({ appeal_filed_at: at, appeal_reason: reason, updated_at: at })
      .where("id", "=", row.id)
      .where("appeal_filed_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: "closed-window" } as const;
    await logEvent(trx, row.id, at, {
      actor: "requester",
      event: "appeal_filed",
      status: row.status,
      note: reason,
    });
    return { ok: true, row: { ...row, appeal_filed_at: at, appeal_reason: reason, updated_at: at } } as const;
  });
}

export type ReplyOutcome =
  | { ok: true; row: InfoRequestsTable; duplicate: boolean }
  | { ok: false; reason: "not-awaiting" };

/**
 * The requester's clarification (LAIP Art. 42 inciso 2), from the status page or recorded by the officer: the
 * request counts as received again when it arrives, and its answer term starts over. A re-send of the same reply
 * (same id) is acknowledged, never applied twice; a reply when none is awaited is refused.
 */
export async function replyToClarification(
  db: Db,
  row: InfoRequestsTable,
  reply: { id: string; text: string },
  calendar: HolidayCalendar,
  now: Date,
): Promise<ReplyOutcome> {
  if (row.clarification_reply_id === reply.id) return { ok: true, row, duplicate: true };
  if (!waiting(row)) return { ok: false, reason: "not-awaiting" };
  const at = now.toISOString();
  return db.transaction().execute(async (trx): Promise<ReplyOutcome> => {
    const changes = await clarifiedChanges(trx, row, reply.text, calendar, now);
    Object.assign(changes, { clarification_reply_id: reply.id, revision: row.revision + 1 });
    const updated = await trx
      .updateTable("info_requests")
      .set(changes)
      .where("id", "=", row.id)
      .where("revision", "=", row.revision)
      .where("status", "=", "clarification")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      // Another copy of this reply (or the officer) got there first.
      const now2 = await trx
        .selectFrom("info_requests")
        .selectAll()
        .where("id", "=", row.id)
        .executeTakeFirstOrThrow();
      return now2.clarification_reply_id === reply.id
        ? { ok: true, row: now2, duplicate: true }
        : { ok: false, reason: "not-awaiting" };
    }
    await logEvent(trx, row.id, at, {
      actor: "requester",
      event: "clarified",
      status: "in_process",
      note: reply.text,
    });
    if (row.reader_sha256)
      await appendChange(trx, {
        entity: "request",
        entityId: row.id,
        entityVersion: row.revision + 1,
        changedAt: at,
        audience: audienceOfReader(row.reader_sha256),
      });
    return { ok: true, row: { ...row, ...changes }, duplicate: false };
  });
}

/** What a clarification changes: the reply kept, back in process, the answer term counted afresh from now. */
async function clarifiedChanges(
  trx: Trx,
  row: InfoRequestsTable,
  text: string,
  calendar: HolidayCalendar,
  now: Date,
): Promise<Partial<InfoRequestsTable>> {
  const institution = await trx
    .selectFrom("institutions")
    .select(["office_closes", "half_day_closes"])
    .where("id", "=", row.institution_id)
    .executeTakeFirstOrThrow();
  const at = now.toISOString();
  return {
    status: "in_process",
    clarification_reply: text,
    clarification_replied_at: at,
    // Received again now (after closing time: the next business day), with the whole term of its kind.
    due_date: answerDueDate(now, calendar, officeHoursOf(institution), answerTermOf(row.request_kind).days),
    updated_at: at,
  };
}

/** The business days an officer gave in the last action of this kind (an extension, a clarification). */
async function daysGiven(
  db: Db,
  requestId: string,
  event: "extend" | "clarify",
): Promise<number | undefined> {
  const row = await db
    .selectFrom("request_events")
    .select("details")
    .where("request_id", "=", requestId)
    .where("event", "=", event)
    .orderBy("id", "desc")
    .executeTakeFirst();
  const days = row?.details ? (JSON.parse(row.details) as { days?: unknown }).days : undefined;
  return typeof days === "number" ? days : undefined;
}

/**
 * After an admin adds or removes a closure on `date`: counts again the terms still running through that day (the
 * answer, its extension, the days to clarify) of every open request, each with its own institution's calendar
 * (Ley del Organismo Judicial Art. 45: a day the office is closed is not counted). A term that ended before the
 * change stays as it was. Each request that moves gets a line in its history, seen by the requester, and its
 * filing phone is told in its next pull. Returns how many moved.
 */
export async function recountOpenTerms(
  db: Db,
  date: string,
  reason: string,
  now: Date,
  calendarOf: (institutionId: string) => Promise<HolidayCalendar>,
): Promise<number> {
  const rows = await db
    .selectFrom("info_requests")
    .selectAll()
    .where("status", "in", ["received", "in_process", "extended", "clarification"])
    .where((eb) =>
      eb.or([
        eb("due_date", ">=", date),
        eb("extended_due_date", ">=", date),
        eb("clarification_due", ">=", date),
      ]),
    )
    .execute();
  const calendars = new Map<string, HolidayCalendar>();
  const hoursOf = new Map<string, ReturnType<typeof officeHoursOf>>();
  let moved = 0;
  for (const row of rows) {
    if (!calendars.has(row.institution_id))
      calendars.set(row.institution_id, await calendarOf(row.institution_id));
    if (!hoursOf.has(row.institution_id)) {
      const institution = await db
        .selectFrom("institutions")
        .select(["office_closes", "half_day_closes"])
        .where("id", "=", row.institution_id)
        .executeTakeFirstOrThrow();
      hoursOf.set(row.institution_id, officeHoursOf(institution));
    }
    const calendar = calendars.get(row.institution_id)!;
    const hours = hoursOf.get(row.institution_id)!;
    const changes: Partial<InfoRequestsTable> = {};
    const stillRunning = (until: string | null) => until !== null && !isOverdue(until, now);
    if (stillRunning(currentDue(row))) {
      // The term counts from the reception, or from the reply to a clarification, which started it again.
      const start = new Date(row.clarification_replied_at ?? row.received_at);
      const due = answerDueDate(start, calendar, hours, answerTermOf(row.request_kind).days);
      if (due !== row.due_date) changes.due_date = due;
      const extension = row.extended_due_date ? await daysGiven(db, row.id, "extend") : undefined;
      if (extension !== undefined) {
        const extended = addBusinessDays(due, extension, calendar);
        if (extended !== row.extended_due_date) changes.extended_due_date = extended;
      }
    }
    if (waiting(row) && row.clarification_asked_at && stillRunning(row.clarification_due)) {
      const days = await daysGiven(db, row.id, "clarify");
      if (days !== undefined) {
        const until = clarificationDueDate(new Date(row.clarification_asked_at), days, calendar);
        if (until !== row.clarification_due) changes.clarification_due = until;
      }
    }
    if (Object.keys(changes).length === 0) continue;
    const at = now.toISOString();
    const applied = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("info_requests")
        .set({ ...changes, revision: row.revision + 1, updated_at: at })
        .where("id", "=", row.id)
        .where("revision", "=", row.revision)
        .executeTakeFirst();
      // An officer acted on it meanwhile: left as the officer's action made it.
      if (Number(updated.numUpdatedRows) === 0) return false;
      await logEvent(trx, row.id, at, {
        actor: "system",
        event: "term-moved",
        status: row.status,
        note: reason,
      });
      if (row.reader_sha256)
        await appendChange(trx, {
          entity: "request",
          entityId: row.id,
          entityVersion: row.revision + 1,
          changedAt: at,
          audience: audienceOfReader(row.reader_sha256),
        });
      return true;
    });
    if (applied) moved += 1;
  }
  return moved;
}

/** Days before a due date at which an open request is flagged as at risk. */
export const AT_RISK_BUSINESS_DAYS = 2;

/** The last due date flagged as at risk today: AT_RISK_BUSINESS_DAYS business days from now, in Guatemala. */
function atRiskLine(calendar: HolidayCalendar, now: Date): string {
  return addBusinessDays(localDateTimeIn(now, LEGAL_TIME_ZONE).date, AT_RISK_BUSINESS_DAYS, calendar);
}

/** One request as its inbox line shows it. */
function inboxItem(
  row: InfoRequestsTable,
  riskLine: string,
  calendar: HolidayCalendar,
  now: Date,
): InboxItem {
  // While the requester is asked to clarify, the day that matters is the last one to reply.
  const suspended = waiting(row) && row.clarification_due !== null;
  const open = !isClosed(row) && !suspended;
  const due = suspended ? row.clarification_due! : currentDue(row);
  const today = localDateTimeIn(now, LEGAL_TIME_ZONE).date;
  return {
    id: row.id,
    folio: row.folio,
    status: row.status as RequestStatus,
    channel: row.channel,
    kind: row.request_kind as RequestKind,
    description: row.description,
    requesterName: row.requester_name,
    receivedAt: row.received_at,
    dueDate: due,
    overdue: open && isOverdue(due, now),
    atRisk: open && !isOverdue(due, now) && due <= riskLine,
    appealPending: row.appeal_filed_at !== null && row.appeal_resolved_at === null,
    calendarUnconfirmed: open && due >= today ? unconfirmedYears(calendar, today, due) : [],
  };
}

/** The officer's inbox: open requests first, by due date; then the closed ones, latest first. */
export async function inbox(
  db: Db,
  institutionId: string,
  calendar: HolidayCalendar,
  now: Date,
): Promise<InboxItem[]> {
  const rows = await db
    .selectFrom("info_requests")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .execute();
  const riskLine = atRiskLine(calendar, now);
  const items = rows.map((row) => ({ row, item: inboxItem(row, riskLine, calendar, now) }));
  items.sort((a, b) => {
    const openA = !isClosed(a.row) || a.item.appealPending;
    const openB = !isClosed(b.row) || b.item.appealPending;
    if (openA !== openB) return openA ? -1 : 1;
    if (openA) return a.item.dueDate < b.item.dueDate ? -1 : a.item.dueDate > b.item.dueDate ? 1 : 0;
    return a.row.updated_at < b.row.updated_at ? 1 : -1;
  });
  return items.map(({ item }) => item);
}

export interface OfficerView {
  request: InboxItem & {
    contactEmail: string | null;
    contactPhone: string | null;
    delivery: string;
    provisionalCode: string;
    firstDueDate: string;
    extendedDueDate: string | null;
    clarification: PublicRequestStatus["clarification"];
    identityAccreditedAt: string | null;
    identityAccreditedVia: string | null;
    informationType: string | null;
    /** When and how the requester was told of the answer; null until then. */
    notifiedAt: string | null;
    notifiedVia: string | null;
    terms: LegalTerm[];
    answerText: string | null;
    legalBasis: string | null;
    appealReason: string | null;
    appealResolution: string | null;
  };
  allowed: string[];
  history: (HistoryEntry & { actor: string })[];
  files: PublicAttachment[];
}

const stateOf = (row: InfoRequestsTable, now: Date): RequestState => ({
  status: row.status as RequestStatus,
  clarificationAsked: row.clarification_asked_at !== null,
  clarificationTermEnded: row.clarification_due !== null && isOverdue(row.clarification_due, now),
  personalData: isPersonalData(row.request_kind),
  identityAccredited: row.identity_accredited_at !== null,
  notified: row.answered_at === null || row.notified_at !== null,
  extended: row.extended_due_date !== null,
  appealFiled: row.appeal_filed_at !== null,
  appealResolved: row.appeal_resolved_at !== null,
});

export async function officerView(
  db: Db,
  institutionId: string,
  id: string,
  calendar: HolidayCalendar,
  now: Date,
): Promise<OfficerView | undefined> {
  const row = await db
    .selectFrom("info_requests")
    .selectAll()
    .where("id", "=", id)
    .where("institution_id", "=", institutionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const item = inboxItem(row, atRiskLine(calendar, now), calendar, now);
  const events = await db
    .selectFrom("request_events")
    .select(["at", "status", "event", "note", "actor"])
    .where("request_id", "=", id)
    .orderBy("id")
    .execute();
  return {
    request: {
      ...item,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      delivery: row.delivery,
      provisionalCode: row.provisional_code,
      firstDueDate: row.due_date,
      extendedDueDate: row.extended_due_date,
      clarification: row.clarification_asked_at
        ? {
            question: row.clarification_question ?? "",
            askedAt: row.clarification_asked_at,
            until: row.clarification_due ?? "",
            reply: row.clarification_reply,
            repliedAt: row.clarification_replied_at,
          }
        : null,
      identityAccreditedAt: row.identity_accredited_at,
      identityAccreditedVia: row.identity_accredited_via,
      informationType: row.information_type,
      notifiedAt: row.notified_at,
      notifiedVia: row.notified_via,
      terms: termsOf(row, calendar, now),
      answerText: row.answer_text,
      legalBasis: row.legal_basis,
      appealReason: row.appeal_reason,
      appealResolution: row.appeal_resolution,
    },
    allowed: allowedActions(stateOf(row, now)),
    history: events.map((event) => ({ ...event, status: event.status as RequestStatus })),
    files: await filesOf(db, id),
  };
}

export type ActionOutcome =
  | { ok: true }
  | {
      ok: false;
      reason: "not-found" | "not-allowed" | "term-ended" | "unknown-institution" | "bad-attachment";
    };

/**
 * Applies an officer's action to a request of their institution, with its audit entry, in one transaction.
 * Referral files a new request at the other institution that keeps the original reception date and code.
 */
export async function applyOfficerAction(
  db: Db,
  officer: { id: string; institutionId: string },
  requestId: string,
  action: OfficerAction,
  calendar: HolidayCalendar,
  now: Date,
  /** With mail set up: the requester who left an address is told of the change (src/server/mail/). */
  mail?: { statusPageUrl: string },
): Promise<ActionOutcome> {
  const at = now.toISOString();
  return db
    .transaction()
    .execute(async (trx): Promise<ActionOutcome> => {
      const row = await trx
        .selectFrom("info_requests")
        .selectAll()
        .where("id", "=", requestId)
        .where("institution_id", "=", officer.institutionId)
        .executeTakeFirst();
      if (!row) throw new Refused("not-found");
      if (!allowedActions(stateOf(row, now)).includes(action.action)) throw new Refused("not-allowed");
      // Claim this revision: of two officers (or tabs) acting at once, the second finds it changed and is
      // refused, instead of both extending, or both referring under two new folios. On PostgreSQL its UPDATE
      // waits for the first to commit, then matches nothing.
      const claimed = await trx
        .updateTable("info_requests")
        .set({ revision: row.revision + 1, updated_at: at })
        .where("id", "=", row.id)
        .where("revision", "=", row.revision)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) throw new Refused("not-allowed");
      const status = statusAfter(action, row.status as RequestStatus);
      const changes: Partial<InfoRequestsTable> = { status, updated_at: at };
      let note: string | null = null;
      switch (action.action) {
        case "start":
          break;
        case "clarify":
          Object.assign(changes, {
            clarification_question: action.text,
            clarification_asked_at: at,
            clarification_due: clarificationDueDate(now, action.days, calendar),
          });
          note = action.text;
          break;
        case "record-clarification":
          Object.assign(changes, await clarifiedChanges(trx, row, action.text, calendar, now));
          note = action.text;
          break;
        case "deny-unclarified":
          Object.assign(changes, {
            answer_text: action.text,
            answered_at: at,
            ...NOT_YET_NOTIFIED,
            legal_basis: UNCLARIFIED_BASIS,
          });
          note = action.text;
          break;
        case "accredit":
          Object.assign(changes, { identity_accredited_at: at, identity_accredited_via: action.via });
          note = action.via;
          break;
        case "classify":
          changes.information_type = action.type;
          note = action.type;
          break;
        case "extend": {
          const check = extendDueDate(row.due_date, action.days, now, false, calendar);
          if (!check.ok) throw new Refused("term-ended");
          changes.extended_due_date = check.dueDate;
          note = action.reason;
          break;
        }
        case "answer": {
          const ids = action.attachmentIds ?? [];
          if (ids.length > 0) {
            const files = await trx
              .selectFrom("attachments")
              .select(["id", "request_id", "state", "created_by"])
              .where("id", "in", ids)
              .execute();
            const usable = files.filter(
              (file) =>
                file.state === "complete" &&
                file.created_by === officer.id &&
                (file.request_id === null || file.request_id === row.id),
            );
            if (usable.length !== new Set(ids).size) throw new Refused("bad-attachment");
            await trx.updateTable("attachments").set({ request_id: row.id }).where("id", "in", ids).execute();
          }
          Object.assign(changes, { answer_text: action.text, answered_at: at, ...NOT_YET_NOTIFIED });
          note = action.text;
          break;
        }
        case "deny":
          Object.assign(changes, {
            answer_text: action.text,
            answered_at: at,
            ...NOT_YET_NOTIFIED,
            legal_basis: `${action.ground === "reserved" ? "Información reservada" : "Información confidencial"}: ${action.legalBasis}`,
          });
          note = action.text;
          break;
        case "not-held":
        case "withdraw":
          Object.assign(
            changes,
            action.action === "not-held"
              ? { answer_text: action.text, answered_at: at, ...NOT_YET_NOTIFIED }
              : {},
          );
          note = action.text;
          break;
        case "refer": {
          const target = await trx
            .selectFrom("institutions")
            .select(["id", "acronym", "name"])
            .where("id", "=", action.institutionId)
            .where("active", "=", 1)
            .executeTakeFirst();
          if (!target || target.id === row.institution_id) throw new Refused("unknown-institution");
          const receivedAt = new Date(row.received_at);
          const child = {
            ...row,
            id: uuidv7(),
            folio: await allocateFolio(trx, target, receivedAt),
            institution_id: target.id,
            status: "received",
            referred_from: row.id,
            referred_to: null,
            extended_due_date: null,
            // The other institution starts afresh: no answer, no appeal of the first one's.
            answer_text: null,
            answered_at: null,
            legal_basis: null,
            appeal_filed_at: null,
            appeal_reason: null,
            appeal_resolution: null,
            appeal_resolved_at: null,
            revision: 0,
            updated_at: at,
          };
          await trx.insertInto("info_requests").values(child).execute();
          await logEvent(trx, child.id, at, {
            actor: "officer",
            actorId: officer.id,
            event: "referred_in",
            status: "received",
            note: action.text,
          });
          changes.referred_to = child.id;
          note = `${action.text} → ${target.name} (${child.folio})`;
          break;
        }
        case "notify":
          // Delivered in person (or by another means the officer records): the appeal window starts now.
          Object.assign(changes, { notified_at: at, notified_via: "in-person" });
          note = action.text;
          break;
        case "resolve-appeal":
          Object.assign(changes, {
            appeal_resolution: `${action.outcome}: ${action.text}`,
            appeal_resolved_at: at,
          });
          // Reopened: the overturned answer is no longer shown or counted (the history keeps it).
          if (status === "in_process") {
            Object.assign(changes, {
              answer_text: null,
              answered_at: null,
              legal_basis: null,
              ...NOT_YET_NOTIFIED,
            });
          }
          note = action.text;
          break;
      }
      await trx.updateTable("info_requests").set(changes).where("id", "=", row.id).execute();
      await logEvent(trx, row.id, at, {
        actor: "officer",
        actorId: officer.id,
        event: action.action,
        status,
        note,
        details: action,
      });
      const statusChanged = !QUIET_ACTIONS.has(action.action);
      if (mail && row.contact_email && statusChanged) {
        const institution = await trx
          .selectFrom("institutions")
          .select("name")
          .where("id", "=", row.institution_id)
          .executeTakeFirstOrThrow();
        const answers =
          action.action === "answer" ||
          action.action === "deny" ||
          action.action === "not-held" ||
          action.action === "deny-unclarified";
        const message = statusMail({
          folio: row.folio,
          institution: institution.name,
          requesterName: row.requester_name,
          status,
          appealDecided: action.action === "resolve-appeal",
          ...(action.action === "clarify"
            ? { clarification: { question: action.text, until: changes.clarification_due! } }
            : {}),
          statusPageUrl: mail.statusPageUrl,
          // The answer travels in the message: its delivery is the notification (LAIP Art. 54).
          ...(answers && "text" in action
            ? { answer: { text: action.text, legalBasis: changes.legal_basis ?? null } }
            : {}),
        });
        await trx
          .insertInto("mail_outbox")
          .values({
            id: uuidv7(),
            request_id: row.id,
            to_address: row.contact_email,
            subject: message.subject,
            body: message.text,
            answered_at: answers ? at : null,
            created_at: at,
            attempts: 0,
            next_attempt_at: at,
          })
          .execute();
      }
      // The phone that filed it learns the new status in its next pull, without folio or code.
      if (row.reader_sha256 && statusChanged) {
        await appendChange(trx, {
          entity: "request",
          entityId: row.id,
          entityVersion: row.revision + 1,
          changedAt: at,
          audience: audienceOfReader(row.reader_sha256),
        });
      }
      return { ok: true } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false, reason: error.reason } as const;
      throw error;
    });
}

/** Actions that change nothing the requester sees: no mail, nothing for the filing phone to pull. */
const QUIET_ACTIONS: ReadonlySet<OfficerAction["action"]> = new Set(["notify", "accredit", "classify"]);

/** The ground shown with a denial for want of clarification. */
export const UNCLARIFIED_BASIS =
  "Ley de Acceso a la Información Pública, artículo 42 inciso 2: la solicitud no se aclaró en el plazo dado";

/** A new answer (or none any more): the requester has not been told of it yet. */
const NOT_YET_NOTIFIED = { notified_at: null, notified_via: null } as const;

/**
 * Inside a transaction: the requester is notified now of the answer recorded at `answeredAt`, if they were not
 * yet (and it is still the request's answer), with its line in the history. Whether this call notified them.
 */
export async function recordNotice(
  trx: Trx,
  requestId: string,
  answeredAt: string,
  via: "status-page" | "email",
  at: string,
): Promise<boolean> {
  const updated = await trx
    .updateTable("info_requests")
    .set({ notified_at: at, notified_via: via })
    .where("id", "=", requestId)
    .where("notified_at", "is", null)
    .where("answered_at", "=", answeredAt)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  const { status } = await trx
    .selectFrom("info_requests")
    .select("status")
    .where("id", "=", requestId)
    .executeTakeFirstOrThrow();
  await logEvent(trx, requestId, at, {
    actor: via === "email" ? "system" : "requester",
    event: "notified",
    status,
    note: via === "email" ? "email" : null,
  });
  return true;
}

/**
 * The requester opened the status page and saw an answer not yet notified: notified now (LAIP Art. 54 counts the
 * appeal window from here). Only the first look counts; returns the request as it now stands.
 */
export async function noticeOnStatusPage(
  db: Db,
  row: InfoRequestsTable,
  now: Date,
): Promise<InfoRequestsTable> {
  const answeredAt = row.answered_at;
  if (!answeredAt || row.notified_at) return row;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (await recordNotice(trx, row.id, answeredAt, "status-page", at))
      return { ...row, notified_at: at, notified_via: "status-page" };
    return (
      (await trx.selectFrom("info_requests").selectAll().where("id", "=", row.id).executeTakeFirst()) ?? row
    );
  });
}

/** Ends an officer's action with a refusal, rolling back whatever it did. */
class Refused extends Error {
  constructor(readonly reason: Exclude<ActionOutcome, { ok: true }>["reason"]) {
    super(reason);
  }
}

/**
 * UTC bounds that hold every request received in `year` in Guatemala, a day wider on each side; the rows are
 * then kept by their date in Guatemala (`receivedInYear`).
 */
export const yearWindow = (year: number) => ({
  from: `${year - 1}-12-31T00:00:00.000Z`,
  to: `${year + 1}-01-02T00:00:00.000Z`,
});

/** Whether a request received at this instant counts in `year`, by the date in Guatemala. */
export const receivedInYear = (receivedAt: string, year: number): boolean =>
  localDateTimeIn(new Date(receivedAt), LEGAL_TIME_ZONE).date.startsWith(`${year}-`);

/** Per institution with requests in `year` (by reception): received, answered on time or late, overdue, denied, open. */
export async function requestStatistics(db: Db, year: number, now: Date): Promise<InstitutionStatistics[]> {
  const rows = await db
    .selectFrom("info_requests")
    .innerJoin("institutions", "institutions.id", "info_requests.institution_id")
    .select([
      "institutions.id as institutionId",
      "institutions.name",
      "institutions.acronym",
      "info_requests.status",
      "info_requests.due_date",
      "info_requests.extended_due_date",
      "info_requests.answered_at",
      "info_requests.received_at",
      "info_requests.request_kind",
    ])
    .where("info_requests.received_at", ">=", yearWindow(year).from)
    .where("info_requests.received_at", "<", yearWindow(year).to)
    .execute();
  const stats = new Map<string, InstitutionStatistics>();
  for (const row of rows) {
    if (!receivedInYear(row.received_at, year)) continue;
    let entry = stats.get(row.institutionId);
    if (!entry) {
      entry = {
        institutionId: row.institutionId,
        name: row.name,
        acronym: row.acronym,
        received: 0,
        answeredOnTime: 0,
        answeredLate: 0,
        overdue: 0,
        denied: 0,
        open: 0,
        personalData: 0,
      };
      stats.set(row.institutionId, entry);
    }
    entry.received += 1;
    if (isPersonalData(row.request_kind)) entry.personalData += 1;
    const due = row.extended_due_date ?? row.due_date;
    const status = row.status as RequestStatus;
    if (status === "denied") entry.denied += 1;
    if (row.answered_at) {
      const answeredOn = localDateTimeIn(new Date(row.answered_at), LEGAL_TIME_ZONE).date;
      if (answeredOn <= due) entry.answeredOnTime += 1;
      else entry.answeredLate += 1;
    } else if (!CLOSED_STATUSES.has(status)) {
      entry.open += 1;
      if (!awaitsClarification(status) && isOverdue(due, now)) entry.overdue += 1;
    }
  }
  return [...stats.values()].sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, "es"));
}
