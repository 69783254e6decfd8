// Streams a consultation's inputs as CSV, JSON Lines or XLSX, page by page from the database: memory stays
// flat whatever the number of rows, and a slow reader slows the reading (back-pressure), never the heap.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { Consultation } from "../../domain/consultation";
import { csvRow, UTF8_BOM } from "../../domain/exports/csv";
import {
  type ExportColumn,
  type ExportRecord,
  exportColumns,
  exportRecord,
  themeTitles,
} from "../../domain/exports/input-table";
import type { Database } from "../storage/schema";

export const EXPORT_FORMATS = ["csv", "jsonl", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Rows read per query: big enough to amortise the query, small enough to keep memory flat. */
const PAGE_SIZE = 2_000;

export interface ExportSource {
  columns: ExportColumn[];
  total: number;
  records(): AsyncGenerator<ExportRecord[]>;
}

/** The consultation's columns, its row count, and its records page by page (keyset on the input id). */
export async function exportSource(
  db: Kysely<Database>,
  consultationId: string,
): Promise<ExportSource | undefined> {
  const versions = await db
    .selectFrom("consultations")
    .select("data")
    .where("id", "=", consultationId)
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
  return {
    columns,
    total: Number(n),
    async *records() {
      let after = "";
      for (;;) {
        const rows = await db
          .selectFrom("inputs")
          .select(["id", "consultation_version", "theme_id", "created_at", "received_at", "payload"])
          .where("consultation_id", "=", consultationId)
          .where("id", ">", after)
          .orderBy("id")
          .limit(PAGE_SIZE)
          .execute();
        if (rows.length === 0) return;
        yield rows.map((row) => {
          const payload = JSON.parse(row.payload) as { answers: Record<string, string>; freeText?: string };
          return exportRecord(
            {
              id: row.id,
              consultationVersion: row.consultation_version,
              themeId: row.theme_id,
              createdAt: row.created_at,
              receivedAt: row.received_at,
              answers: payload.answers,
              ...(payload.freeText === undefined ? {} : { freeText: payload.freeText }),
            },
            columns,
            themes,
          );
        });
        after = rows[rows.length - 1]!.id;
        if (rows.length < PAGE_SIZE) return;
      }
    },
  };
}

/** CSV (RFC 4180, CRLF, formulas neutralised) with a header row of column names; optional BOM for Excel. */
async function* csvChunks(source: ExportSource, bom: boolean): AsyncGenerator<string> {
  const names = source.columns.map((column) => column.name);
  yield (bom ? UTF8_BOM : "") + csvRow(names);
  for await (const page of source.records()) {
    let chunk = "";
    for (const record of page) chunk += csvRow(names.map((name) => record[name]));
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
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = source.columns.map((column) => ({ header: column.title, key: column.name, width: 24 }));
  void (async () => {
    try {
      for await (const page of source.records()) {
        // XML reads a carriage return as a line feed; written as LF, what Excel and LibreOffice show is what is stored.
        for (const record of page) sheet.addRow(withLineFeeds(record)).commit();
        // Let the zip stream drain before the next page.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

function withLineFeeds(record: ExportRecord): ExportRecord {
  const out: ExportRecord = {};
  for (const [key, value] of Object.entries(record))
    out[key] = typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
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
