// Voice recordings and photos captured with an input or a workshop: what the record says of each file.
import { z } from "zod/mini";
import { Slug, Uuid } from "./primitives";

/** Largest file a phone may attach: a few minutes of speech, or a photo already downscaled on the phone. */
export const MEDIA_MAX_BYTES = 15 * 1024 * 1024;
/** Photos are downscaled on the phone so their longer side is at most this many pixels. */
export const PHOTO_MAX_SIDE = 1600;
export const MEDIA_PER_RECORD = 10;

export const MediaRef = z.strictObject({
  /** Made on the phone; the file is uploaded (tus) under the same id. */
  id: Uuid,
  kind: z.enum(["audio", "photo"]),
  mime: z.string().check(z.regex(/^(audio|image)\/[a-z0-9.+-]+(;[ a-z0-9=.,+-]*)?$/i), z.maxLength(100)),
  size: z.int().check(z.positive(), z.lte(MEDIA_MAX_BYTES)),
  /** Lower-case hex SHA-256 of the file: the signed record vouches for the file's exact bytes. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  durationMs: z.optional(z.int().check(z.nonnegative())),
  /**
   * A voice recording that answers this text question of the input's theme, instead of (or besides) typed words:
   * the question counts as answered. Absent: a recording or photo of the input as a whole.
   */
  questionId: z.optional(Slug),
});
export type MediaRef = z.infer<typeof MediaRef>;
