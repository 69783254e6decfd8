// The flat table of a consultation's inputs, as every export writes it (CSV, XLSX, JSON Lines, data package):
// one row per input, one column per question of any version. Pure: no I/O.
import { answerCell } from "../answer-text";
import type { Consultation, Question } from "../consultation";
import type { AnswerValue } from "../input";
import { localize } from "../language-codes";

export interface ExportColumn {
  /** Stable machine name: fixed names, or "<theme>.<question>" for answers. */
  name: string;
  /** A person's title for it, in Spanish (the catalogue's language of record). */
  title: string;
  type: "string" | "integer" | "number" | "datetime";
}

/** A stored input as the exporter reads it. */
export interface StoredInputRow {
  id: string;
  consultationVersion: number;
  themeId: string;
  createdAt: string;
  receivedAt: string;
  answers: Record<string, AnswerValue>;
  freeText?: string;
  /** The workshop it was given in (see workshops.csv for its place and date). */
  workshopId?: string;
  /** SHA-256 of the stored input's canonical JSON (for the records' hash chain). */
  payloadSha256?: string;
  /**
   * Text questions answered by voice: questionId → what the cell says of the recording (spokenMark), before any
   * typed words.
   */
  spoken?: Record<string, string>;
}

/**
 * What an answer's cell says of a voice recording: that it is one and, for staff, the link to hear it (never in
 * public data: a voice is personal data).
 */
export const spokenMark = (link?: string) => (link ? `[grabación de voz: ${link}]` : "[grabación de voz]");

/** An answer's cell: its typed value, after the mark of its recording when it was spoken. */
function answerWithVoice(value: AnswerValue | undefined, spoken: string | undefined) {
  const typed = answerCell(value);
  if (spoken === undefined) return typed;
  return typed === undefined || typed === "" ? spoken : `${spoken} ${typed}`;
}

export type ExportRecord = Record<string, string | number | null>;

const FIXED: ExportColumn[] = [
  { name: "input_id", title: "Aporte", type: "string" },
  { name: "consultation_version", title: "Versión de la consulta", type: "integer" },
  { name: "theme_id", title: "Tema (código)", type: "string" },
  { name: "theme", title: "Tema", type: "string" },
  { name: "created_at", title: "Hora del teléfono", type: "datetime" },
  { name: "received_at", title: "Recibido en el servidor", type: "datetime" },
  { name: "workshop_id", title: "Taller", type: "string" },
];

/**
 * The columns for every version given (newest first wins the titles): fixed ones, then each question in the
 * order it first appears, then the free text. A question dropped in a later version keeps its column.
 */
export function exportColumns(versions: readonly Consultation[]): ExportColumn[] {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const questions = new Map<string, ExportColumn>();
  for (const consultation of [...sorted].reverse()) {
    for (const theme of consultation.themes) {
      for (const question of theme.questions) {
        const name = `${theme.id}.${question.id}`;
        if (!questions.has(name)) questions.set(name, { name, title: "", type: cellType(question) });
      }
    }
  }
  for (const consultation of sorted) {
    for (const theme of consultation.themes) {
      for (const question of theme.questions) {
        const column = questions.get(`${theme.id}.${question.id}`)!;
        if (!column.title) column.title = `${localize(theme.title, "es")}: ${localize(question.label, "es")}`;
      }
    }
  }
  return [...FIXED, ...questions.values(), { name: "free_text", title: "Comentario libre", type: "string" }];
}

/** The column type of a question's answers: numbers stay numbers; options are ids joined by "|". */
function cellType(question: Question): ExportColumn["type"] {
  if (question.type === "scale") return "integer";
  if (question.type === "number") return question.integer ? "integer" : "number";
  return "string";
}

/** Theme titles by id across versions (newest wins), for the "theme" column. */
export function themeTitles(versions: readonly Consultation[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const consultation of [...versions].sort((a, b) => a.version - b.version)) {
    for (const theme of consultation.themes) titles.set(theme.id, localize(theme.title, "es"));
  }
  return titles;
}

/** One input as a record with a value (or null) for every column. */
export function exportRecord(
  row: StoredInputRow,
  columns: readonly ExportColumn[],
  themes: Map<string, string>,
): ExportRecord {
  const record: ExportRecord = {};
  for (const column of columns) record[column.name] = null;
  record.input_id = row.id;
  record.consultation_version = row.consultationVersion;
  record.theme_id = row.themeId;
  record.theme = themes.get(row.themeId) ?? row.themeId;
  record.created_at = row.createdAt;
  record.received_at = row.receivedAt;
  record.workshop_id = row.workshopId ?? null;
  for (const questionId of new Set([...Object.keys(row.answers), ...Object.keys(row.spoken ?? {})])) {
    const name = `${row.themeId}.${questionId}`;
    if (name in record)
      record[name] = answerWithVoice(row.answers[questionId], row.spoken?.[questionId]) ?? null;
  }
  record.free_text = row.freeText ?? null;
  return record;
}

/**
 * A CSV line writer for these columns, equivalent to csvRow over exportRecord but without building a record:
 * exports write a million lines, and every allocation shows.
 */
export function csvLineWriter(
  columns: readonly ExportColumn[],
  themes: Map<string, string>,
  cell: (value: string | number | null | undefined) => string,
): (row: StoredInputRow) => string {
  const answerColumns = columns.filter((column) => column.name.includes("."));
  const emptyAnswers = ",".repeat(answerColumns.length);
  // For each theme, the answer columns in order, as [question id or undefined when another theme's].
  const layouts = new Map<string, (string | undefined)[]>();
  const layoutOf = (themeId: string) => {
    let layout = layouts.get(themeId);
    if (!layout) {
      const prefix = `${themeId}.`;
      layout = answerColumns.map((column) =>
        column.name.startsWith(prefix) ? column.name.slice(prefix.length) : undefined,
      );
      layouts.set(themeId, layout);
    }
    return layout;
  };
  const themeCells = new Map<string, string>();
  return (row) => {
    // Ids, slugs and ISO instants were validated at ingest: they never need quoting or neutralising
    // (the equivalence with csvRow is a property test), so only free texts go through `cell`.
    let themeCell = themeCells.get(row.themeId);
    if (themeCell === undefined) {
      themeCell = `${cell(row.themeId)},${cell(themes.get(row.themeId) ?? row.themeId)}`;
      themeCells.set(row.themeId, themeCell);
    }
    let line = `${row.id},${row.consultationVersion},${themeCell},${row.createdAt},${row.receivedAt},${row.workshopId ?? ""}`;
    if (answerColumns.length === 0) line += emptyAnswers;
    const { spoken } = row;
    for (const questionId of layoutOf(row.themeId))
      line +=
        questionId === undefined
          ? ","
          : `,${cell(spoken ? answerWithVoice(row.answers[questionId], spoken[questionId]) : answerCell(row.answers[questionId]))}`;
    return `${line},${cell(row.freeText)}\r\n`;
  };
}
