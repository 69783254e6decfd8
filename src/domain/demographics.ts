// Who took part, in the categories workshops count and participants may volunteer: sex, age band, people.
import { z } from "zod/mini";

export const SEXES = ["female", "male", "other"] as const;
export const AGE_BANDS = ["under_18", "18_29", "30_44", "45_59", "60_plus"] as const;
/** Self-identified people (pueblo), as the national census asks it. */
export const PEOPLES = ["maya", "garifuna", "xinka", "ladino_mestizo", "other"] as const;

export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type People = (typeof PEOPLES)[number];

/** A participant's own answers about themselves: every field optional, never required to take part. */
export const Demographics = z.strictObject({
  sex: z.optional(z.enum(SEXES)),
  ageBand: z.optional(z.enum(AGE_BANDS)),
  people: z.optional(z.enum(PEOPLES)),
});
export type Demographics = z.infer<typeof Demographics>;
