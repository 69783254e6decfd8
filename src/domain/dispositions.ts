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
});
export type PublicInput = z.infer<typeof PublicInput>;
