// A workshop as the public sees it: place, date and attendance counts; no facilitator, no minutes, no photos,
// and breakdown cells below the small-cell threshold suppressed.
import { AGE_BANDS, PEOPLES, SEXES } from "../demographics";
import { findDepartment, findMunicipality } from "../territory/guatemala";
import type { Workshop } from "../workshop";

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
  const cells = (keys: readonly string[], counts: Record<string, number | undefined> | undefined) =>
    Object.fromEntries(
      keys.map((key) => {
        const count = counts?.[key];
        return [key, count === undefined || count < smallCell ? null : count];
      }),
    );
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
