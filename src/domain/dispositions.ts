// Dispositions ("devolución"): how each input was considered, public, with its reason and history.
import { z } from "zod/mini";
import { AnswerValue } from "./input";
import { Uuid } from "./primitives";

export const DISPOSITION_STATUSES = [
  "incorporated",
  "partly_incorporated",
  "not_incorporated",
  "out_of_scope",
] as const;
export const DispositionStatus = z.enum(DISPOSITION_STATUSES);
export type DispositionStatus = z.infer<typeof DispositionStatus>;

/** One disposition for one or many inputs (in bulk); `grouped` keeps them together as similar inputs. */
export const SetDispositions = z.strictObject({
  inputIds: z.array(Uuid).check(z.minLength(1), z.maxLength(5_000)),
  status: DispositionStatus,
  reason: z.string().check(z.trim(), z.minLength(5), z.maxLength(2_000)),
  grouped: z.optional(z.boolean()),
});
export type SetDispositions = z.infer<typeof SetDispositions>;

export const Disposition = z.object({
  status: DispositionStatus,
  reason: z.string(),
  groupId: z.nullable(z.string()),
  updatedAt: z.string(),
});
export type Disposition = z.infer<typeof Disposition>;

/** An input as the public sees it: what was said and how it was considered; no device, no personal data. */
export const PublicInput = z.object({
  id: z.string(),
  themeId: z.string(),
  answers: z.record(z.string(), AnswerValue),
  freeText: z.nullable(z.string()),
  receivedAt: z.string(),
  disposition: z.nullable(Disposition),
  /**
   * Public only: its words (text answers, free text) wait for an organizer's review and are left out; its
   * choices and numbers are shown.
   */
  textWithheld: z.optional(z.boolean()),
  /** Its words are shown with parts covered by an organizer. */
  redacted: z.optional(z.boolean()),
  /** Organizers only: which answers are words people wrote (text questions), the ones a review may cover. */
  textAnswers: z.optional(z.array(z.string())),
  /**
   * Organizers only: its voice recordings and photos, each with the text question it answers (if it does), and
   * whether its file has arrived (GET /api/v1/organizer/media/:id then serves it).
   */
  recordings: z.optional(
    z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["audio", "photo"]),
        questionId: z.optional(z.string()),
        durationMs: z.optional(z.number()),
        arrived: z.boolean(),
      }),
    ),
  ),
  /** Organizers only: the review of its words, if any. */
  review: z.optional(z.nullable(z.object({ publishable: z.boolean(), redacted: z.boolean() }))),
});
export type PublicInput = z.infer<typeof PublicInput>;

/**
 * An organizer's review of one input's words: publishable, with the text answers and free text as they may be
 * shown (parts covered); an answer left out stays as it was said.
 */
export const InputReview = z.strictObject({
  publishable: z.boolean(),
  answers: z.optional(z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(5_000)))),
  freeText: z.optional(z.nullable(z.string().check(z.maxLength(5_000)))),
});
export type InputReview = z.infer<typeof InputReview>;
