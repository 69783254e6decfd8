// Information requests on the wire: what a citizen files, what an officer does, what anyone with folio + code sees.
import { z } from "zod/mini";
import { Email } from "../accounts";
import { IsoDateTime, Uuid } from "../primitives";
import { normalizeTrackingCode } from "./tracking-code";

/** How the requester wants the information (LAIP Art. 45 lets them choose). */
export const DELIVERY_MODES = ["electronic", "paper", "in-person"] as const;
export const DeliveryMode = z.enum(DELIVERY_MODES);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

/** "web": the requester filed it; "oral": a facilitator or officer wrote down what a citizen asked aloud. */
export const CHANNELS = ["web", "oral"] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * What is asked: public information (LAIP Art. 42), or the requester's own personal data held by the institution,
 * to see it (Art. 33, "acceso") or to have it corrected (Art. 34, "corrección"); identity must then be accredited.
 */
export const REQUEST_KINDS = ["information", "personal-data-access", "personal-data-correction"] as const;
export const RequestKind = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKind>;
export const isPersonalData = (kind: string | undefined): boolean =>
  kind === "personal-data-access" || kind === "personal-data-correction";

/** How a requester proved who they are for their personal data: the means only, never the document's number. */
export const IDENTITY_MEANS = ["dpi", "passport", "representative", "other"] as const;

/**
 * The type of information asked, recorded by the officer for the yearly report (LAIP Art. 48 asks for "el tipo
 * de información solicitada"); grouped after the public information the law lists in Art. 10.
 */
export const INFORMATION_TYPES = [
  "budget",
  "procurement",
  "staff",
  "programs",
  "decisions",
  "works",
  "statistics",
  "personal-data",
  "other",
] as const;

export const REQUEST_LIMITS = {
  description: { min: 10, max: 5_000 },
  name: { min: 2, max: 200 },
  reason: { min: 5, max: 5_000 },
} as const;

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** A phone number as people write it: digits, spaces, dashes, an optional leading +. */
export const Phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{6,18}[0-9]$/));

export const TrackingCode = z.pipe(
  z.string().check(z.maxLength(64)),
  z.transform((text, ctx) => {
    const code = normalizeTrackingCode(text);
    if (code === undefined) {
      ctx.issues.push({ code: "custom", message: "not a tracking code", input: text });
      return z.NEVER;
    }
    return code;
  }),
);

/**
 * A request as filed on the phone, online or not. The law asks for identification (a name), never
 * reasons or an account; contact is optional. The id, codes and createdAt are made on the phone;
 * legal terms count from the server's receipt, never from createdAt.
 */
export const NewInfoRequest = z.strictObject({
  id: Uuid,
  deviceId: Uuid,
  institutionId: Uuid,
  description: trimmed(REQUEST_LIMITS.description.min, REQUEST_LIMITS.description.max),
  requesterName: trimmed(REQUEST_LIMITS.name.min, REQUEST_LIMITS.name.max),
  contactEmail: z.optional(Email),
  contactPhone: z.optional(Phone),
  delivery: DeliveryMode,
  channel: Channel,
  /** Absent: public information (phones from before personal-data requests send none). */
  kind: z.optional(RequestKind),
  provisionalCode: z.string().check(z.regex(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/)),
  trackingCode: TrackingCode,
  createdAt: IsoDateTime,
  /** SHA-256 (hex) of the filing phone's reader key: that phone alone is told when the status changes. */
  readerSha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
export type NewInfoRequest = z.input<typeof NewInfoRequest>;

/** What the server answers to a filed request (the first time and on every re-send). */
export const FiledRequest = z.object({
  id: z.string(),
  folio: z.string(),
  receivedAt: IsoDateTime,
  dueDate: z.string(),
});
export type FiledRequest = z.infer<typeof FiledRequest>;

/**
 * Where a request is. "clarification": the unit asked the requester to clarify or complete it (LAIP Art. 42
 * inciso 2) and the answer term waits for the reply. The last six end it (an appeal may still follow).
 */
export const REQUEST_STATUSES = [
  "received",
  "in_process",
  "extended",
  "clarification",
  "delivered",
  "partly_delivered",
  "denied",
  "not_held",
  "referred",
  "withdrawn",
] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** LAIP Art. 21–24: information is withheld only as reserved or confidential, always with its legal basis. */
export const DENIAL_GROUNDS = ["reserved", "confidential"] as const;

/** The longest term an officer may give to clarify (an institutional bound: the law sets none). */
export const CLARIFICATION_MAX_DAYS = 10;

const reason = trimmed(REQUEST_LIMITS.reason.min, REQUEST_LIMITS.reason.max);

/** What an officer does to a request of their institution. */
export const OfficerAction = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("start") }),
  z.strictObject({ action: z.literal("extend"), days: z.int().check(z.gte(1), z.lte(10)), reason }),
  /** LAIP Art. 42 inciso 2: ask the requester to clarify or complete the request, within `days` business days. */
  z.strictObject({
    action: z.literal("clarify"),
    days: z.int().check(z.gte(1), z.lte(CLARIFICATION_MAX_DAYS)),
    text: reason,
  }),
  /** Personal data (Arts. 33–34): the requester's identity was accredited, by this means, at the office. */
  z.strictObject({ action: z.literal("accredit"), via: z.enum(IDENTITY_MEANS) }),
  /** The type of information asked, for the Art. 48 report; may be set or corrected at any time. */
  z.strictObject({ action: z.literal("classify"), type: z.enum(INFORMATION_TYPES) }),
  /** The requester's clarification, given in person, by telephone or in writing at the office. */
  z.strictObject({ action: z.literal("record-clarification"), text: reason }),
  /** LAIP Art. 42 inciso 2: the term given passed with no clarification; the request is denied for it. */
  z.strictObject({ action: z.literal("deny-unclarified"), text: reason }),
  z.strictObject({
    action: z.literal("answer"),
    outcome: z.enum(["delivered", "partly_delivered"]),
    text: reason,
    /** Files uploaded for this answer (attachment ids), shown with it. */
    attachmentIds: z.optional(z.array(Uuid).check(z.maxLength(20))),
  }),
  z.strictObject({
    action: z.literal("deny"),
    ground: z.enum(DENIAL_GROUNDS),
    legalBasis: trimmed(5, 1_000),
    text: reason,
  }),
  z.strictObject({ action: z.literal("not-held"), text: reason }),
  z.strictObject({ action: z.literal("refer"), institutionId: Uuid, text: reason }),
  z.strictObject({ action: z.literal("withdraw"), text: reason }),
  /** The answer handed to the requester (in person, by mail): notified now (LAIP Art. 54). */
  z.strictObject({ action: z.literal("notify"), text: reason }),
  z.strictObject({
    action: z.literal("resolve-appeal"),
    outcome: z.enum(["upheld", "overturned", "partly"]),
    text: reason,
  }),
]);
export type OfficerAction = z.infer<typeof OfficerAction>;

/**
 * The requester's clarification, sent from the status page (also saved offline first: the id, made on the phone,
 * makes a re-send harmless).
 */
export const ClarificationReply = z.strictObject({
  id: Uuid,
  folio: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  trackingCode: z.string().check(z.maxLength(64)),
  text: reason,
});
export type ClarificationReply = z.infer<typeof ClarificationReply>;

export const StatusQuery = z.strictObject({
  folio: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  trackingCode: z.string().check(z.maxLength(64)),
});
export type StatusQuery = z.infer<typeof StatusQuery>;

export const AppealFiling = z.strictObject({
  folio: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  trackingCode: z.string().check(z.maxLength(64)),
  reason,
});
export type AppealFiling = z.infer<typeof AppealFiling>;

export const PublicAttachment = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.int(),
  sha256: z.string(),
});
export type PublicAttachment = z.infer<typeof PublicAttachment>;

export const HistoryEntry = z.object({
  at: IsoDateTime,
  status: RequestStatus,
  event: z.string(),
  note: z.nullable(z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A LAIP term running for a request (computed in legal-terms.ts, kept apart so screens do not load it). */
export const LegalTermKind = z.enum([
  "clarification",
  "answer",
  "extension-notice",
  "unanswered-delivery",
  "appeal",
  "silence-appeal",
  "appeal-decision",
  "compliance",
]);
export type LegalTermKind = z.infer<typeof LegalTermKind>;

export const LegalTerm = z.object({
  kind: LegalTermKind,
  /** "33", "34", "42", "43", "44", "54", "55", "58", "60" (Decreto 57-2008). */
  article: z.string(),
  /** The first day, where the law sets one (the extension notice: the term's last two business days). */
  from: z.optional(z.string()),
  /** The last day, in Guatemala. */
  until: z.string(),
  /** The last day has passed. */
  overdue: z.boolean(),
});
export type LegalTerm = z.infer<typeof LegalTerm>;

/** What folio + tracking code show: status, history, terms, answer and files, appeal. No personal data. */
export const PublicRequestStatus = z.object({
  folio: z.string(),
  institution: z.object({
    name: z.string(),
    acronym: z.string(),
    /** Who decides an appeal (LAIP Art. 58), where the institution named its máxima autoridad. */
    highestAuthority: z.optional(z.nullable(z.string())),
  }),
  status: RequestStatus,
  channel: Channel,
  kind: z.optional(RequestKind),
  description: z.string(),
  receivedAt: IsoDateTime,
  dueDate: z.string(),
  extendedDueDate: z.nullable(z.string()),
  overdue: z.boolean(),
  history: z.array(HistoryEntry),
  answer: z.nullable(
    z.object({
      text: z.string(),
      at: IsoDateTime,
      /** When the requester was notified of it (the appeal window counts from then). */
      notifiedAt: z.optional(z.nullable(IsoDateTime)),
      legalBasis: z.nullable(z.string()),
      files: z.array(PublicAttachment),
    }),
  ),
  referredTo: z.nullable(z.object({ folio: z.string(), institution: z.string() })),
  /** What the unit asked the requester to clarify (LAIP Art. 42 inciso 2), until when, and the reply. */
  clarification: z.optional(
    z.nullable(
      z.object({
        question: z.string(),
        askedAt: IsoDateTime,
        until: z.string(),
        reply: z.nullable(z.string()),
        repliedAt: z.nullable(IsoDateTime),
      }),
    ),
  ),
  /** The LAIP terms running now, each with its article (absent from servers before they were listed). */
  terms: z.optional(z.array(LegalTerm)),
  appeal: z.object({
    /** Whether an appeal may be filed now, and until when (a local date in Guatemala). */
    open: z.boolean(),
    until: z.nullable(z.string()),
    filedAt: z.nullable(IsoDateTime),
    reason: z.nullable(z.string()),
    resolution: z.nullable(z.string()),
  }),
  checkedAt: IsoDateTime,
});
export type PublicRequestStatus = z.infer<typeof PublicRequestStatus>;

export const Institution = z.object({
  id: z.string(),
  name: z.string(),
  acronym: z.string(),
  kind: z.string(),
  territoryCode: z.nullable(z.string()),
  active: z.boolean(),
  /** When its information unit stops receiving ("HH:MM"); absent or null: 16:30 (12:00 on half days). */
  officeCloses: z.optional(z.nullable(z.string())),
  halfDayCloses: z.optional(z.nullable(z.string())),
  /** Who decides appeals (LAIP Art. 58), as the institution names its máxima autoridad. */
  highestAuthority: z.optional(z.nullable(z.string())),
});
export type Institution = z.infer<typeof Institution>;

const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

export const InstitutionEdit = z.strictObject({
  name: trimmed(3, 300),
  acronym: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{2,16}$/)),
  kind: z.enum(["ministry", "secretariat", "municipality", "other"]),
  territoryCode: z.nullable(z.string().check(z.regex(/^\d{2}(\d{2})?$/))),
  active: z.boolean(),
  /** Omitted: left as they are. */
  officeCloses: z.optional(z.nullable(ClockTime)),
  halfDayCloses: z.optional(z.nullable(ClockTime)),
  highestAuthority: z.optional(z.nullable(trimmed(3, 300))),
});
export type InstitutionEdit = z.infer<typeof InstitutionEdit>;

/** One line of an officer's inbox. */
export const InboxItem = z.object({
  id: z.string(),
  folio: z.string(),
  status: RequestStatus,
  channel: z.string(),
  kind: RequestKind,
  description: z.string(),
  requesterName: z.string(),
  receivedAt: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** Open, and its term ends within the next 2 business days. */
  atRisk: z.boolean(),
  appealPending: z.boolean(),
  /**
   * Years the open term runs into whose closures no admin has confirmed: its due date counts the law's holidays
   * there, but a decreed closure could still move it.
   */
  calendarUnconfirmed: z.array(z.number()),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** The public statistics of one institution for a year. */
export interface InstitutionStatistics {
  institutionId: string;
  name: string;
  acronym: string;
  received: number;
  answeredOnTime: number;
  answeredLate: number;
  overdue: number;
  denied: number;
  open: number;
  /** Requests for one's own personal data (Arts. 33–34), counted apart; included in `received`. */
  personalData: number;
}
