// Streams a consultation's inputs as CSV, JSON Lines or XLSX, page by page from the database: memory stays
// flat whatever the number of rows, and a slow reader slows the reading (back-pressure), never the heap.
import { PassThrough, Readable } from "node:stream";
import type { Kysely } from "kysely";
import { Consultation, textQuestionKeys } from "../../domain/consultation";
import { csvCell, csvRow, UTF8_BOM } from "../../domain/exports/csv";
import {
  csvLineWriter,
  type ExportColumn,
  type ExportRecord,
  exportColumns,
  exportRecord,
  type StoredInputRow,
  spokenMark,
  themeTitles,
} from "../../domain/exports/input-table";
import type { Input } from "../../domain/input";
import { publicWords } from "../../domain/results/public-words";
import { wordsReview, wordsReviews } from "../dispositions/disposition-store";
import type { Database } from "../storage/schema";

export const EXPORT_FORMATS = ["csv", "jsonl", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Rows read per query: big enough to amortise the query, small enough to keep memory flat. */
const PAGE_SIZE = 1000;

export interface ExportSource {
  columns: ExportColumn[];
  themes: Map<string, string>;
  total: number;
  /** The stored inputs, page by page. */
  rows(): AsyncGenerator<StoredInputRow[]>;
  /** The same, as records with every column. */
  records(): AsyncGenerator<ExportRecord[]>;
}

/**
 * A consultation's stored inputs, page by page in id order (keyset, so memory stays flat). Only four columns:
 * the payload holds the rest, and each column read costs about a microsecond a row.
 */
export async function* storedInputPages(
  db: Kysely<Database>,
  consultationId: string,
): AsyncGenerator<{ id: string; received_at: string; payload: string; payload_sha256: string }[]> {
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("inputs")
      .select(["id", "received_at", "payload", "payload_sha256"])
      .where("consultation_id", "=", consultationId)
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE_SIZE)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The consultation's columns, its row count, and its records page by page (keyset on the input id). */
export async function exportSource(
  db: Kysely<Database>,
  consultationId: string,
  /** `mediaUrl`: staff exports link each spoken answer to its recording; public ones only mark it. */
  options: { forPublic?: boolean; mediaUrl?: (id: string) => string } = {},
): Promise<ExportSource | undefined> {
  // Released versions only: a draft being edited must not name columns of public data.
  const versions = await db
    .selectFrom("consultations")
    .select("data")
    .where("id", "=", consultationId)
    .where("status", "!=", "draft")
    .execute();
  if (versions.length === 0) return undefined;
  const consultations = versions.map((row) => Consultation.parse(JSON.parse(row.data)));
  const columns = exportColumns(consultations);
  const themes = themeTitles(consultations);
  const { n } = await db
    .selectFrom("inputs")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirstOrThrow();
  // For the public (the open-data package), words wait for review as on the public inputs page.
  const textQuestions = textQuestionKeys(consultations);
  const known = new Set(columns.map((column) => column.name));
  const isText = (themeId: string) => (questionId: string) => {
    const key = `${themeId}.${questionId}`;
    return textQuestions.has(key) || !known.has(key);
  };
  async function* rows(): AsyncGenerator<StoredInputRow[]> {
    for await (const page of storedInputPages(db, consultationId)) {
      const reviews = options.forPublic
        ? await wordsReviews(
            db,
            page.map((row) => row.id),
          )
        : undefined;
      yield page.map((row) => {
        const input = JSON.parse(row.payload) as Input;
        let { answers } = input;
        let freeText = input.freeText;
        if (reviews) {
          const words = publicWords(
            input,
            reviews.get(row.id) ?? wordsReview(false, null),
            isText(input.themeId),
          );
          answers = words.answers;
          freeText = words.freeText ?? undefined;
        }
        const spoken = spokenAnswers(input, options.forPublic ? undefined : options.mediaUrl);
        return {
          ...(spoken ? { spoken } : {}),
          id: row.id,
          consultationVersion: input.consultationVersion,
          themeId: input.themeId,
          createdAt: input.createdAt,
          receivedAt: row.received_at,
          answers,
          ...(freeText === undefined ? {} : { freeText }),
          payloadSha256: row.payload_sha256,
          ...(input.workshopId === undefined ? {} : { workshopId: input.workshopId }),
        };
      });
    }
  }
  async function* records(): AsyncGenerator<ExportRecord[]> {
    for await (const page of rows()) yield page.map((row) => exportRecord(row, columns, themes));
  }
  return { columns, themes, total: Number(n), rows, records };
}

/** The input's answers given by voice (MediaRef.questionId), as their cells mark them; undefined when none. */
function spokenAnswers(input: Input, mediaUrl?: (id: string) => string): Record<string, string> | undefined {
  let spoken: Record<string, string> | undefined;
  for (const media of input.media ?? []) {
    if (media.questionId === undefined || media.kind !== "audio") continue;
    spoken ??= {};
    spoken[media.questionId] = spokenMark(mediaUrl?.(media.id));
  }
  return spoken;
}

/** CSV (RFC 4180, CRLF, formulas neutralised) with a header row of column names; optional BOM for Excel. */
async function* csvChunks(source: ExportSource, bom: boolean): AsyncGenerator<string> {
  yield (bom ? UTF8_BOM : "") + csvRow(source.columns.map((column) => column.name));
  const line = csvLineWriter(source.columns, source.themes, csvCell);
  for await (const page of source.rows()) {
    let chunk = "";
    for (const row of page) chunk += line(row);
    yield chunk;
  }
}

async function* jsonlChunks(source: ExportSource): AsyncGenerator<string> {
  for await (const page of source.records()) {
    let chunk = "";
    for (const record of page) chunk += `${JSON.stringify(record)}\n`;
    yield chunk;
  }
}

/** XLSX through exceljs' streaming writer: rows are committed as they come, not held in a workbook. */
function xlsxStream(source: ExportSource, sheetName: string): Readable {
  const out = new PassThrough();
  void writeXlsx(source, sheetName, out).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function writeXlsx(source: ExportSource, sheetName: string, out: PassThrough): Promise<void> {
  // exceljs is large: loaded on the first XLSX export, not at every start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = source.columns.map((column) => ({ header: column.title, key: column.name, width: 24 }));
  for await (const page of source.records()) {
    // XML reads a carriage return as a line feed; written as LF, what Excel and LibreOffice show is what is stored.
    for (const record of page) sheet.addRow(withLineFeeds(record)).commit();
    // Let the zip stream drain before the next page.
    if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * A record as XLSX cells: line breaks as LF (as Excel writes them), and a text that starts or ends with
 * whitespace as an inline rich text, the one form exceljs marks xml:space="preserve" without a shared-strings
 * table (which would hold every text in memory): otherwise spreadsheets drop a leading tab or line break.
 */
function withLineFeeds(record: ExportRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value !== "string") {
      out[key] = value;
      continue;
    }
    const text = value.replace(/\r\n?/g, "\n");
    out[key] = /^\s|\s$/.test(text) ? { richText: [{ text }] } : text;
  }
  return out;
}

/** The export as a web stream of bytes, pulled as the client reads. */
export function exportStream(
  source: ExportSource,
  format: ExportFormat,
  options: { bom: boolean; sheetName: string },
): ReadableStream<Uint8Array> {
  const node =
    format === "xlsx"
      ? xlsxStream(source, options.sheetName)
      : Readable.from(format === "csv" ? csvChunks(source, options.bom) : jsonlChunks(source), {
          objectMode: false,
        });
  return Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>;
}
