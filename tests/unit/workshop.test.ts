// What a workshop must get right beyond its shape: a real place, a real date, breakdowns within the total.
import { describe, expect, it } from "vitest";
import { checkWorkshop, Workshop } from "../../src/domain/workshop";
import { makeWorkshop } from "../support/factories";

describe("checkWorkshop", () => {
  it("accepts a workshop in Nebaj with attendance that adds up", () => {
    const workshop = makeWorkshop();
    expect(Workshop.safeParse(workshop).success).toBe(true);
    expect(checkWorkshop(workshop)).toEqual([]);
  });

  it("refuses a municipality of another department and one that does not exist", () => {
    expect(checkWorkshop(makeWorkshop({ departmentCode: "13" }))).toEqual([
      { pointer: "/municipalityCode", code: "municipality_outside_department" },
    ]);
    expect(checkWorkshop(makeWorkshop({ municipalityCode: "1499" }))).toEqual([
      { pointer: "/municipalityCode", code: "unknown_municipality" },
    ]);
  });

  it("refuses a date that is not on the calendar", () => {
    expect(checkWorkshop(makeWorkshop({ date: "2026-02-30" }))).toEqual([
      { pointer: "/date", code: "invalid_date" },
    ]);
  });

  it("refuses a breakdown whose sum passes the total, but not one that falls short of it", () => {
    const attendance = { total: 10, bySex: { female: 8, male: 4 }, byPeople: { maya: 3 } };
    expect(checkWorkshop(makeWorkshop({ attendance }))).toEqual([
      { pointer: "/attendance/bySex", code: "breakdown_exceeds_total" },
    ]);
  });

  it("refuses negative or fractional counts and unknown categories in the schema", () => {
    for (const attendance of [{ total: -1 }, { total: 2.5 }, { bySex: { mujer: 3 } }]) {
      expect(Workshop.safeParse(makeWorkshop({ attendance: attendance as never })).success).toBe(false);
    }
  });
});
