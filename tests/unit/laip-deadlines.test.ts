// LAIP deadlines on dated cases: weekends, holidays, Holy Week, the 16:30 cut-off, extension, year end.
// Each due date below was counted by hand on a calendar (the reception day itself is not counted; Saturdays,
// Sundays and full holidays are skipped; half holidays are business days). More cases, for any year, in
// laip-terms.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holidayCalendar } from "../../src/domain/requests/holiday-calendar";
import {
  answerDueDate,
  appealDueDate,
  effectiveReceptionDate,
  extendDueDate,
  isBusinessDay,
  isOverdue,
  nextBusinessDay,
} from "../../src/domain/requests/laip-deadlines";

/** The law's holidays only (Código de Trabajo Art. 127), as a fresh install counts them. */
const calendar = holidayCalendar();
/** An instant given as Guatemala wall-clock time (UTC−6). */
const gt = (local: string) => new Date(`${local}-06:00`);

describe("answer due date (LAIP Art. 42: 10 business days)", () => {
  it.each([
    ["a Monday morning", "2026-11-23T09:00", "2026-12-07"],
    ["a Monday one minute before closing", "2026-11-23T16:29", "2026-12-07"],
    ["a Monday at 16:30, which counts from Tuesday", "2026-11-23T16:30", "2026-12-08"],
    ["a Monday night", "2026-11-23T21:00", "2026-12-08"],
    ["a Saturday, which counts from Monday", "2026-11-28T10:00", "2026-12-14"],
    ["a Sunday, which counts from Monday", "2026-11-29T10:00", "2026-12-14"],
    ["the Monday of Holy Week (Thursday to Saturday do not count)", "2026-03-30T09:00", "2026-04-15"],
    ["Holy Wednesday before noon", "2026-04-01T11:59", "2026-04-17"],
    // Not a half day by law (Art. 127 names Thursday to Saturday): it counts like any Wednesday.
    ["Holy Wednesday in the afternoon, a working day by law", "2026-04-01T15:00", "2026-04-17"],
    ["Holy Thursday, a holiday", "2026-04-02T10:00", "2026-04-20"],
    ["Holy Week 2027, the Tuesday", "2027-03-23T10:00", "2027-04-08"],
    ["24 December before noon, across Christmas and New Year", "2026-12-24T10:00", "2027-01-11"],
    ["31 December before noon, across New Year", "2026-12-31T09:00", "2027-01-15"],
    ["31 December in the afternoon, which counts from 4 January", "2026-12-31T13:00", "2027-01-18"],
    ["the Friday before Día del Ejército 2026, kept on Monday 29 June", "2026-06-26T09:00", "2026-07-13"],
    ["the Friday before Día del Ejército 2027, kept on Monday 28 June", "2027-06-25T09:00", "2027-07-12"],
    ["the day before Independence Day", "2026-09-14T09:00", "2026-09-29"],
    ["the day before the Revolution Day holiday", "2026-10-19T09:00", "2026-11-03"],
  ])("for a request received %s", (_label, receivedLocal, due) => {
    expect(answerDueDate(gt(receivedLocal), calendar)).toBe(due);
  });

  it("reads the clock in Guatemala, not in UTC", () => {
    // 20:00 UTC is 14:00 in Guatemala: before closing, so the same day counts.
    expect(effectiveReceptionDate(new Date("2026-11-23T20:00:00Z"), calendar)).toBe("2026-11-23");
    expect(answerDueDate(new Date("2026-11-23T20:00:00Z"), calendar)).toBe("2026-12-07");
    // 05:30 UTC on Tuesday is still Monday 23:30 in Guatemala: after closing, so Tuesday counts.
    expect(effectiveReceptionDate(new Date("2026-11-24T05:30:00Z"), calendar)).toBe("2026-11-24");
  });

  it("always lands on a business day exactly 10 business days after reception, 2026 to 2030 (property)", () => {
    const start = Date.parse("2026-01-01T06:00:00Z");
    const end = Date.parse("2030-12-01T06:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (ms) => {
        const reception = effectiveReceptionDate(new Date(ms), calendar);
        const due = answerDueDate(new Date(ms), calendar);
        expect(isBusinessDay(due, calendar)).toBe(true);
        let counted = 0;
        for (let day = reception; day < due; day = nextBusinessDay(day, calendar)) counted++;
        expect(counted).toBe(10);
      }),
    );
  });
});

describe("extension (LAIP Art. 43: once, up to 10 business days, before the first term ends)", () => {
  it("extends from the first due date when decided on its last day", () => {
    expect(extendDueDate("2026-12-07", 10, gt("2026-12-07T16:00"), false, calendar)).toEqual({
      ok: true,
      dueDate: "2026-12-21",
    });
  });

  it("counts a shorter extension across Nochebuena and Christmas", () => {
    expect(extendDueDate("2026-12-21", 5, gt("2026-12-18T09:00"), false, calendar)).toEqual({
      ok: true,
      dueDate: "2026-12-29",
    });
  });

  it("refuses an extension after the first term ended, a second one, and bad lengths", () => {
    expect(extendDueDate("2026-12-07", 10, gt("2026-12-08T08:00"), false, calendar)).toEqual({
      ok: false,
      reason: "term-ended",
    });
    expect(extendDueDate("2026-12-07", 3, gt("2026-12-01T08:00"), true, calendar)).toEqual({
      ok: false,
      reason: "already-extended",
    });
    expect(extendDueDate("2026-12-07", 11, gt("2026-12-01T08:00"), false, calendar)).toMatchObject({
      reason: "too-many-days",
    });
    expect(extendDueDate("2026-12-07", 0, gt("2026-12-01T08:00"), false, calendar)).toMatchObject({
      reason: "no-days",
    });
  });
});

describe("appeal (LAIP Art. 54: 15 business days after notification)", () => {
  it("counts 15 business days from the notification, across Christmas", () => {
    expect(appealDueDate(gt("2026-12-07T10:00"), calendar)).toBe("2026-12-29");
  });
});

describe("overdue", () => {
  it("runs to the end of the due day in Guatemala", () => {
    expect(isOverdue("2026-12-07", gt("2026-12-07T23:59"))).toBe(false);
    expect(isOverdue("2026-12-07", gt("2026-12-08T00:00"))).toBe(true);
  });
});
