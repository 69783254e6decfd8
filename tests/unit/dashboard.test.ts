// The results a dashboard shows, from inputs fed one by one: counts by day, place, theme and participant,
// small cells suppressed, option and scale distributions, Borda counts of rankings, number summaries, filters.
import { describe, expect, it } from "vitest";
import { createDashboard, type DashboardFilters, localDay } from "../../src/domain/results/dashboard";
import type { Workshop } from "../../src/domain/workshop";
import { allTypesConsultation, makeInput, makeWorkshop } from "../support/factories";

const consultation = allTypesConsultation();
const nebaj = makeWorkshop({
  consultationId: consultation.id,
  attendance: { total: 23, bySex: { female: 14, male: 9 } },
});
const cunen = makeWorkshop({
  consultationId: consultation.id,
  municipalityCode: "1412",
  date: "2026-11-22",
  attendance: { total: 8, bySex: { female: 3, male: 5 } },
});
const workshops = new Map<string, Workshop>([nebaj, cunen].map((workshop) => [workshop.id, workshop]));

function build(filters: DashboardFilters = {}) {
  const dashboard = createDashboard({ consultation, workshops, filters, labels: { "sex.female": "Mujer" } });
  const input = (n: number, overrides: Parameters<typeof makeInput>[0]) =>
    makeInput({
      consultationId: consultation.id,
      themeId: "servicios",
      consent: true,
      createdAt: `2026-11-2${n % 3}T16:00:00.000Z`,
      ...overrides,
    });
  for (let n = 0; n < 12; n++) {
    dashboard.add(
      input(n, {
        workshopId: n < 8 ? nebaj.id : n < 10 ? cunen.id : undefined,
        demographics: n < 6 ? { sex: "female" } : n < 8 ? { sex: "male" } : {},
        answers: {
          "nombre-corto": `Tema ${n}`,
          canal: n % 2 ? "web" : "oficina",
          servicios: n % 3 ? ["agua", "salud"] : ["agua"],
          confianza: (n % 5) + 1,
          prioridades: n < 9 ? ["agua", "caminos", "salud"] : ["caminos", "agua"],
          distancia: n,
        },
      }),
    );
  }
  return dashboard.result();
}

describe("dashboard", () => {
  it("counts inputs by day in Guatemala, by theme and by the workshop's department and municipality", () => {
    const result = build();
    expect(result.total).toBe(12);
    expect(localDay("2026-11-21T03:00:00.000Z")).toBe("2026-11-20");
    expect(result.byDay).toEqual([
      { day: "2026-11-20", count: 4 },
      { day: "2026-11-21", count: 4 },
      { day: "2026-11-22", count: 4 },
    ]);
    expect(result.byTheme).toEqual([{ key: "servicios", label: "Servicios", count: 12 }]);
    expect(result.byDepartment).toEqual([{ key: "14", label: "Quiché", count: 10 }]);
    expect(result.byMunicipality.map((row) => [row.key, row.count])).toEqual([
      ["1413", 8],
      ["1412", 2],
    ]);
    expect(result.withoutWorkshop).toBe(2);
  });

  it("suppresses participant and attendance cells below the threshold", () => {
    const result = build();
    expect(result.participants.sex).toEqual([
      { key: "female", label: "Mujer", count: 6 },
      { key: "male", label: "male", count: null },
      { key: "other", label: "other", count: null },
    ]);
    expect(result.attendance).toMatchObject({ workshops: 2, total: 31 });
    expect(result.attendance.sex.map((cell) => cell.count)).toEqual([17, 14, null]);
  });

  it("gives option counts, the scale's distribution and mean, Borda points and first choices, and number summaries", () => {
    const questions = Object.fromEntries(
      build().questions.map((question) => [question.questionId, question]),
    );
    expect(questions.canal?.options).toEqual([
      { key: "web", label: "Opción web", count: 6 },
      { key: "oficina", label: "Opción oficina", count: 6 },
      { key: "telefono", label: "Opción telefono", count: 0 },
    ]);
    expect(questions.servicios?.options?.map((option) => option.count)).toEqual([12, 8, 0, 0]);
    expect(questions.confianza?.scale).toEqual({ counts: [3, 3, 2, 2, 2], mean: 33 / 12 });
    // 9 rank agua, caminos, salud (3, 2, 1 points); 3 rank caminos, agua (2, 1).
    expect(questions.prioridades?.ranking).toEqual([
      { key: "agua", label: "Opción agua", borda: 30, first: 9 },
      { key: "caminos", label: "Opción caminos", borda: 24, first: 3 },
      { key: "salud", label: "Opción salud", borda: 9, first: 0 },
      { key: "empleo", label: "Opción empleo", borda: 0, first: 0 },
    ]);
    expect(questions.distancia?.number).toEqual({ min: 0, max: 11, mean: 5.5, median: 5.5 });
    expect(questions["nombre-corto"]?.answered).toBe(12);
  });

  it("narrows everything to a municipality, a workshop or a span of days", () => {
    expect(build({ municipalityCode: "1412" }).total).toBe(2);
    const one = build({ workshopId: nebaj.id });
    expect(one.total).toBe(8);
    expect(one.attendance).toMatchObject({ workshops: 1, total: 23 });
    expect(build({ from: "2026-11-21", to: "2026-11-21" }).total).toBe(4);
    expect(build({ themeId: "otro" }).total).toBe(0);
  });
});
