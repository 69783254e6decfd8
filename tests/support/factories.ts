// Small builders for test records: valid by default, overridable field by field.
import { uuidv7 } from "uuidv7";
import type { Input } from "../../src/domain/input";
import type { Mutation } from "../../src/domain/sync-messages";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";

export const demoIds = { consultationId: DEMO_CONSULTATION_ID, version: 1 } as const;

/** A complete answer to the demo's "tramites" theme. */
export function makeInput(overrides: Partial<Input> = {}): Input {
  return {
    id: uuidv7(),
    consultationId: DEMO_CONSULTATION_ID,
    consultationVersion: 1,
    themeId: "tramites",
    answers: { "tramite-dificil": "Sacar el DPI", "canal-preferido": "municipalidad" },
    freeText: "Que atiendan en k'iche'.",
    deviceId: overrides.deviceId ?? uuidv7(),
    createdAt: "2026-11-20T15:04:05.000Z",
    ...overrides,
  };
}

export function makeMutation(input: Input, seq = 1, overrides: Partial<Mutation> = {}): Mutation {
  return {
    mutationId: uuidv7(),
    seq,
    type: "input.create",
    recordId: input.id,
    payload: input,
    createdAt: input.createdAt,
    ...overrides,
  };
}
