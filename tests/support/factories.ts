// Small builders for test records: valid by default, overridable field by field.
import { uuidv7 } from "uuidv7";
import type { Consultation } from "../../src/domain/consultation";
import type { Input } from "../../src/domain/input";
import type { InputCreateMutation } from "../../src/domain/sync-messages";
import type { Workshop } from "../../src/domain/workshop";
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

export function makeMutation(
  input: Input,
  seq = 1,
  overrides: Partial<InputCreateMutation> = {},
): InputCreateMutation {
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

const both = (es: string, en: string) => ({ es, en });
const choices = (...ids: string[]) => ids.map((id) => ({ id, label: both(`Opción ${id}`, `Option ${id}`) }));

/** A consultation with one question of each of the seven types, in Spanish and English, with a consent text. */
export function allTypesConsultation(overrides: Partial<Consultation> = {}): Consultation {
  return {
    id: uuidv7(),
    version: 1,
    status: "open",
    title: both("Prioridades del municipio", "Municipal priorities"),
    description: both("Qué debe mejorar primero.", "What should improve first."),
    rules: both("Cada aporte recibe una respuesta pública.", "Every input gets a public answer."),
    consent: both("Su aporte será público, sin su nombre.", "Your input will be public, without your name."),
    themes: [
      {
        id: "servicios",
        title: both("Servicios", "Services"),
        questions: [
          {
            id: "nombre-corto",
            type: "short_text",
            label: both("Tema en pocas palabras", "Topic"),
            required: true,
          },
          { id: "detalle", type: "long_text", label: both("Cuéntenos más", "Tell us more"), required: false },
          {
            id: "canal",
            type: "single_choice",
            label: both("¿Cómo prefiere hacer trámites?", "How do you prefer to do paperwork?"),
            required: false,
            options: choices("web", "oficina", "telefono"),
          },
          {
            id: "servicios",
            type: "multiple_choice",
            label: both("¿Qué servicios usa?", "Which services do you use?"),
            required: false,
            options: choices("agua", "salud", "escuela", "luz"),
            maxChoices: 3,
          },
          {
            id: "confianza",
            type: "scale",
            label: both("¿Cuánto confía en la municipalidad?", "How much do you trust the municipality?"),
            required: false,
            minLabel: both("Nada", "Not at all"),
            maxLabel: both("Mucho", "A lot"),
          },
          {
            id: "prioridades",
            type: "ranking",
            label: both("Ordene lo más urgente", "Rank the most urgent"),
            required: false,
            options: choices("agua", "caminos", "salud", "empleo"),
            top: 3,
          },
          {
            id: "distancia",
            type: "number",
            label: both("¿A cuántos kilómetros vive de la cabecera?", "How many km from the town centre?"),
            required: false,
            min: 0,
            max: 500,
            integer: false,
          },
        ],
      },
    ],
    updatedAt: "2026-11-20T15:00:00.000Z",
    ...overrides,
  };
}

/** A full answer to allTypesConsultation's one theme. */
export function allTypesAnswers(): Input["answers"] {
  return {
    "nombre-corto": "Agua potable",
    detalle: "El agua llega dos días por semana.",
    canal: "oficina",
    servicios: ["agua", "salud"],
    confianza: 2,
    prioridades: ["agua", "salud", "caminos"],
    distancia: 12.5,
  };
}

/** A workshop in Nebaj, Quiché, with attendance that adds up. */
export function makeWorkshop(overrides: Partial<Workshop> = {}): Workshop {
  return {
    id: uuidv7(),
    consultationId: DEMO_CONSULTATION_ID,
    departmentCode: "14",
    municipalityCode: "1413",
    community: "Aldea Xexocom",
    date: "2026-11-20",
    facilitator: "Ana Brito",
    attendance: {
      total: 23,
      bySex: { female: 14, male: 9 },
      byAgeBand: { "18_29": 8, "30_44": 10, "60_plus": 5 },
      byPeople: { maya: 21, ladino_mestizo: 2 },
    },
    minutes: "Se priorizó el agua potable y el camino a la cabecera.",
    deviceId: overrides.deviceId ?? uuidv7(),
    createdAt: "2026-11-20T14:00:00.000Z",
    updatedAt: "2026-11-20T14:00:00.000Z",
    ...overrides,
  };
}
