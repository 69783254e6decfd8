// What the staff API answers, as schemas: the staff screens read every answer through them (staff-json.ts), so
// a server that answers something else is said to be unreadable instead of being drawn wrong, and no screen
// casts JSON to a type. Loaded with the staff screens only, never in a phone's first load.
import { z } from "zod/mini";
import { Role } from "./accounts";
import { AuditRow } from "./audit";
import { Consultation, ConsultationStatus } from "./consultation";
import { DeviceSummary } from "./devices";
import { PublicInput } from "./dispositions";
import {
  HistoryEntry,
  InboxItem,
  Institution,
  LegalTerm,
  PublicRequestStatus,
} from "./requests/info-request";
import type { ActionName } from "./requests/request-workflow";
import { Dashboard } from "./results/dashboard";

// --- Administration -------------------------------------------------------------------------------------

export const InstitutionsAnswer = z.object({ institutions: z.array(Institution) });

export const StaffMember = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  institutionId: z.nullable(z.string()),
  disabledAt: z.nullable(z.string()),
});
export type StaffMember = z.infer<typeof StaffMember>;
/** An institution's officers: the role and institution go without saying. */
export const Officer = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  disabledAt: z.nullable(z.string()),
});
export type Officer = z.infer<typeof Officer>;
export const OfficersAnswer = z.object({ officers: z.array(Officer) });
export const UsersAnswer = z.object({ users: z.array(StaffMember) });

const Holiday = z.object({ date: z.string(), kind: z.enum(["full", "half"]), name: z.string() });
export const CalendarAnswer = z.object({
  year: z.number(),
  law: z.array(Holiday),
  holidays: z.array(
    z.object({
      ...Holiday.shape,
      scope: z.custom<"national" | `municipality:${string}` | `institution:${string}`>(
        (value) => typeof value === "string" && /^(national|municipality:.+|institution:.+)$/.test(value),
      ),
    }),
  ),
  confirmedYears: z.array(z.number()),
});
export type CalendarAnswer = z.infer<typeof CalendarAnswer>;

export const AuditPage = z.object({ entries: z.array(AuditRow), next: z.nullable(z.number()) });

// --- Organizers ------------------------------------------------------------------------------------------

export const ConsultationSummary = z.object({
  id: z.string(),
  version: z.number(),
  status: ConsultationStatus,
  title: z.string(),
  inputs: z.number(),
});
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;
export const ConsultationsAnswer = z.object({ consultations: z.array(ConsultationSummary) });
/** A design saved (created, edited, moved to another status). */
export const ConsultationAnswer = z.object({ consultation: Consultation });
/** A page of a consultation's inputs, for the organizer's review. */
export const InputsPage = z.object({ inputs: z.array(PublicInput), next: z.nullable(z.string()) });
/** A one-time enrolment code, issued. */
export const IssuedCode = z.object({ code: z.string(), expiresAt: z.string() });

export const ConsultationVersions = z.object({
  versions: z.array(z.object({ version: z.number(), status: ConsultationStatus, updatedAt: z.string() })),
  /** The latest released version (open, closed or published), if any. */
  current: z.nullable(Consultation),
  /** The version being edited, if any: always the newest. */
  draft: z.nullable(Consultation),
});
export type ConsultationVersions = z.infer<typeof ConsultationVersions>;

export const DevicesAnswer = z.object({ devices: z.array(DeviceSummary) });

export const DashboardAnswer = z.object({
  dashboard: Dashboard,
  workshops: z.array(
    z.object({ id: z.string(), community: z.string(), municipalityCode: z.string(), date: z.string() }),
  ),
});
export type DashboardAnswer = z.infer<typeof DashboardAnswer>;

export const InputsAnswer = z.object({ inputs: z.array(PublicInput) });

// --- Information officers --------------------------------------------------------------------------------

/** Every action an officer may be offered (OfficerAction's), checked against the type below. */
export const ACTION_NAMES = [
  "start",
  "extend",
  "clarify",
  "accredit",
  "classify",
  "record-clarification",
  "deny-unclarified",
  "answer",
  "deny",
  "not-held",
  "refer",
  "withdraw",
  "notify",
  "resolve-appeal",
] as const satisfies readonly ActionName[];
// A new action in OfficerAction must be listed above, or this line fails the typecheck.
const everyActionListed: [Exclude<ActionName, (typeof ACTION_NAMES)[number]>] extends [never] ? true : never =
  true;
void everyActionListed;

export const InboxAnswer = z.object({ institution: z.optional(Institution), requests: z.array(InboxItem) });
export type InboxAnswer = z.infer<typeof InboxAnswer>;

export const RequestDetail = z.object({
  request: z.object({
    ...InboxItem.shape,
    contactEmail: z.nullable(z.string()),
    contactPhone: z.nullable(z.string()),
    delivery: z.string(),
    extendedDueDate: z.nullable(z.string()),
    answerText: z.nullable(z.string()),
    notifiedAt: z.nullable(z.string()),
    notifiedVia: z.nullable(z.string()),
    terms: z.array(LegalTerm),
    appealReason: z.nullable(z.string()),
    clarification: PublicRequestStatus.shape.clarification,
    identityAccreditedAt: z.nullable(z.string()),
    identityAccreditedVia: z.nullable(z.string()),
    informationType: z.nullable(z.string()),
  }),
  allowed: z.array(z.enum(ACTION_NAMES)),
  history: z.array(z.object({ ...HistoryEntry.shape, at: z.string(), actor: z.string() })),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number() })),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

const Counts = z.record(z.string(), z.number());
export const AnnualReport = z.object({
  institution: z.object({ name: z.string(), acronym: z.string(), highestAuthority: z.nullable(z.string()) }),
  year: z.number(),
  generatedAt: z.string(),
  dueBy: z.string(),
  received: z.number(),
  byChannel: Counts,
  results: Counts,
  /** Absent from servers before personal-data requests and clarifications. */
  byType: z.optional(Counts),
  personalData: z.optional(
    z.object({ received: z.number(), answered: z.number(), denied: z.number(), pending: z.number() }),
  ),
  clarifications: z.optional(z.object({ asked: z.number(), replied: z.number(), pending: z.number() })),
  extended: z.number(),
  answeredOnTime: z.number(),
  answeredLate: z.number(),
  overdue: z.number(),
  responseDays: z.object({
    answered: z.number(),
    average: z.nullable(z.number()),
    median: z.nullable(z.number()),
    max: z.nullable(z.number()),
  }),
  appeals: Counts,
  lines: z.array(
    z.object({
      folio: z.string(),
      status: z.string(),
      extensionReason: z.nullable(z.string()),
      denialGround: z.nullable(z.string()),
      legalBasis: z.nullable(z.string()),
      withdrawalNote: z.nullable(z.string()),
    }),
  ),
});
export type AnnualReport = z.infer<typeof AnnualReport>;
