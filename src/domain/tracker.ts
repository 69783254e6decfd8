// The implementation tracker (issue #13): commitments of an open-government action plan, their milestones, and
// what each side says of them. The government (the responsible institution's officers) and civil society post
// dated updates; an update is never changed, only corrected by a later one that says so. Evidence files are kept
// by their SHA-256 and served forever at /evidencia/<sha256>.
import { z } from "zod/mini";
import { IsoDateTime, Uuid } from "./primitives";

/** The IRM's scale of completion, in its order. */
export const MILESTONE_STATUSES = ["not_started", "limited", "substantial", "complete"] as const;
export const MilestoneStatus = z.enum(MILESTONE_STATUSES);
export type MilestoneStatus = z.infer<typeof MilestoneStatus>;

/** Who speaks: the institution responsible for the milestone, or a civil-society organisation. */
export const VOICES = ["government", "civil_society"] as const;
export type Voice = (typeof VOICES)[number];

/** A calendar date, "YYYY-MM-DD". */
export const LocalDate = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));

/** A SHA-256 as 64 lower-case hex digits: an evidence file's permanent name. */
export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** Where an evidence file is served, for ever. */
export const evidenceAddress = (sha256: string): string => `/evidencia/${sha256}`;

export const UPDATE_LIMITS = { text: { min: 10, max: 4_000 }, files: 20, drafts: 5 } as const;

/** What an officer (or an organisation) posts about a milestone. `id` is made by the sender: a re-send is one update. */
export const NewMilestoneUpdate = z.strictObject({
  id: Uuid,
  /** When the progress happened (a meeting, a publication), not when it is posted. */
  happenedOn: LocalDate,
  status: MilestoneStatus,
  text: z.string().check(z.trim(), z.minLength(UPDATE_LIMITS.text.min), z.maxLength(UPDATE_LIMITS.text.max)),
  /** Finished uploads (the resumable upload's id) to keep as evidence. */
  attachmentIds: z.optional(z.array(Uuid).check(z.maxLength(UPDATE_LIMITS.files))),
  /**
   * Published versions of participatory drafts to keep as evidence (issue #13, item 6): each is written out as
   * Markdown and kept content-addressed like any file, so the text the milestone rests on never breaks.
   */
  draftVersions: z.optional(
    z
      .array(z.strictObject({ draftId: Uuid, version: z.int().check(z.minimum(1)) }))
      .check(z.maxLength(UPDATE_LIMITS.drafts)),
  ),
  /** The earlier update of the same side this one corrects. */
  corrects: z.optional(Uuid),
});
export type NewMilestoneUpdate = z.infer<typeof NewMilestoneUpdate>;

const LocalizedText = z.object({ es: z.string(), en: z.optional(z.string()) });

export const EvidenceFile = z.object({
  sha256: Sha256Hex,
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  /** `/evidencia/<sha256>`. */
  address: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const MilestoneUpdate = z.object({
  id: Uuid,
  voice: z.enum(VOICES),
  /** The institution or organisation that speaks. */
  author: z.string(),
  happenedOn: LocalDate,
  postedAt: IsoDateTime,
  status: MilestoneStatus,
  text: z.string(),
  evidence: z.array(EvidenceFile),
  corrects: z.nullable(Uuid),
  /** A later update of the same side corrects this one. */
  correctedBy: z.nullable(Uuid),
});
export type MilestoneUpdate = z.infer<typeof MilestoneUpdate>;

/** One side's word on a milestone: its latest update's status, and whether any of its updates shows evidence. */
export const Assessment = z.object({
  status: z.nullable(MilestoneStatus),
  updatedOn: z.nullable(LocalDate),
  evidenceCount: z.number(),
});
export type Assessment = z.infer<typeof Assessment>;

export const Milestone = z.object({
  id: Uuid,
  position: z.number(),
  title: LocalizedText,
  institution: z.object({ id: Uuid, name: z.string(), acronym: z.string() }),
  startsOn: LocalDate,
  endsOn: LocalDate,
  government: Assessment,
  civilSociety: Assessment,
  /** As the IRM would: a milestone whose government side shows no evidence cannot be verified. */
  verifiable: z.boolean(),
  /** Oldest first. */
  updates: z.array(MilestoneUpdate),
});
export type Milestone = z.infer<typeof Milestone>;

export const CommitmentSummary = z.object({
  id: Uuid,
  code: z.string(),
  title: LocalizedText,
  actionPlan: z.string(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  milestones: z.number(),
  verifiable: z.number(),
  /** The latest update's posting time, or when the commitment was entered. */
  lastUpdated: IsoDateTime,
});
export type CommitmentSummary = z.infer<typeof CommitmentSummary>;

export const Commitment = z.extend(CommitmentSummary, {
  description: LocalizedText,
  milestones: z.array(Milestone),
});
export type Commitment = z.infer<typeof Commitment>;

/**
 * One side's assessment from its updates (oldest first): the status its latest update gives, and the evidence
 * its updates carry. A correction is itself an update, so the latest update is that side's word.
 */
export function assessmentOf(updates: readonly MilestoneUpdate[], voice: Voice): Assessment {
  const own = updates.filter((update) => update.voice === voice);
  const latest = own.at(-1);
  return {
    status: latest?.status ?? null,
    updatedOn: latest?.happenedOn ?? null,
    evidenceCount: own.reduce((sum, update) => sum + update.evidence.length, 0),
  };
}

/** Verifiable as the IRM means it: the government's side has at least one evidence file anyone can open. */
export const isVerifiable = (government: Assessment): boolean => government.evidenceCount > 0;
