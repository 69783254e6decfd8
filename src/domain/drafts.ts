// Participatory drafting on the wire (issue #13): a draft of numbered sections published version by version,
// comments and proposed amendments on a section of a published version (from the web without an account, or
// from a facilitator's phone), and the organizer's answer to each, with a reason.
import { z } from "zod/mini";
import { LocalizedText } from "./localized-text";
import { IsoDateTime, Uuid } from "./primitives";

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const DRAFT_LIMITS = {
  sections: 200,
  heading: 300,
  text: 50_000,
  markdown: 1_000_000,
  comment: 4_000,
  citedInputs: 20,
} as const;

export const DraftSectionInput = z.strictObject({
  /** A section of the version being edited keeps its id; a new one has none (the server gives it one). */
  id: z.optional(Uuid),
  heading: z.string().check(z.trim(), z.maxLength(DRAFT_LIMITS.heading)),
  text: z.string().check(z.trim(), z.maxLength(DRAFT_LIMITS.text)),
});

export const NewDraft = z.strictObject({
  /** Made by the organizer's page: creating twice (a lost answer) makes one draft. */
  id: Uuid,
  title: LocalizedText,
  /** The first version's text: headings start sections. */
  markdown: z.string().check(z.maxLength(DRAFT_LIMITS.markdown)),
  /** The consultation whose inputs this draft answers, if any. */
  consultationId: z.optional(Uuid),
});
export type NewDraft = z.infer<typeof NewDraft>;

export const DraftEdit = z.strictObject({
  sections: z.array(DraftSectionInput).check(z.minLength(1), z.maxLength(DRAFT_LIMITS.sections)),
  /** The version's updatedAt as the page last read it: saving over another organizer's change is refused. */
  baseUpdatedAt: z.optional(IsoDateTime),
});
export type DraftEdit = z.infer<typeof DraftEdit>;

export const COMMENT_KINDS = ["comment", "amendment"] as const;

export const NewDraftComment = z.strictObject({
  id: Uuid,
  sectionId: Uuid,
  kind: z.enum(COMMENT_KINDS),
  text: trimmed(5, DRAFT_LIMITS.comment),
  /** An amendment's proposed wording of the section (required for amendments, none for comments). */
  proposedText: z.optional(trimmed(1, DRAFT_LIMITS.text)),
  /** Inputs of the draft's consultation this comment rests on (item 6: a consultation feeds the draft). */
  inputIds: z.optional(z.array(Uuid).check(z.maxLength(DRAFT_LIMITS.citedInputs))),
});
export type NewDraftComment = z.infer<typeof NewDraftComment>;

/**
 * A comment or amendment captured offline on a facilitator's enrolled phone: pushed through the outbox as a signed
 * `draft.comment` mutation (its record carries the device, like an input), and kept with channel "field".
 */
export const FieldDraftComment = z.strictObject({
  ...NewDraftComment.shape,
  draftId: Uuid,
  deviceId: Uuid,
  /**
   * The published version the facilitator read (it may be days old): the comment lands on the latest one, and says
   * which it was written on when they differ.
   */
  readVersion: z.int().check(z.minimum(1)),
  /** When it was written on the phone. */
  createdAt: IsoDateTime,
});
export type FieldDraftComment = z.infer<typeof FieldDraftComment>;

export const RESPONSE_OUTCOMES = ["accepted", "partly_accepted", "not_accepted"] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

export const CommentResponse = z.strictObject({
  outcome: z.enum(RESPONSE_OUTCOMES),
  reason: trimmed(5, 2_000),
});
export type CommentResponse = z.infer<typeof CommentResponse>;

export const DraftSectionView = z.object({
  id: Uuid,
  number: z.number(),
  heading: z.string(),
  text: z.string(),
});

export const DraftCommentView = z.object({
  id: Uuid,
  version: z.number(),
  sectionId: Uuid,
  kind: z.enum(COMMENT_KINDS),
  text: z.string(),
  proposedText: z.nullable(z.string()),
  inputIds: z.array(Uuid),
  /** For a comment from the field, the version its writer read; null from the web (always the latest). */
  readVersion: z.nullable(z.number()),
  channel: z.enum(["web", "field"]),
  createdAt: IsoDateTime,
  response: z.nullable(
    z.object({ outcome: z.enum(RESPONSE_OUTCOMES), reason: z.string(), respondedAt: IsoDateTime }),
  ),
});
export type DraftCommentView = z.infer<typeof DraftCommentView>;

export const DraftVersionSummary = z.object({
  version: z.number(),
  status: z.enum(["editing", "published"]),
  publishedAt: z.nullable(IsoDateTime),
});

const WordChange = z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() });

/** One section's change between two published versions, with the accepted amendments that caused it. */
export const DraftChange = z.object({
  kind: z.enum(["unchanged", "changed", "added", "removed"]),
  before: z.optional(DraftSectionView),
  after: z.optional(DraftSectionView),
  heading: z.optional(z.array(WordChange)),
  text: z.optional(z.array(WordChange)),
  causes: z.array(DraftCommentView),
});
export type DraftChange = z.infer<typeof DraftChange>;

/** A draft as organizers list them. */
export const DraftListing = z.object({
  id: Uuid,
  title: LocalizedText,
  version: z.number(),
  status: z.enum(["editing", "published"]),
  /** Comments and amendments still waiting for an answer. */
  unanswered: z.number(),
});
export type DraftListing = z.infer<typeof DraftListing>;

/** A draft with a published version, as the public lists them. */
export const PublicDraftListing = z.object({ id: Uuid, title: LocalizedText, version: z.number() });

export const DraftView = z.object({
  id: Uuid,
  title: LocalizedText,
  consultationId: z.nullable(Uuid),
  /** The version shown: the latest published one (the public's), or the one asked for. */
  version: z.number(),
  /** When the version shown last changed: an organizer's edit names it, so one over another's change is refused. */
  updatedAt: IsoDateTime,
  sections: z.array(DraftSectionView),
  versions: z.array(DraftVersionSummary),
  /**
   * The comments and amendments on the version shown, oldest first, each with its answer once given; for a version
   * being edited (organizers only), those on the published version before it, which it answers.
   */
  comments: z.array(DraftCommentView),
});
export type DraftView = z.infer<typeof DraftView>;
