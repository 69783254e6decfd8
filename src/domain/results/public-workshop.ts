// A workshop as the public sees it: place, date and attendance counts; no facilitator, no minutes, no photos,
// and breakdown cells below the small-cell threshold suppressed, with as many others as it takes for the total
// not to give them away (small-cells.ts).
import { AGE_BANDS, PEOPLES, SEXES } from "../demographics";
import { findDepartment, findMunicipality } from "../territory/guatemala";
import type { Workshop } from "../workshop";
import { suppressSmallCells } from "./small-cells";

export interface PublicWorkshop {
  id: string;
  date: string;
  departmentCode: string;
  department: string;
  municipalityCode: string;
  municipality: string;
  community: string;
  attendance: {
    total: number | null;
    /** Each category's count, or null when below the threshold (or not counted). */
    bySex: Record<string, number | null>;
    byAgeBand: Record<string, number | null>;
    byPeople: Record<string, number | null>;
  };
}

export function toPublicWorkshop(workshop: Workshop, smallCell: number): PublicWorkshop {
  // The total is published: breakdowns are suppressed so that it cannot give a hidden cell away.
  const totalShown = workshop.attendance.total !== undefined;
  const cells = (keys: readonly string[], counts: Record<string, number | undefined> | undefined) =>
    suppressSmallCells(keys, (key) => counts?.[key], smallCell, totalShown);
  return {
    id: workshop.id,
    date: workshop.date,
    departmentCode: workshop.departmentCode,
    department: findDepartment(workshop.departmentCode)?.name ?? workshop.departmentCode,
    municipalityCode: workshop.municipalityCode,
    municipality: findMunicipality(workshop.municipalityCode)?.name ?? workshop.municipalityCode,
    community: workshop.community,
    attendance: {
      // A workshop's total says how many came, not who: it stays.
      total: workshop.attendance.total ?? null,
      bySex: cells(SEXES, workshop.attendance.bySex),
      byAgeBand: cells(AGE_BANDS, workshop.attendance.byAgeBand),
      byPeople: cells(PEOPLES, workshop.attendance.byPeople),
    },
  };
}
