// A workshop (taller) a facilitator runs in a community: where, when, who led it, how many took part, minutes.
import { z } from "zod/mini";
import { AGE_BANDS, PEOPLES, SEXES } from "./demographics";
import { MEDIA_PER_RECORD, MediaRef } from "./media";
import { IsoDateTime, Uuid } from "./primitives";
import { findMunicipality } from "./territory/guatemala";

const count = z.int().check(z.nonnegative(), z.lte(100_000));
const counts = <T extends readonly string[]>(keys: T) =>
  z.strictObject(
    Object.fromEntries(keys.map((key) => [key, z.optional(count)])) as Record<
      T[number],
      z.ZodMiniOptional<typeof count>
    >,
  );

/** Attendance counted by sex, age band and self-identified people; each breakdown is optional. */
export const Attendance = z.strictObject({
  total: z.optional(count),
  bySex: z.optional(counts(SEXES)),
  byAgeBand: z.optional(counts(AGE_BANDS)),
  byPeople: z.optional(counts(PEOPLES)),
});
export type Attendance = z.infer<typeof Attendance>;

export const MINUTES_LIMIT = 20_000;

export const Workshop = z.strictObject({
  id: Uuid,
  consultationId: Uuid,
  /** INE codes: two digits for the department, four for the municipality. */
  departmentCode: z.string().check(z.regex(/^\d{2}$/)),
  municipalityCode: z.string().check(z.regex(/^\d{4}$/)),
  community: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** The day it was held, as a calendar date (the facilitator's, in Guatemala). */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  facilitator: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  attendance: Attendance,
  minutes: z.optional(z.string().check(z.maxLength(MINUTES_LIMIT))),
  /** Photos of flipcharts and minutes, uploaded apart (tus) under their ids. */
  photos: z.optional(z.array(MediaRef).check(z.maxLength(MEDIA_PER_RECORD))),
  deviceId: Uuid,
  createdAt: IsoDateTime,
  /** Each save on the phone moves this on; the server keeps the latest save it received. */
  updatedAt: IsoDateTime,
});
export type Workshop = z.infer<typeof Workshop>;

export type WorkshopIssueCode =
  | "unknown_municipality"
  | "municipality_outside_department"
  | "breakdown_exceeds_total"
  | "invalid_date";

export interface WorkshopIssue {
  pointer: string;
  code: WorkshopIssueCode;
}

/** What a workshop's shape cannot say: a real place, a real date, breakdowns that fit the total. */
export function checkWorkshop(workshop: Workshop): WorkshopIssue[] {
  const issues: WorkshopIssue[] = [];
  const municipality = findMunicipality(workshop.municipalityCode);
  if (!municipality) issues.push({ pointer: "/municipalityCode", code: "unknown_municipality" });
  else if (municipality.departmentCode !== workshop.departmentCode)
    issues.push({ pointer: "/municipalityCode", code: "municipality_outside_department" });
  const [year, month, day] = workshop.date.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    issues.push({ pointer: "/date", code: "invalid_date" });
  const { total } = workshop.attendance;
  if (total !== undefined) {
    for (const key of ["bySex", "byAgeBand", "byPeople"] as const) {
      const sum = Object.values(workshop.attendance[key] ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
      if (sum > total) issues.push({ pointer: `/attendance/${key}`, code: "breakdown_exceeds_total" });
    }
  }
  return issues;
}
