// A consultation's results at a glance: counts over time, by place, theme and participant, and per question
// (options, scale, Borda count of rankings, numbers). Pure: inputs are fed one by one, so a server can stream
// a hundred thousand of them through it without holding them.

import { z } from "zod/mini";
import { type Consultation, isTextQuestion, QUESTION_TYPES, type Question } from "../consultation";
import { AGE_BANDS, PEOPLES, SEXES } from "../demographics";
import { type Input, isUnanswered } from "../input";
import { localize } from "../language-codes";
import { findDepartment, findMunicipality } from "../territory/guatemala";
import type { Workshop } from "../workshop";
import { suppressSmallCells } from "./small-cells";

/** Counts below this are shown as "fewer than N": a small cell can point at one person. */
export const DEFAULT_SMALL_CELL = 5;

/** Guatemala keeps UTC−6 all year (no daylight saving since 2006): a phone's instant → its local day. */
const GUATEMALA_OFFSET_MS = 6 * 3_600_000;
export const localDay = (iso: string) =>
  new Date(Date.parse(iso) - GUATEMALA_OFFSET_MS).toISOString().slice(0, 10);

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const code = (digits: number) => z.string().check(z.regex(new RegExp(`^\\d{${digits}}$`)));

/** What an organizer narrows the results to; every filter is optional. */
export const DashboardFilters = z.object({
  themeId: z.optional(z.string().check(z.maxLength(64))),
  workshopId: z.optional(z.uuid()),
  departmentCode: z.optional(code(2)),
  municipalityCode: z.optional(code(4)),
  from: z.optional(day),
  to: z.optional(day),
});
export type DashboardFilters = z.infer<typeof DashboardFilters>;

export const Count = z.object({
  key: z.string(),
  label: z.string(),
  /** null: suppressed, fewer than `smallCell`. */
  count: z.nullable(z.number()),
});
export type Count = z.infer<typeof Count>;

export const QuestionResult = z.object({
  themeId: z.string(),
  questionId: z.string(),
  label: z.string(),
  type: z.enum(QUESTION_TYPES),
  answered: z.number(),
  /** Text questions: how many of the answers are voice recordings (MediaRef.questionId), counted in `answered`. */
  spoken: z.optional(z.number()),
  /** Single and multiple choice: people per option. */
  options: z.optional(z.array(Count)),
  /** Scale: people per point 1..5, and the mean. */
  scale: z.optional(z.object({ counts: z.array(z.number()), mean: z.nullable(z.number()) })),
  /** Ranking: Borda points (top N: N for first place … 1 for the last ranked) and first choices, best first. */
  ranking: z.optional(
    z.array(z.object({ key: z.string(), label: z.string(), borda: z.number(), first: z.number() })),
  ),
  number: z.optional(
    z.nullable(z.object({ min: z.number(), max: z.number(), mean: z.number(), median: z.number() })),
  ),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

const Breakdown = { sex: z.array(Count), ageBand: z.array(Count), people: z.array(Count) };
export const Dashboard = z.object({
  total: z.number(),
  smallCell: z.number(),
  byDay: z.array(z.object({ day: z.string(), count: z.number() })),
  byTheme: z.array(Count),
  byDepartment: z.array(Count),
  byMunicipality: z.array(Count),
  /** Inputs given outside any workshop (place unknown). */
  withoutWorkshop: z.number(),
  /** What participants said of themselves (optional, so totals differ), suppressed below smallCell. */
  participants: z.object(Breakdown),
  /** Attendance of the workshops in view, summed, suppressed below smallCell. */
  attendance: z.object({ workshops: z.number(), total: z.nullable(z.number()), ...Breakdown }),
  questions: z.array(QuestionResult),
});
export type Dashboard = z.infer<typeof Dashboard>;

export type Labels = Record<string, string>;

interface Tally {
  answered: number;
  spoken: number;
  counts: Map<string, number>;
  borda: Map<string, number>;
  first: Map<string, number>;
  numbers: number[];
}

export function createDashboard(options: {
  consultation: Consultation;
  workshops: ReadonlyMap<string, Workshop>;
  filters: DashboardFilters;
  smallCell?: number;
  /** Category names in the page's language (sex, age band, people), by "sex.female" etc. */
  labels: Labels;
  language?: "es" | "en";
}) {
  const { consultation, workshops, filters, labels } = options;
  const smallCell = options.smallCell ?? DEFAULT_SMALL_CELL;
  const language = options.language ?? "es";
  const questions = consultation.themes.flatMap((theme) =>
    theme.questions.map((question) => ({ theme, question })),
  );
  const tallies = new Map<string, Tally>(
    questions.map(({ theme, question }) => [
      `${theme.id}.${question.id}`,
      { answered: 0, spoken: 0, counts: new Map(), borda: new Map(), first: new Map(), numbers: [] },
    ]),
  );
  let total = 0;
  let withoutWorkshop = 0;
  const byDay = new Map<string, number>();
  const byTheme = new Map<string, number>();
  const byDepartment = new Map<string, number>();
  const byMunicipality = new Map<string, number>();
  const participants = {
    sex: new Map<string, number>(),
    ageBand: new Map<string, number>(),
    people: new Map<string, number>(),
  };
  const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

  const inView = (workshop: Workshop | undefined) => {
    if (filters.workshopId && workshop?.id !== filters.workshopId) return false;
    if (filters.departmentCode && workshop?.departmentCode !== filters.departmentCode) return false;
    if (filters.municipalityCode && workshop?.municipalityCode !== filters.municipalityCode) return false;
    return true;
  };

  function add(input: Input): void {
    const workshop = input.workshopId ? workshops.get(input.workshopId) : undefined;
    if (filters.themeId && input.themeId !== filters.themeId) return;
    if (!inView(workshop)) return;
    const when = localDay(input.createdAt);
    if ((filters.from && when < filters.from) || (filters.to && when > filters.to)) return;
    total += 1;
    bump(byDay, when);
    bump(byTheme, input.themeId);
    if (workshop) {
      bump(byDepartment, workshop.departmentCode);
      bump(byMunicipality, workshop.municipalityCode);
    } else withoutWorkshop += 1;
    const about = input.demographics ?? {};
    if (about.sex) bump(participants.sex, about.sex);
    if (about.ageBand) bump(participants.ageBand, about.ageBand);
    if (about.people) bump(participants.people, about.people);
    // A question answered by voice counts once, whether or not words were typed beside the recording.
    const spokenHere = new Set<string>();
    for (const media of input.media ?? []) {
      const tally = media.questionId ? tallies.get(`${input.themeId}.${media.questionId}`) : undefined;
      if (!tally || spokenHere.has(media.questionId!)) continue;
      spokenHere.add(media.questionId!);
      tally.spoken += 1;
      if (isUnanswered(input.answers[media.questionId!])) tally.answered += 1;
    }
    for (const [questionId, value] of Object.entries(input.answers)) {
      const tally = tallies.get(`${input.themeId}.${questionId}`);
      if (!tally || isUnanswered(value)) continue;
      tally.answered += 1;
      if (Array.isArray(value)) {
        value.forEach((option, place) => {
          bump(tally.counts, option);
          // Borda over the places given: first of N gets N points.
          bump(tally.borda, option, value.length - place);
          if (place === 0) bump(tally.first, option);
        });
      } else if (typeof value === "number") {
        tally.numbers.push(value);
        bump(tally.counts, String(value));
      } else bump(tally.counts, value);
    }
  }

  const suppress = (count: number) => (count < smallCell ? null : count);
  const categories = (keys: readonly string[], prefix: string, counts: Map<string, number>): Count[] =>
    keys.map((key) => ({
      key,
      label: labels[`${prefix}.${key}`] ?? key,
      count: suppress(counts.get(key) ?? 0),
    }));
  /** Attendance breakdowns beside their published total: suppressed so the total cannot give a cell away. */
  const besideTotal = (keys: readonly string[], prefix: string, counts: Map<string, number>): Count[] => {
    const shown = suppressSmallCells(keys, (key) => counts.get(key) ?? 0, smallCell, true);
    return keys.map((key) => ({ key, label: labels[`${prefix}.${key}`] ?? key, count: shown[key] ?? null }));
  };
  const sorted = (counts: Map<string, number>, label: (key: string) => string): Count[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, count]) => ({ key, label: label(key), count }));

  function result(): Dashboard {
    const inViewWorkshops = [...workshops.values()].filter(
      (workshop) =>
        workshop.consultationId === consultation.id &&
        inView(workshop) &&
        (!filters.from || workshop.date >= filters.from) &&
        (!filters.to || workshop.date <= filters.to),
    );
    const attendance = {
      total: 0,
      sex: new Map<string, number>(),
      ageBand: new Map<string, number>(),
      people: new Map<string, number>(),
    };
    for (const workshop of inViewWorkshops) {
      const { total: people = 0, bySex = {}, byAgeBand = {}, byPeople = {} } = workshop.attendance;
      attendance.total += people;
      for (const [key, count] of Object.entries(bySex)) bump(attendance.sex, key, count ?? 0);
      for (const [key, count] of Object.entries(byAgeBand)) bump(attendance.ageBand, key, count ?? 0);
      for (const [key, count] of Object.entries(byPeople)) bump(attendance.people, key, count ?? 0);
    }
    const themeTitle = (id: string) => {
      const theme = consultation.themes.find((candidate) => candidate.id === id);
      return theme ? localize(theme.title, language) : id;
    };
    return {
      total,
      smallCell,
      byDay: [...byDay.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, count]) => ({ day: key, count })),
      byTheme: sorted(byTheme, themeTitle),
      byDepartment: sorted(byDepartment, (key) => findDepartment(key)?.name ?? key),
      byMunicipality: sorted(byMunicipality, (key) => findMunicipality(key)?.name ?? key),
      withoutWorkshop,
      participants: {
        sex: categories(SEXES, "sex", participants.sex),
        ageBand: categories(AGE_BANDS, "age", participants.ageBand),
        people: categories(PEOPLES, "people", participants.people),
      },
      attendance: {
        workshops: inViewWorkshops.length,
        total: inViewWorkshops.length === 0 ? 0 : suppress(attendance.total),
        sex: besideTotal(SEXES, "sex", attendance.sex),
        ageBand: besideTotal(AGE_BANDS, "age", attendance.ageBand),
        people: besideTotal(PEOPLES, "people", attendance.people),
      },
      questions: questions
        .filter(({ theme }) => !filters.themeId || theme.id === filters.themeId)
        .map(({ theme, question }) =>
          questionResult(theme.id, question, tallies.get(`${theme.id}.${question.id}`)!),
        ),
    };
  }

  function questionResult(themeId: string, question: Question, tally: Tally): QuestionResult {
    const base = {
      themeId,
      questionId: question.id,
      label: localize(question.label, language),
      type: question.type,
      answered: tally.answered,
      ...(isTextQuestion(question) ? { spoken: tally.spoken } : {}),
    };
    const optionLabel = (id: string) => {
      const option =
        "options" in question ? question.options.find((candidate) => candidate.id === id) : undefined;
      return option ? localize(option.label, language) : id;
    };
    switch (question.type) {
      case "single_choice":
      case "multiple_choice":
        return {
          ...base,
          options: question.options.map((option) => ({
            key: option.id,
            label: localize(option.label, language),
            count: tally.counts.get(option.id) ?? 0,
          })),
        };
      case "scale": {
        const counts = [1, 2, 3, 4, 5].map((point) => tally.counts.get(String(point)) ?? 0);
        const sum = tally.numbers.reduce((a, b) => a + b, 0);
        return { ...base, scale: { counts, mean: tally.numbers.length ? sum / tally.numbers.length : null } };
      }
      case "ranking":
        return {
          ...base,
          ranking: question.options
            .map((option) => ({
              key: option.id,
              label: optionLabel(option.id),
              borda: tally.borda.get(option.id) ?? 0,
              first: tally.first.get(option.id) ?? 0,
            }))
            .sort((a, b) => b.borda - a.borda || b.first - a.first),
        };
      case "number": {
        if (tally.numbers.length === 0) return { ...base, number: null };
        const values = [...tally.numbers].sort((a, b) => a - b);
        const middle = Math.floor(values.length / 2);
        const median = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
        return {
          ...base,
          number: {
            min: values[0]!,
            max: values.at(-1)!,
            mean: values.reduce((a, b) => a + b, 0) / values.length,
            median,
          },
        };
      }
      default:
        return base;
    }
  }

  return { add, result };
}
