// The rules that decide whether an input fits its consultation, shared by phone and server.
import { describe, expect, it } from "vitest";
import { checkInput } from "../../src/domain/input";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";
import { makeInput } from "../support/factories";

const consultation = demoConsultation("2026-11-01T12:00:00.000Z");

describe("checkInput", () => {
  it("finds nothing wrong with a complete answer", () => {
    expect(checkInput(consultation, makeInput())).toEqual([]);
  });

  it("names each missing required question", () => {
    const issues = checkInput(consultation, makeInput({ answers: { propuesta: "Más oficinas" } }));
    expect(issues).toEqual([
      { pointer: "/answers/tramite-dificil", code: "required" },
      { pointer: "/answers/canal-preferido", code: "required" },
    ]);
  });

  it("counts a required text question answered by a voice recording as answered, and only a text question", () => {
    const voice = (questionId: string, kind: "audio" | "photo" = "audio") => ({
      id: "01936f5e-8d2a-7b3c-9d4e-5f6a7b8c9d0e",
      kind,
      mime: kind === "audio" ? "audio/webm" : "image/jpeg",
      size: 1_000,
      sha256: "a".repeat(64),
      questionId,
    });
    const spoken = makeInput({
      answers: { "canal-preferido": "telefono" },
      media: [voice("tramite-dificil")],
    });
    expect(checkInput(consultation, spoken)).toEqual([]);
    // A choice question cannot be answered by voice; a photo answers nothing; the question must be the theme's.
    expect(
      checkInput(consultation, makeInput({ media: [voice("canal-preferido")] })).map((i) => i.pointer),
    ).toEqual(["/media/0/questionId"]);
    expect(checkInput(consultation, { ...spoken, media: [voice("tramite-dificil", "photo")] })).toEqual([
      { pointer: "/media/0/questionId", code: "wrong_type" },
      { pointer: "/answers/tramite-dificil", code: "required" },
    ]);
    expect(checkInput(consultation, makeInput({ media: [voice("acceso")] }))).toEqual([
      { pointer: "/media/0/questionId", code: "unknown_question" },
    ]);
  });

  it("treats an answer of only spaces as missing", () => {
    const issues = checkInput(
      consultation,
      makeInput({ answers: { "tramite-dificil": "   ", "canal-preferido": "telefono" } }),
    );
    expect(issues).toEqual([{ pointer: "/answers/tramite-dificil", code: "required" }]);
  });

  it("refuses an option the question does not offer", () => {
    const issues = checkInput(
      consultation,
      makeInput({ answers: { "tramite-dificil": "DPI", "canal-preferido": "fax" } }),
    );
    expect(issues).toEqual([{ pointer: "/answers/canal-preferido", code: "unknown_option" }]);
  });

  it("refuses a short text over its limit", () => {
    const issues = checkInput(
      consultation,
      makeInput({ answers: { "tramite-dificil": "a".repeat(281), "canal-preferido": "telefono" } }),
    );
    expect(issues).toEqual([{ pointer: "/answers/tramite-dificil", code: "too_long" }]);
  });

  it("refuses answers to questions of another theme", () => {
    const issues = checkInput(
      consultation,
      makeInput({ answers: { "tramite-dificil": "DPI", "canal-preferido": "telefono", acceso: "casa" } }),
    );
    expect(issues).toEqual([{ pointer: "/answers/acceso", code: "unknown_question" }]);
  });

  it("refuses an unknown theme and a different version", () => {
    expect(checkInput(consultation, makeInput({ themeId: "deportes" }))).toEqual([
      { pointer: "/themeId", code: "unknown_theme" },
    ]);
    expect(checkInput(consultation, makeInput({ consultationVersion: 2 }))).toContainEqual({
      pointer: "/consultationVersion",
      code: "version_mismatch",
    });
  });

  it("accepts a theme with only optional questions when there is free text, not when empty", () => {
    const optionalOnly = {
      ...consultation,
      themes: [
        {
          id: "libre",
          title: { es: "Libre" },
          questions: [{ id: "idea", type: "long_text" as const, required: false, label: { es: "Idea" } }],
        },
      ],
    };
    expect(
      checkInput(optionalOnly, makeInput({ themeId: "libre", answers: {}, freeText: "Una idea" })),
    ).toEqual([]);
    expect(checkInput(optionalOnly, makeInput({ themeId: "libre", answers: {}, freeText: " " }))).toEqual([
      { pointer: "/answers", code: "empty" },
    ]);
  });
});
