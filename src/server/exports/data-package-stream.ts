// Streams a consultation's open-data package: a zip of datapackage.json, inputs.csv and dispositions.csv,
// built as it is sent (fflate's streaming zip), so memory stays flat whatever the number of inputs.
import { Zip, ZipDeflate } from "fflate";
import type { Kysely } from "kysely";
import type { Consultation } from "../../domain/consultation";
import { csvCell, csvRow } from "../../domain/exports/csv";
import { dataPackage } from "../../domain/exports/data-package";
import { csvLineWriter } from "../../domain/exports/input-table";
import type { Database } from "../storage/schema";
import type { ExportSource } from "./input-export";

const encoder = new TextEncoder();
const PAGE = 1_000;

async function* dispositionLines(db: Kysely<Database>, consultationId: string): AsyncGenerator<string> {
  yield csvRow(["input_id", "status", "reason", "group_id", "updated_at"]);
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("dispositions")
      .select(["input_id", "status", "reason", "group_id", "updated_at"])
      .where("consultation_id", "=", consultationId)
      .where("input_id", ">", after)
      .orderBy("input_id")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows
      .map((row) => csvRow([row.input_id, row.status, row.reason, row.group_id, row.updated_at]))
      .join("");
    after = rows[rows.length - 1]!.input_id;
  }
}

async function* inputLines(source: ExportSource): AsyncGenerator<string> {
  // No BOM: open-data tools read UTF-8 as it is; the descriptor names the encoding.
  yield csvRow(source.columns.map((column) => column.name));
  const line = csvLineWriter(source.columns, source.themes, csvCell);
  for await (const page of source.rows()) yield page.map(line).join("");
}

/** The package as a web stream; `consultation` is the published version described. */
export function dataPackageStream(
  db: Kysely<Database>,
  consultation: Consultation,
  source: ExportSource,
  now: Date,
): ReadableStream<Uint8Array> {
  let zip: Zip;
  // Back-pressure: the writer waits while the reader has enough queued, so a slow download never fills memory.
  let wake: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull() {
        wake?.();
        wake = undefined;
      },
      start(controller) {
        const demand = async () => {
          while ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
        };
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          controller.enqueue(chunk);
          if (final) controller.close();
        });
        void (async () => {
          try {
            const descriptor = new ZipDeflate("datapackage.json", { level: 6 });
            zip.add(descriptor);
            descriptor.push(
              encoder.encode(JSON.stringify(dataPackage(consultation, source.columns, now), null, 2)),
              true,
            );
            for (const [name, lines] of [
              ["inputs.csv", inputLines(source)],
              ["dispositions.csv", dispositionLines(db, consultation.id)],
            ] as const) {
              const file = new ZipDeflate(name, { level: 6 });
              zip.add(file);
              for await (const text of lines) {
                file.push(encoder.encode(text));
                await demand();
              }
              file.push(new Uint8Array(0), true);
            }
            zip.end();
          } catch (error) {
            controller.error(error);
          }
        })();
      },
    },
    { highWaterMark: 8 },
  );
}
