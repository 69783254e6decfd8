// The export table: columns across versions, and the fast CSV line writer equal to csvRow over a full record.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../src/domain/exports/csv";
import {
  csvLineWriter,
  exportColumns,
  exportRecord,
  spokenMark,
  themeTitles,
} from "../../src/domain/exports/input-table";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";

const v1 = demoConsultation("2026-11-01T12:00:00.000Z");
// A second version that adds a question and renames a theme.
const v2 = {
  ...v1,
  version: 2,
  themes: v1.themes.map((theme, i) =>
    i === 0
      ? {
          ...theme,
          title: { es: "Trámites", en: "Services" },
          questions: [
            ...theme.questions,
            { id: "nueva", type: "short_text" as const, required: false, label: { es: "Nueva" } },
          ],
        }
      : theme,
  ),
};

describe("export columns", () => {
  it("has every question of every version once, newest titles first, and the fixed columns", () => {
    const columns = exportColumns([v1, v2]);
    const names = columns.map((column) => column.name);
    expect(names.slice(0, 6)).toEqual([
      "input_id",
      "consultation_version",
      "theme_id",
      "theme",
      "created_at",
      "received_at",
    ]);
    expect(names.at(-1)).toBe("free_text");
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("tramites.nueva");
    expect(columns.find((c) => c.name === "tramites.tramite-dificil")?.title).toBe(
      "Trámites: ¿Qué trámite le cuesta más hacer?",
    );
  });

  it("writes the same CSV line fast as csvRow writes from a full record", () => {
    const columns = exportColumns([v1, v2]);
    const themes = themeTitles([v1, v2]);
    const line = csvLineWriter(columns, themes, csvCell);
    const themeIds = v2.themes.map((theme) => theme.id);
    const text = fc.string({
      unit: fc.constantFrom("a", "ñ", ",", '"', "\n", "\r", "=", "+", "-", "@", "\t", " "),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...themeIds),
        fc.dictionary(
          fc.constantFrom("tramite-dificil", "canal-preferido", "propuesta", "nueva", "acceso", "otra"),
          text,
        ),
        fc.option(text, { nil: undefined }),
        fc.option(fc.uuid(), { nil: undefined }),
        // Answers spoken into a recording: the staff mark (with its link) or the public one.
        fc.dictionary(
          fc.constantFrom("tramite-dificil", "propuesta", "nueva", "otra"),
          fc.constantFrom(spokenMark("https://tejido.test/api/v1/organizer/media/x"), spokenMark()),
        ),
        (themeId, answers, freeText, workshopId, spoken) => {
          const row = {
            id: "0190a000-0000-7000-8000-000000000001",
            consultationVersion: 2,
            themeId,
            createdAt: "2026-11-20T15:04:05.000Z",
            receivedAt: "2026-11-20T16:00:00.000Z",
            answers,
            ...(freeText === undefined ? {} : { freeText }),
            ...(workshopId === undefined ? {} : { workshopId }),
            ...(Object.keys(spoken).length === 0 ? {} : { spoken }),
          };
          const record = exportRecord(row, columns, themes);
          expect(line(row)).toBe(csvRow(columns.map((column) => record[column.name])));
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it("marks a spoken answer before any typed words: with its link for staff, without one in public data", () => {
    const columns = exportColumns([v1]);
    const themes = themeTitles([v1]);
    const row = {
      id: "0190a000-0000-7000-8000-000000000002",
      consultationVersion: 1,
      themeId: "tramites",
      createdAt: "2026-11-20T15:04:05.000Z",
      receivedAt: "2026-11-20T16:00:00.000Z",
      answers: { "canal-preferido": "telefono", propuesta: "Oficina móvil" },
      spoken: { "tramite-dificil": spokenMark("https://t.test/m/1"), propuesta: spokenMark() },
    };
    const record = exportRecord(row, columns, themes);
    expect(record["tramites.tramite-dificil"]).toBe("[grabación de voz: https://t.test/m/1]");
    expect(record["tramites.propuesta"]).toBe("[grabación de voz] Oficina móvil");
    expect(record["tramites.canal-preferido"]).toBe("telefono");
  });
});
