// Every LAIP term on dated cases from 2026 to 2030, each counted by hand on a calendar with its reasoning:
// the holidays of Código de Trabajo Art. 127 for any year (Holy Week from Easter, 30 June on a Monday, the half
// days of 24 and 31 December), local and extraordinary closures, office hours, and the terms of Arts. 42–60.
// A term never counts its starting day; Saturdays, Sundays and full holidays are skipped (Ley del Organismo
// Judicial Art. 45); a half holiday is a business day that closes at noon.
import { describe, expect, it } from "vitest";
import {
  armyDay,
  type CalendarEntry,
  easterSunday,
  holidayCalendar,
  lawHolidays,
  unconfirmedYears,
} from "../../src/domain/requests/holiday-calendar";
import {
  answerDueDate,
  answerTermOf,
  appealDecisionDueDate,
  appealDueDate,
  clarificationDueDate,
  complianceDueDate,
  effectiveReceptionDate,
  extensionNoticeWindow,
  silenceAppealDueDate,
  unansweredDeliveryDueDate,
} from "../../src/domain/requests/laip-deadlines";

const law = holidayCalendar();
/** An instant given as Guatemala wall-clock time (UTC−6). */
const gt = (local: string) => new Date(`${local}-06:00`);

describe("the law's holidays for any year (Código de Trabajo Art. 127)", () => {
  it.each([
    // Known Easter Sundays, early and late, and the ones these cases rest on.
    [2008, "2008-03-23"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2030, "2030-04-21"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("Easter %i falls on %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    [2026, "2026-06-29", "Tuesday → the Monday before"],
    [2027, "2027-06-28", "Wednesday → the Monday before"],
    [2028, "2028-07-03", "Friday → the Monday after"],
    [2029, "2029-07-02", "Saturday → the Monday after"],
    [2030, "2030-07-01", "Sunday → the Monday after"],
    [2031, "2031-06-30", "a Monday stays"],
    [2033, "2033-07-04", "Thursday → the Monday after"],
  ])("Día del Ejército %i is kept on %s (%s)", (year, date) => {
    expect(armyDay(year)).toBe(date);
  });

  it("lists 2028's holidays: Holy Week from Easter on 16 April, no Holy Wednesday, 30 June on Monday 3 July", () => {
    expect(lawHolidays(2028).map(({ date, kind }) => `${date} ${kind}`)).toEqual([
      "2028-01-01 full",
      "2028-04-13 full",
      "2028-04-14 full",
      "2028-04-15 full",
      "2028-05-01 full",
      "2028-07-03 full",
      "2028-09-15 full",
      "2028-10-20 full",
      "2028-11-01 full",
      "2028-12-24 half",
      "2028-12-25 full",
      "2028-12-31 half",
    ]);
    expect(law.kindOf("2028-04-12")).toBeUndefined();
    expect(law.kindOf("2028-06-30")).toBeUndefined();
  });
});

describe("answer due date (LAIP Art. 42: 10 business days) in any year", () => {
  it.each([
    // Holy Thursday 13 and Friday 14 April 2028 skipped: 11, 12, 17, 18, 19, 20, 21, 24, 25, 26.
    ["Monday of Holy Week 2028", "2028-04-10T09:00", "2028-04-26"],
    // Holy Wednesday is a full working day by law: counts from 12 April; 17 … 21, 24 … 28.
    ["Holy Wednesday 2028 in the afternoon", "2028-04-12T14:00", "2028-04-28"],
    // Holy Thursday and Friday (29, 30 March 2029) skipped: 27, 28, 2, 3, 4, 5, 6, 9, 10, 11 April.
    ["Monday of Holy Week 2029", "2029-03-26T10:00", "2029-04-11"],
    // Filed on Holy Thursday 2029: counts from Monday 2 April; 3, 4, 5, 6, 9, 10, 11, 12, 13, 16.
    ["Holy Thursday 2029, a holiday", "2029-03-29T10:00", "2029-04-16"],
    // Holy Week 2030 (18, 19 April) and 1 May (a Wednesday): 17, 22 … 26, 29, 30, 2 May, 3 May.
    ["Tuesday of Holy Week 2030", "2030-04-16T09:00", "2030-05-03"],
    // Holy Wednesday 2027 at 13:00 counts the same day: 29 March … 2 April, 5 … 9 April.
    ["Holy Wednesday 2027 after noon", "2027-03-24T13:00", "2027-04-09"],
    // 30 June 2028 is a Friday and a working day (the holiday is Monday 3 July): 4 … 7, 10 … 14, 17.
    ["30 June 2028, its holiday moved to Monday", "2028-06-30T09:00", "2028-07-17"],
    // 30 June 2029 is a Saturday, kept on Monday 2 July: 3 … 6, 9 … 13, 16.
    ["the Friday before Día del Ejército 2029", "2029-06-29T09:00", "2029-07-16"],
    // 30 June 2030 is a Sunday, kept on Monday 1 July: 2 … 5, 8 … 12, 15.
    ["the Friday before Día del Ejército 2030", "2030-06-28T09:00", "2030-07-15"],
    // Nochebuena 2027 (a Friday) before noon counts: 27 … 31 December (31 a half day), 3 … 7 January.
    ["24 December 2027 before noon", "2027-12-24T11:00", "2028-01-07"],
    // 31 December 2027 after noon: 1 January is a Saturday holiday, so it counts from Monday 3; 4 … 7, 10 … 14, 17.
    ["31 December 2027 after noon", "2027-12-31T12:30", "2028-01-17"],
    // Nochebuena 2029 (Monday) at noon, when offices close: from Wednesday 26; 27, 28, 31, 2 … 4, 7 … 10 January.
    ["24 December 2029 at noon", "2029-12-24T12:00", "2030-01-10"],
    // After 16:30 on the eve of Independence Day 2028 (a Friday): counts from Monday 18; 19 … 22, 25 … 29, 2 October.
    ["after closing on the eve of 15 September 2028", "2028-09-14T16:45", "2028-10-02"],
    // After closing on Friday 19 October 2029: 20 October is a Saturday; from Monday 22; 1 November skipped.
    ["after closing on the eve of 20 October 2029", "2029-10-19T17:00", "2029-11-06"],
    // After closing on 30 April 2030: 1 May (Wednesday) is a holiday; from Thursday 2; 3, 6 … 10, 13 … 16.
    ["after closing on the eve of 1 May 2030", "2030-04-30T16:31", "2030-05-16"],
    // Before closing on the eve of All Saints 2029: counts from 31 October; 2, 5 … 9, 12 … 15 November.
    ["before closing on the eve of 1 November 2029", "2029-10-31T16:29", "2029-11-15"],
  ])("for a request received on %s", (_label, received, due) => {
    expect(answerDueDate(gt(received), law)).toBe(due);
  });
});

describe("closures admins add: extraordinary, local to a municipality or to one institution", () => {
  const entries: CalendarEntry[] = [
    { date: "2028-08-15", kind: "full", name: "Feria titular de Nebaj", scope: "municipality:1413" },
    {
      date: "2029-05-02",
      kind: "full",
      name: "Cierre por traslado de oficinas",
      scope: "institution:inst-x",
    },
    { date: "2030-01-02", kind: "full", name: "Asueto decretado", scope: "national" },
    { date: "2028-04-12", kind: "half", name: "Miércoles Santo (desde las 12:00)", scope: "national" },
  ];
  const nebaj = holidayCalendar({ entries, place: { institutionId: "muni-nebaj", territoryCode: "1413" } });
  const capital = holidayCalendar({ entries, place: { institutionId: "muni-guate", territoryCode: "0101" } });
  const instX = holidayCalendar({ entries, place: { institutionId: "inst-x", territoryCode: "0101" } });

  it("counts Nebaj's fair for an institution in Nebaj and not for one in the capital", () => {
    // Nebaj: 15 August closed; 16, 17, 18, 21 … 25, 28, 29. Capital: 15 … 18, 21 … 25, 28.
    expect(answerDueDate(gt("2028-08-14T09:00"), nebaj)).toBe("2028-08-29");
    expect(answerDueDate(gt("2028-08-14T09:00"), capital)).toBe("2028-08-28");
  });

  it("counts one institution's closure for it alone", () => {
    // 1 May holiday, 2 May closed for institution X: 3, 4, 7 … 11, 14, 15, 16. Others count 2 May: … 15.
    expect(answerDueDate(gt("2029-04-30T09:00"), instX)).toBe("2029-05-16");
    expect(answerDueDate(gt("2029-04-30T09:00"), capital)).toBe("2029-05-15");
  });

  it("counts a decreed national closure everywhere", () => {
    // 31 December 2029 before noon counts; 1 and 2 January closed: 3, 4, 7 … 11, 14, 15, 16.
    expect(answerDueDate(gt("2029-12-31T11:00"), nebaj)).toBe("2030-01-16");
    expect(answerDueDate(gt("2029-12-31T11:00"), capital)).toBe("2030-01-16");
  });

  it("makes Holy Wednesday a half day where an admin says so", () => {
    // After noon on a half day: counts from Monday 17 (Thursday to Sunday closed); 18 … 21, 24 … 28, 2 May.
    expect(answerDueDate(gt("2028-04-12T14:00"), capital)).toBe("2028-05-02");
    expect(answerDueDate(gt("2028-04-12T14:00"), law)).toBe("2028-04-28");
  });

  it("lets a local entry make a day longer closed, never shorter", () => {
    const both = holidayCalendar({
      entries: [
        { date: "2030-08-05", kind: "full", name: "Feria", scope: "municipality:0101" },
        { date: "2030-08-05", kind: "half", name: "Medio día", scope: "national" },
      ],
      place: { territoryCode: "0101" },
    });
    expect(both.kindOf("2030-08-05")).toBe("full");
  });

  it("lets a decree shorten a law holiday everywhere, but never a local entry", () => {
    const entries: CalendarEntry[] = [
      { date: "2030-09-15", kind: "half", name: "Medio día local", scope: "municipality:0101" },
      { date: "2030-12-25", kind: "half", name: "Decreto", scope: "national" },
    ];
    const here = holidayCalendar({ entries, place: { territoryCode: "0101" } });
    expect(here.kindOf("2030-09-15")).toBe("full");
    expect(here.kindOf("2030-12-25")).toBe("half");
  });

  it("applies each institution's own office hours (an institutional rule, not law)", () => {
    const closesAtThree = { closes: "15:00", halfDayCloses: "11:00" };
    // 15:30 on Monday 23 November 2026: before 16:30 it counts the same day; past a 15:00 closing, Tuesday.
    expect(effectiveReceptionDate(gt("2026-11-23T15:30"), law)).toBe("2026-11-23");
    expect(effectiveReceptionDate(gt("2026-11-23T15:30"), law, closesAtThree)).toBe("2026-11-24");
    expect(answerDueDate(gt("2026-11-23T15:30"), law, closesAtThree)).toBe("2026-12-08");
    // 24 December 2026 at 11:30: open until noon by default, closed at 11:00 here (then 25, 26, 27 closed).
    expect(effectiveReceptionDate(gt("2026-12-24T11:30"), law)).toBe("2026-12-24");
    expect(effectiveReceptionDate(gt("2026-12-24T11:30"), law, closesAtThree)).toBe("2026-12-28");
  });

  it("says which years a term runs into that no admin has confirmed", () => {
    const confirmed = holidayCalendar({ confirmedYears: [2026, 2027] });
    expect(unconfirmedYears(confirmed, "2027-12-20", "2028-01-07")).toEqual([2028]);
    expect(unconfirmedYears(confirmed, "2026-12-20", "2027-01-07")).toEqual([]);
    expect(unconfirmedYears(law, "2029-12-20", "2030-01-07")).toEqual([2029, 2030]);
  });
});

describe("the other LAIP terms", () => {
  it.each([
    // The term's last two business days: Friday 4 and Monday 7 December 2026.
    ["2026-12-07", "2026-12-04"],
    // Before Monday 17 April 2028 come Sunday, Saturday and Holy Friday and Thursday: the other day is Wednesday 12.
    ["2028-04-17", "2028-04-12"],
    // Before Wednesday 2 January 2030: 1 January closed; 31 December (a half day) is a business day.
    ["2030-01-02", "2029-12-31"],
  ])("Art. 43: an extension of a term ending %s is told to the requester from %s", (due, from) => {
    expect(extensionNoticeWindow(due, law)).toEqual({ from, to: due });
  });

  it.each([
    // 8 … 11, 14 … 18, 21 December 2026.
    ["2026-12-07", "2026-12-21"],
    // Holy Thursday and Friday skipped: 17 … 21, 24 … 28 April 2028.
    ["2028-04-12", "2028-04-28"],
    // 21, 24 (half day), 26, 27, 28, 31 (half day), 2, 3, 4, 7 January.
    ["2029-12-20", "2030-01-07"],
  ])("Art. 44: unanswered when its term ended %s, the information is delivered free by %s", (due, by) => {
    expect(unansweredDeliveryDueDate(due, law)).toBe(by);
  });

  it.each([
    // 11, 12, 17 … 21, 24 … 28 April, 2 (1 May closed), 3, 4 May 2028.
    ["2028-04-10T10:00", "2028-05-04"],
    // 17 … 21, 24, 26, 27, 28, 31 December, 2, 3, 4, 7, 8 January.
    ["2029-12-14T15:00", "2030-01-08"],
  ])("Art. 54: notified at %s, the recurso de revisión may be filed until %s", (notified, until) => {
    expect(appealDueDate(gt(notified), law)).toBe(until);
  });

  it("Art. 55: unanswered when its term ended on Friday 25 June 2027, the appeal window runs to 19 July", () => {
    // 28 June is Día del Ejército: 29, 30 June, 1, 2, 5 … 9, 12 … 16, 19 July.
    expect(silenceAppealDueDate("2027-06-25", law)).toBe("2027-07-19");
  });

  it.each([
    // 17 … 21 April 2028 (Holy Thursday and Friday skipped).
    ["2028-04-12T11:00", "2028-04-21"],
    // 20 October 2030 is a Sunday: 21 … 25 October.
    ["2030-10-18T15:00", "2030-10-25"],
  ])("Art. 58: an appeal filed at %s is decided by %s", (filed, by) => {
    expect(appealDecisionDueDate(gt(filed), law)).toBe(by);
  });

  it.each([
    // 1 November closed: 2, 5, 6, 7, 8 November 2029.
    ["2029-10-31T10:00", "2029-11-08"],
    // 24 (half day), 28, 29, 30, 31 December 2026.
    ["2026-12-23T10:00", "2026-12-31"],
  ])("Art. 60: a decision of %s is complied with by %s", (decided, by) => {
    expect(complianceDueDate(gt(decided), law)).toBe(by);
  });
});

describe("the clarification (LAIP Art. 42 inciso 2) and personal data (Arts. 33 and 34)", () => {
  it.each([
    // Asked Tuesday 11 April 2028, 5 days: 12 April, then Holy Thursday 13 and Good Friday 14 are closed: 17 … 20.
    ["2028-04-11T10:00", 5, "2028-04-20"],
    // Asked Wednesday 27 June 2029, 3 days: 28, 29 June; 30 June (a Saturday) is kept on Monday 2 July: 3 July.
    ["2029-06-27T16:00", 3, "2029-07-03"],
    // Asked on the half day of 24 December 2026 at 11:00, 2 days: 28, 29 December.
    ["2026-12-24T11:00", 2, "2026-12-29"],
  ])("asked at %s with %i business days to reply: until %s", (asked, days, until) => {
    expect(clarificationDueDate(gt(asked), days, law)).toBe(until);
  });

  it.each([
    // A reply at 12:30 on the half day of 31 December 2026 is after its noon closing; 1 January is closed: received
    // Monday 4 January 2027, answered by 5 … 8, 11 … 15, 18 January.
    ["2026-12-31T12:30", "2027-01-18"],
    // A reply at 17:00 on Wednesday 23 December 2026 counts from Thursday 24 (a half day is a business day):
    // 28 … 31 December, 4 … 8, 11 January.
    ["2026-12-23T17:00", "2027-01-11"],
  ])("the answer term starts again from a reply at %s: due %s", (replied, due) => {
    expect(answerDueDate(gt(replied), law)).toBe(due);
  });

  it("Art. 33: one's own data asked for on Monday 26 March 2029 is due 11 April, past Holy Week", () => {
    // Easter 2029 is 1 April: Holy Thursday 29 and Good Friday 30 March are closed. 27, 28 March, 2 … 6, 9, 10, 11 April.
    const term = answerTermOf("personal-data-access");
    expect(term).toEqual({ days: 10, article: "33" });
    expect(answerDueDate(gt("2029-03-26T09:00"), law, undefined, term.days)).toBe("2029-04-11");
  });

  it("Art. 34: a correction asked for on Monday 2 September 2030 is due 14 October", () => {
    // 15 September 2030 is a Sunday (nothing moves): 3 … 6, 9 … 13, 16 … 20, 23 … 27, 30 Sept, 1 … 4, 7 … 11, 14 Oct.
    const term = answerTermOf("personal-data-correction");
    expect(term).toEqual({ days: 30, article: "34" });
    expect(answerDueDate(gt("2030-09-02T09:00"), law, undefined, term.days)).toBe("2030-10-14");
    // Asked after closing on Tuesday 19 October 2027: received Thursday 21 (20 October is closed), and 30 days on:
    // 22, 25 … 29 Oct, 2 … 5 Nov (1 November closed), 8 … 12, 15 … 19, 22 … 26, 29, 30 Nov, 1, 2, 3 Dec → 3 December.
    expect(answerDueDate(gt("2027-10-19T17:00"), law, undefined, term.days)).toBe("2027-12-03");
  });

  it("public information keeps Art. 42's 10 days when no kind is given", () => {
    expect(answerTermOf(undefined)).toEqual({ days: 10, article: "42" });
    expect(answerTermOf("information")).toEqual({ days: 10, article: "42" });
  });
});
