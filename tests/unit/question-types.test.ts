// The seven question types: which answers fit each, what a design must get right, and how answers read.
import { describe, expect, it } from "vitest";
import { answersFromForm, formFromAnswers } from "../../src/client/consultations/form-answers";
import { answerCell, answerText } from "../../src/domain/answer-text";
import { Consultation, designIssues } from "../../src/domain/consultation";
import { checkInput, Input } from "../../src/domain/input";
import { allTypesAnswers, allTypesConsultation, makeInput } from "../support/factories";

const consultation = allTypesConsultation();
const theme = consultation.themes[0]!;
const question = (id: string) => theme.questions.find((q) => q.id === id)!;
const inputWith = (answers: Input["answers"], consent = true) =>
  makeInput({
    consultationId: consultation.id,
    themeId: "servicios",
    answers,
    consent,
  });
const issuesFor = (answers: Partial<Input["answers"]>) =>
  checkInput(consultation, inputWith({ ...allTypesAnswers(), ...answers } as Input["answers"]));

describe("seven question types", () => {
  it("takes a full answer of every type, and the schemas accept design and input", () => {
    expect(Consultation.safeParse(consultation).success).toBe(true);
    expect(Input.safeParse(inputWith(allTypesAnswers())).success).toBe(true);
    expect(issuesFor({})).toEqual([]);
  });

  it("refuses an answer of the wrong shape for its question", () => {
    expect(issuesFor({ canal: ["web"] })).toEqual([{ pointer: "/answers/canal", code: "wrong_type" }]);
    expect(issuesFor({ servicios: "agua" })).toEqual([{ pointer: "/answers/servicios", code: "wrong_type" }]);
    expect(issuesFor({ confianza: "2" })).toEqual([{ pointer: "/answers/confianza", code: "wrong_type" }]);
    expect(issuesFor({ "nombre-corto": 4 })).toEqual([
      { pointer: "/answers/nombre-corto", code: "wrong_type" },
    ]);
  });

  it("bounds multiple choices by the options and their maximum, without repeats", () => {
    expect(issuesFor({ servicios: ["agua", "salud", "escuela", "luz"] })).toEqual([
      { pointer: "/answers/servicios", code: "too_many" },
    ]);
    expect(issuesFor({ servicios: ["agua", "agua"] })).toEqual([
      { pointer: "/answers/servicios", code: "repeated_option" },
    ]);
    expect(issuesFor({ servicios: ["agua", "gas"] })).toEqual([
      { pointer: "/answers/servicios", code: "unknown_option" },
    ]);
  });

  it("takes a ranking of up to its top N distinct options, in the participant's order", () => {
    expect(issuesFor({ prioridades: ["empleo"] })).toEqual([]);
    expect(issuesFor({ prioridades: ["agua", "salud", "caminos", "empleo"] })).toEqual([
      { pointer: "/answers/prioridades", code: "too_many" },
    ]);
    expect(issuesFor({ prioridades: ["agua", "agua"] })).toEqual([
      { pointer: "/answers/prioridades", code: "repeated_option" },
    ]);
  });

  it("keeps a scale between 1 and 5 in whole steps, and a number inside its bounds", () => {
    expect(issuesFor({ confianza: 6 })).toEqual([{ pointer: "/answers/confianza", code: "out_of_range" }]);
    expect(issuesFor({ confianza: 0 })).toEqual([{ pointer: "/answers/confianza", code: "out_of_range" }]);
    expect(issuesFor({ confianza: 2.5 })).toEqual([{ pointer: "/answers/confianza", code: "not_integer" }]);
    expect(issuesFor({ distancia: -1 })).toEqual([{ pointer: "/answers/distancia", code: "out_of_range" }]);
    expect(issuesFor({ distancia: 501 })).toEqual([{ pointer: "/answers/distancia", code: "out_of_range" }]);
    const integerOnly = allTypesConsultation({
      themes: [
        {
          ...theme,
          questions: theme.questions.map((q) => (q.type === "number" ? { ...q, integer: true } : q)),
        },
      ],
    });
    const input = inputWith({ ...allTypesAnswers(), distancia: 12.5 });
    expect(checkInput(integerOnly, { ...input, consultationId: integerOnly.id })).toEqual([
      { pointer: "/answers/distancia", code: "not_integer" },
    ]);
  });

  it("counts an empty selection as unanswered, so a required one is missing", () => {
    const required = allTypesConsultation({
      themes: [
        { ...theme, questions: theme.questions.map((q) => ({ ...q, required: q.id === "servicios" })) },
      ],
    });
    const input = { ...inputWith({ servicios: [] }), consultationId: required.id };
    expect(checkInput(required, input)).toEqual([{ pointer: "/answers/servicios", code: "required" }]);
  });

  it("asks for consent when the consultation has a consent text, and only then", () => {
    const { consent: _unasked, ...unasked } = inputWith(allTypesAnswers());
    expect(checkInput(consultation, unasked)).toEqual([{ pointer: "/consent", code: "consent_required" }]);
    expect(checkInput(consultation, inputWith(allTypesAnswers(), false))).toEqual([
      { pointer: "/consent", code: "consent_required" },
    ]);
    const { consent: _none, ...withoutConsent } = consultation;
    expect(checkInput(withoutConsent, unasked)).toEqual([]);
  });
});

describe("designIssues", () => {
  it("finds repeated ids and bounds that cannot be met", () => {
    const broken = allTypesConsultation({
      themes: [
        {
          ...theme,
          questions: [
            ...theme.questions.map((q) => {
              if (q.type === "ranking") return { ...q, top: 9 };
              if (q.type === "multiple_choice") return { ...q, maxChoices: 5 };
              if (q.type === "number") return { ...q, min: 10, max: 1 };
              if (q.type === "single_choice") return { ...q, options: [q.options[0]!, q.options[0]!] };
              return q;
            }),
            { ...question("detalle") },
          ],
        },
        theme,
      ],
    });
    expect(designIssues(broken)).toEqual([
      { pointer: "/themes/0/questions/2/options/1/id", code: "duplicate_id" },
      { pointer: "/themes/0/questions/3/maxChoices", code: "max_choices_exceeds_options" },
      { pointer: "/themes/0/questions/5/top", code: "top_exceeds_options" },
      { pointer: "/themes/0/questions/6/max", code: "min_above_max" },
      { pointer: "/themes/0/questions/7/id", code: "duplicate_id" },
      { pointer: "/themes/1/id", code: "duplicate_id" },
    ]);
    expect(designIssues(consultation)).toEqual([]);
  });
});

describe("answers as people and exports see them", () => {
  it("reads options by label, a ranking numbered and a scale out of 5", () => {
    expect(answerText(question("prioridades"), ["agua", "salud"], "es")).toBe(
      "1. Opción agua, 2. Opción salud",
    );
    expect(answerText(question("servicios"), ["agua", "luz"], "en")).toBe("Option agua, Option luz");
    expect(answerText(question("confianza"), 4, "es")).toBe("4/5");
    expect(answerText(question("canal"), "web", "es")).toBe("Opción web");
    expect(answerText(undefined, ["x", "y"], "es")).toBe("x, y");
  });

  it("writes option ids joined in order and numbers as numbers", () => {
    expect(answerCell(["agua", "salud"])).toBe("agua|salud");
    expect(answerCell(12.5)).toBe(12.5);
    expect(answerCell("texto")).toBe("texto");
    expect(answerCell(undefined)).toBeUndefined();
  });
});

describe("answersFromForm", () => {
  it("reads numbers as typed (comma or point), leaves blanks out and closes a ranking's gaps", () => {
    const { answers, issues } = answersFromForm(theme, {
      "nombre-corto": "  Agua  ",
      detalle: "   ",
      confianza: "3",
      distancia: "12,5",
      prioridades: ["", "salud", "agua"],
      servicios: [],
    });
    expect(issues).toEqual([]);
    expect(answers).toEqual({
      "nombre-corto": "Agua",
      confianza: 3,
      distancia: 12.5,
      prioridades: ["salud", "agua"],
    });
  });

  it("takes out what signed text cannot carry: NUL, controls and bidirectional overrides", () => {
    const { answers } = answersFromForm(theme, { "nombre-corto": "Agua\u0000 \u202Epotable\u202C" });
    expect(answers).toEqual({ "nombre-corto": "Agua potable" });
  });

  it("says so when a number field holds something else", () => {
    const { answers, issues } = answersFromForm(theme, { distancia: "doce" });
    expect(answers).toEqual({});
    expect(issues).toEqual([{ pointer: "/answers/distancia", code: "not_a_number" }]);
  });

  it("round-trips an input's answers back into the form", () => {
    const values = formFromAnswers(allTypesAnswers());
    expect(values.confianza).toBe("2");
    expect(answersFromForm(theme, values).answers).toEqual(allTypesAnswers());
  });
});
