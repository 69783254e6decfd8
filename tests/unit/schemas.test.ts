// The shared schemas accept what the protocol allows and refuse everything else.
import { describe, expect, it } from "vitest";
import { Consultation } from "../../src/domain/consultation";
import { Input } from "../../src/domain/input";
import { Mutation, PullResponse, PushRequest, PushResponse } from "../../src/domain/sync-messages";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";
import { makeInput, makeMutation } from "../support/factories";

const demo = () => demoConsultation("2026-11-01T12:00:00.000Z");

describe("Consultation schema", () => {
  it("accepts the seeded demo consultation", () => {
    expect(Consultation.safeParse(demo()).success).toBe(true);
  });

  it("requires Spanish on every label, English is optional", () => {
    const noSpanish = demo();
    noSpanish.title = { en: "Only English" } as never;
    expect(Consultation.safeParse(noSpanish).success).toBe(false);

    const spanishOnly = demo();
    spanishOnly.title = { es: "Solo español" };
    expect(Consultation.safeParse(spanishOnly).success).toBe(true);
  });

  it("refuses a single-choice question with fewer than two options", () => {
    const broken = demo();
    const question = broken.themes[0]!.questions[1]!;
    if (question.type !== "single_choice") throw new Error("fixture changed");
    question.options = question.options.slice(0, 1);
    expect(Consultation.safeParse(broken).success).toBe(false);
  });

  it("refuses an unknown question type and unknown fields", () => {
    const unknownType = demo() as unknown as { themes: { questions: { type: string }[] }[] };
    unknownType.themes[0]!.questions[0]!.type = "telepathy";
    expect(Consultation.safeParse(unknownType).success).toBe(false);
    expect(Consultation.safeParse({ ...demo(), extra: 1 }).success).toBe(false);
  });

  it("refuses a consultation without themes or with a bad id", () => {
    expect(Consultation.safeParse({ ...demo(), themes: [] }).success).toBe(false);
    expect(Consultation.safeParse({ ...demo(), id: "demo" }).success).toBe(false);
  });
});

describe("Input schema", () => {
  it("accepts a well-formed input", () => {
    expect(Input.safeParse(makeInput()).success).toBe(true);
  });

  it.each([
    ["a non-UUID id", { id: "123" }],
    ["a date without offset", { createdAt: "2026-11-20 15:04" }],
    ["a zero version", { consultationVersion: 0 }],
    ["a theme id with spaces", { themeId: "Trámites en línea" }],
    ["an answer that is an object", { answers: { "tramite-dificil": { text: "DPI" } } }],
    ["an option list with a non-slug", { answers: { servicios: ["Agua potable"] } }],
    ["a boolean answer", { answers: { "tramite-dificil": true } }],
    ["demographics outside the categories", { demographics: { sex: "f" } }],
    ["free text over the limit", { freeText: "x".repeat(10_001) }],
    ["an unknown field", { name: "María" }],
  ])("refuses %s", (_label, change) => {
    expect(Input.safeParse({ ...makeInput(), ...change }).success).toBe(false);
  });
});

describe("sync messages", () => {
  it("accepts an input.create mutation and refuses an unknown mutation type", () => {
    const mutation = makeMutation(makeInput());
    expect(Mutation.safeParse(mutation).success).toBe(true);
    expect(Mutation.safeParse({ ...mutation, type: "input.delete" }).success).toBe(false);
    expect(Mutation.safeParse({ ...mutation, seq: -1 }).success).toBe(false);
  });

  it("bounds a push request to between 1 and 200 mutations, checked one by one later", () => {
    const deviceId = makeInput().deviceId;
    expect(PushRequest.safeParse({ deviceId, mutations: [] }).success).toBe(false);
    expect(PushRequest.safeParse({ deviceId, mutations: Array(201).fill({}) }).success).toBe(false);
    // The envelope does not judge each mutation: a broken one must not sink the batch.
    expect(PushRequest.safeParse({ deviceId, mutations: [{}, "x"] }).success).toBe(true);
  });

  it("reads push and pull responses", () => {
    const push = {
      results: [
        { index: 0, mutationId: "m1", status: "applied" },
        {
          index: 1,
          mutationId: null,
          status: "rejected",
          problem: { type: "urn:tejido:problem:invalid-mutation", title: "x", status: 422 },
        },
      ],
      serverTime: "2026-11-20T15:04:05.000Z",
    };
    expect(PushResponse.safeParse(push).success).toBe(true);
    expect(
      PushResponse.safeParse({ ...push, results: [{ index: 0, mutationId: "m", status: "maybe" }] }).success,
    ).toBe(false);
    const pull = {
      changes: [{ kind: "consultation", cursor: "4", data: demo() }],
      nextCursor: "4",
      hasMore: false,
    };
    expect(PullResponse.safeParse(pull).success).toBe(true);
  });
});
