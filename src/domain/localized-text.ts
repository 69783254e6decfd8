// A text given in Spanish (required) and optionally in English and Mayan languages.
import { z } from "zod/mini";

const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));

export const LocalizedText = z.strictObject({
  es: label,
  en: z.optional(label),
  quc: z.optional(label),
  cak: z.optional(label),
  mam: z.optional(label),
  kek: z.optional(label),
});
export type LocalizedText = z.infer<typeof LocalizedText>;
