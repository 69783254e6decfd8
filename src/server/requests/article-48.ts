// The yearly report every institution owes the Procurador de los Derechos Humanos (LAIP Art. 48, by the last
// business day of January): for the requests it received in a year, how many and by which channel, the result of
// each, response times, the pending, extended, withdrawn, denied as reserved or confidential, and appeals, with
// the reasons behind each extension, denial and withdrawal for the Procurador's questions.
import type { Kysely } from "kysely";
import type { HolidayCalendar, LocalDate } from "../../domain/requests/holiday-calendar";
import {
  INFORMATION_TYPES,
  REQUEST_KINDS,
  type RequestKind,
  type RequestStatus,
} from "../../domain/requests/info-request";
import {
  effectiveReceptionDate,
  isBusinessDay,
  isOverdue,
  LEGAL_TIME_ZONE,
} from "../../domain/requests/laip-deadlines";
import { addDays, localDateTimeIn } from "../../domain/requests/local-time";
import { CLOSED_STATUSES } from "../../domain/requests/request-workflow";
import type { Database } from "../storage/schema";
import { officeHoursOf } from "./catalogue-store";
import { receivedInYear, yearWindow } from "./request-store";

export interface Article48Line {
  folio: string;
  receivedAt: string;
  channel: string;
  status: RequestStatus;
  /** The day the institution answered (in Guatemala), and the business days it took from reception. */
  answeredOn: LocalDate | null;
  businessDays: number | null;
  onTime: boolean | null;
  extended: boolean;
  extensionReason: string | null;
  /** Reserved or confidential information (Arts. 21–24), or no clarification in the term given (Art. 42 inciso 2). */
  denialGround: "reserved" | "confidential" | "not-clarified" | null;
  /** Public information, or one's own personal data (Arts. 33–34). */
  kind: RequestKind;
  /** The type of information asked, as the officer recorded it; null until then. */
  informationType: string | null;
  clarificationAsked: boolean;
  legalBasis: string | null;
  withdrawalNote: string | null;
  appealFiledAt: string | null;
  appealOutcome: "upheld" | "overturned" | "partly" | null;
}

export interface Article48Report {
  institution: { id: string; name: string; acronym: string; highestAuthority: string | null };
  year: number;
  generatedAt: string;
  /** The last business day of the next January: when the report is due (Art. 48). */
  dueBy: LocalDate;
  received: number;
  byChannel: Record<string, number>;
  results: {
    delivered: number;
    partlyDelivered: number;
    deniedReserved: number;
    deniedConfidential: number;
    /** Denied because the requester did not clarify in the term given (Art. 42 inciso 2). */
    deniedUnclarified: number;
    notHeld: number;
    referred: number;
    withdrawn: number;
    pending: number;
  };
  /** Requests for public information and for one's own personal data (Arts. 33–34), counted apart. */
  byKind: Record<RequestKind, number>;
  /** The type of information asked (Art. 48), as officers recorded it; "unclassified" where none did. */
  byType: Record<string, number>;
  /** Personal-data requests alone: how many, answered, denied, still pending. */
  personalData: { received: number; answered: number; denied: number; pending: number };
  clarifications: { asked: number; replied: number; pending: number };
  extended: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Pending with their term already passed. */
  overdue: number;
  responseDays: { answered: number; average: number | null; median: number | null; max: number | null };
  appeals: { filed: number; upheld: number; overturned: number; partly: number; pending: number };
  lines: Article48Line[];
}

/** Business days after `from` up to and including `to` (0 when answered on the day it counts as received). */
export function businessDaysBetween(from: LocalDate, to: LocalDate, calendar: HolidayCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
    if (isBusinessDay(day, calendar)) count++;
  return count;
}

/** The last business day of January of `year`. */
export function lastBusinessDayOfJanuary(year: number, calendar: HolidayCalendar): LocalDate {
  let day = `${year}-01-31`;
  while (!isBusinessDay(day, calendar)) day = addDays(day, -1);
  return day;
}

const localDate = (iso: string) => localDateTimeIn(new Date(iso), LEGAL_TIME_ZONE).date;

export async function article48Report(
  db: Kysely<Database>,
  institutionId: string,
  year: number,
  calendar: HolidayCalendar,
  now: Date,
): Promise<Article48Report | undefined> {
  const institution = await db
    .selectFrom("institutions")
    .selectAll()
    .where("id", "=", institutionId)
    .executeTakeFirst();
  if (!institution) return undefined;
  // Received in the year, in Guatemala.
  const rows = (
    await db
      .selectFrom("info_requests")
      .selectAll()
      .where("institution_id", "=", institutionId)
      .where("received_at", ">=", yearWindow(year).from)
      .where("received_at", "<", yearWindow(year).to)
      .orderBy("received_at")
      .execute()
  ).filter((row) => receivedInYear(row.received_at, year));
  const events =
    rows.length === 0
      ? []
      : await db
          .selectFrom("request_events")
          .select(["request_id", "event", "note", "details"])
          .where(
            "request_id",
            "in",
            rows.map((row) => row.id),
          )
          .where("event", "in", ["extend", "deny", "deny-unclarified", "withdraw", "resolve-appeal"])
          .orderBy("id")
          .execute();
  const eventOf = (requestId: string, event: string) =>
    events.filter((e) => e.request_id === requestId && e.event === event).at(-1);

  const hours = officeHoursOf(institution);
  const lines: Article48Line[] = rows.map((row) => {
    const status = row.status as RequestStatus;
    const answeredOn = row.answered_at ? localDate(row.answered_at) : null;
    const due = row.extended_due_date ?? row.due_date;
    const deny = eventOf(row.id, "deny");
    const ground = deny?.details ? (JSON.parse(deny.details) as { ground?: string }).ground : undefined;
    const appeal = eventOf(row.id, "resolve-appeal");
    const outcome = appeal?.details
      ? (JSON.parse(appeal.details) as { outcome?: string }).outcome
      : undefined;
    return {
      folio: row.folio,
      receivedAt: row.received_at,
      channel: row.channel,
      status,
      answeredOn,
      businessDays: answeredOn
        ? businessDaysBetween(
            effectiveReceptionDate(new Date(row.received_at), calendar, hours),
            answeredOn,
            calendar,
          )
        : null,
      onTime: answeredOn ? answeredOn <= due : null,
      extended: row.extended_due_date !== null,
      extensionReason: eventOf(row.id, "extend")?.note ?? null,
      denialGround:
        status !== "denied"
          ? null
          : eventOf(row.id, "deny-unclarified")
            ? "not-clarified"
            : ground === "reserved" || ground === "confidential"
              ? ground
              : null,
      kind: row.request_kind as RequestKind,
      informationType: row.information_type,
      clarificationAsked: row.clarification_asked_at !== null,
      legalBasis: status === "denied" ? row.legal_basis : null,
      withdrawalNote: status === "withdrawn" ? (eventOf(row.id, "withdraw")?.note ?? null) : null,
      appealFiledAt: row.appeal_filed_at,
      appealOutcome:
        outcome === "upheld" || outcome === "overturned" || outcome === "partly" ? outcome : null,
    };
  });

  const count = (test: (line: Article48Line) => boolean) => lines.filter(test).length;
  const days = lines
    .flatMap((line) => (line.businessDays === null ? [] : [line.businessDays]))
    .sort((a, b) => a - b);
  const median =
    days.length === 0
      ? null
      : days.length % 2 === 1
        ? days[(days.length - 1) / 2]!
        : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2;
  const byChannel: Record<string, number> = {};
  for (const line of lines) byChannel[line.channel] = (byChannel[line.channel] ?? 0) + 1;
  const byKind = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as Record<RequestKind, number>;
  for (const line of lines) byKind[line.kind] += 1;
  const byType: Record<string, number> = Object.fromEntries(INFORMATION_TYPES.map((type) => [type, 0]));
  byType.unclassified = 0;
  for (const line of lines)
    byType[line.informationType ?? "unclassified"] =
      (byType[line.informationType ?? "unclassified"] ?? 0) + 1;
  const personal = lines.filter((line) => line.kind !== "information");
  return {
    institution: {
      id: institution.id,
      name: institution.name,
      acronym: institution.acronym,
      highestAuthority: institution.highest_authority,
    },
    year,
    generatedAt: now.toISOString(),
    dueBy: lastBusinessDayOfJanuary(year + 1, calendar),
    received: lines.length,
    byChannel,
    results: {
      delivered: count((l) => l.status === "delivered"),
      partlyDelivered: count((l) => l.status === "partly_delivered"),
      deniedReserved: count((l) => l.denialGround === "reserved"),
      deniedConfidential: count((l) => l.denialGround === "confidential"),
      deniedUnclarified: count((l) => l.denialGround === "not-clarified"),
      notHeld: count((l) => l.status === "not_held"),
      referred: count((l) => l.status === "referred"),
      withdrawn: count((l) => l.status === "withdrawn"),
      pending: count((l) => !CLOSED_STATUSES.has(l.status)),
    },
    byKind,
    byType,
    personalData: {
      received: personal.length,
      answered: personal.filter((l) => l.status === "delivered" || l.status === "partly_delivered").length,
      denied: personal.filter((l) => l.status === "denied").length,
      pending: personal.filter((l) => !CLOSED_STATUSES.has(l.status)).length,
    },
    clarifications: {
      asked: count((l) => l.clarificationAsked),
      replied: rows.filter((row) => row.clarification_replied_at !== null).length,
      pending: count((l) => l.status === "clarification"),
    },
    extended: count((l) => l.extended),
    answeredOnTime: count((l) => l.onTime === true),
    answeredLate: count((l) => l.onTime === false),
    overdue: rows.filter(
      (row) =>
        !CLOSED_STATUSES.has(row.status as RequestStatus) &&
        row.status !== "clarification" &&
        isOverdue(row.extended_due_date ?? row.due_date, now),
    ).length,
    responseDays: {
      answered: days.length,
      average:
        days.length === 0 ? null : Math.round((10 * days.reduce((a, b) => a + b, 0)) / days.length) / 10,
      median,
      max: days.length === 0 ? null : days.at(-1)!,
    },
    appeals: {
      filed: count((l) => l.appealFiledAt !== null),
      upheld: count((l) => l.appealOutcome === "upheld"),
      overturned: count((l) => l.appealOutcome === "overturned"),
      partly: count((l) => l.appealOutcome === "partly"),
      pending: count((l) => l.appealFiledAt !== null && l.appealOutcome === null),
    },
    lines,
  };
}
