// Which LAIP terms run for a request at each stage, on dated cases counted by hand (see laip-terms.test.ts for
// the counting rules): the desk and the status page list exactly these.
import { describe, expect, it } from "vitest";
import { holidayCalendar } from "../../src/domain/requests/holiday-calendar";
import { legalTerms, type TermFacts } from "../../src/domain/requests/legal-terms";

const law = holidayCalendar();
const gt = (local: string) => new Date(`${local}-06:00`);
/** Filed Wednesday 25 November 2026: 26, 27, 30 November, 1 … 4, 7, 8, 9 December. */
const open: TermFacts = {
  dueDate: "2026-12-09",
  extendedDueDate: null,
  closed: false,
  appealable: false,
  notifiedAt: null,
  appealFiledAt: null,
  appealResolvedAt: null,
  appealOrdersDelivery: false,
};
const terms = (facts: Partial<TermFacts>, now: string) =>
  legalTerms({ ...open, ...facts }, law, gt(now)).map(({ kind, article, from, until, overdue }) =>
    [kind, article, from ?? "", until, overdue].join(" "),
  );

describe("the LAIP terms that run for a request", () => {
  it("while open: the answer (Art. 42) and the days to announce an extension (Art. 43: 8 and 9 December)", () => {
    expect(terms({}, "2026-11-30T10:00")).toEqual([
      "answer 42  2026-12-09 false",
      "extension-notice 43 2026-12-08 2026-12-09 false",
    ]);
  });

  it("once extended: the new term (Art. 43), and no notice window any more", () => {
    expect(terms({ extendedDueDate: "2026-12-23" }, "2026-12-10T10:00")).toEqual([
      "answer 43  2026-12-23 false",
    ]);
  });

  it("past the term with no answer: free delivery within 10 days (Art. 44) and the appeal against silence (Art. 55)", () => {
    // Art. 44: 10 … 11, 14 … 18, 21, 22, 23. Art. 55: those, then 24 (half day), 28, 29, 30, 31 December.
    expect(terms({}, "2026-12-10T10:00")).toEqual([
      "answer 42  2026-12-09 true",
      "unanswered-delivery 44  2026-12-23 false",
      "silence-appeal 55  2026-12-31 false",
    ]);
  });

  it("answered: the appeal window from the notice (Art. 54), and nothing before the requester was notified", () => {
    const answered = { closed: true, appealable: true };
    expect(terms(answered, "2026-12-02T10:00")).toEqual([]);
    // Notified Tuesday 1 December: 2, 3, 4, 7 … 11, 14 … 18, 21, 22 December.
    expect(terms({ ...answered, notifiedAt: gt("2026-12-01T10:00") }, "2026-12-02T10:00")).toEqual([
      "appeal 54  2026-12-22 false",
    ]);
    expect(terms({ ...answered, notifiedAt: gt("2026-12-01T10:00") }, "2026-12-23T10:00")).toEqual([
      "appeal 54  2026-12-22 true",
    ]);
  });

  it("appealed: the decision within 5 days (Art. 58: 17, 18, 21, 22, 23 December)", () => {
    expect(
      terms(
        {
          closed: true,
          appealable: true,
          notifiedAt: gt("2026-12-01T10:00"),
          appealFiledAt: gt("2026-12-16T10:00"),
        },
        "2026-12-17T10:00",
      ),
    ).toEqual(["appeal-decision 58  2026-12-23 false"]);
  });

  it("an appeal decided for the requester: compliance within 5 days (Art. 60: 24, 28, 29, 30, 31 December)", () => {
    expect(
      terms(
        {
          appealFiledAt: gt("2026-12-16T10:00"),
          appealResolvedAt: gt("2026-12-23T10:00"),
          appealOrdersDelivery: true,
        },
        "2026-12-24T10:00",
      ),
    ).toEqual(["compliance 60  2026-12-31 false"]);
  });

  it("referred or withdrawn: no term of this institution runs", () => {
    expect(terms({ closed: true, appealable: false }, "2026-12-02T10:00")).toEqual([]);
  });

  it("while the requester is asked to clarify: only the days to reply (Art. 42 inciso 2), never silence", () => {
    // Past the first due date (9 December) with the clarification's term also ended: no Art. 44 or 55.
    expect(terms({ clarificationDue: "2026-12-02" }, "2026-12-10T10:00")).toEqual([
      "clarification 42  2026-12-02 true",
    ]);
  });

  it("for personal data: the answer term cites Art. 33 or 34", () => {
    // No extension, so no days to announce one (Art. 43 is not for them).
    expect(terms({ answerArticle: "34", dueDate: "2027-01-06" }, "2026-12-10T10:00")).toEqual([
      "answer 34  2027-01-06 false",
    ]);
  });
});
