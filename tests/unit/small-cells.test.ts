// Small cells stay hidden when the total is shown: no hidden count can be had by subtraction (issue #15, finding 9).
import { describe, expect, it } from "vitest";
import { toPublicWorkshop } from "../../src/domain/results/public-workshop";
import { suppressSmallCells } from "../../src/domain/results/small-cells";

const SEXES = ["female", "male", "other"] as const;
const cells = (counts: Record<string, number>, totalShown = true) =>
  suppressSmallCells(SEXES, (key) => counts[key], 5, totalShown);

describe("small-cell suppression beside a total", () => {
  it("hides the next smallest cell when one hidden cell could be worked out (total 12, women 10 → 2)", () => {
    expect(cells({ female: 10, male: 2 })).toEqual({ female: null, male: null, other: null });
  });

  it("hides more until what is hidden adds up to the threshold", () => {
    // 1 + 2 = 3 hidden would be known as a group: 6 joins them (9), and 20 stays.
    expect(cells({ female: 20, male: 6, other: 1, nonbinary: 2 }, true)).toEqual({
      female: 20,
      male: null,
      other: null,
    });
    expect(
      suppressSmallCells(["a", "b", "c", "d"], (key) => ({ a: 20, b: 6, c: 1, d: 2 })[key], 5, true),
    ).toEqual({ a: 20, b: null, c: null, d: null });
  });

  it("leaves cells alone when nothing is hidden, or only zeros, or the hidden group is large enough", () => {
    expect(cells({ female: 17, male: 13 })).toEqual({ female: 17, male: 13, other: null });
    expect(cells({ female: 17, male: 13, other: 0 })).toEqual({ female: 17, male: 13, other: null });
    expect(suppressSmallCells(["a", "b", "c"], (key) => ({ a: 20, b: 4, c: 3 })[key], 5, true)).toEqual({
      a: 20,
      b: null,
      c: null,
    });
  });

  it("needs no more than the threshold when no total is shown", () => {
    expect(cells({ female: 10, male: 2 }, false)).toEqual({ female: 10, male: null, other: null });
  });

  it("keeps a workshop's published breakdowns from giving a hidden cell away", () => {
    const workshop = toPublicWorkshop(
      {
        id: "0192f5a4-0000-7000-8000-000000000001",
        consultationId: "c",
        deviceId: "d",
        date: "2026-11-20",
        departmentCode: "14",
        municipalityCode: "1413",
        community: "Aldea Xepocol",
        facilitator: "Ana",
        attendance: { total: 12, bySex: { female: 10, male: 2 }, byPeople: { maya: 12 } },
        updatedAt: "2026-11-20T12:00:00.000Z",
      } as never,
      5,
    );
    expect(workshop.attendance.total).toBe(12);
    expect(workshop.attendance.bySex).toEqual({ female: null, male: null, other: null });
    expect(workshop.attendance.byPeople.maya).toBe(12);
  });
});
