// Streams a consultation's open-data package: a zip of datapackage.json, inputs.csv and dispositions.csv, then
// manifest.json (each file's SHA-256, the records' hash chain) and manifest.sig (the server's Ed25519 signature
// of it), built as it is sent (fflate's streaming zip), so memory stays flat whatever the number of inputs.
import { createHash } from "node:crypto";
import { Zip, ZipDeflate } from "fflate";
import type { Kysely } from "kysely";
import type { Consultation } from "../../domain/consultation";
import { csvCell, csvRow } from "../../domain/exports/csv";
import { dataPackage, workshopFields, workshopRow } from "../../domain/exports/data-package";
import { csvLineWriter } from "../../domain/exports/input-table";
import { MANIFEST_FORMAT, type Manifest, type ManifestFile } from "../../domain/exports/manifest";
import { toPublicWorkshop } from "../../domain/results/public-workshop";
import { workshopsOf } from "../consultations/workshop-store";
import { recordChain } from "../hash";
import type { SigningKey } from "../signing/signing-key";
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

async function* workshopLines(
  db: Kysely<Database>,
  consultationId: string,
  smallCell: number,
): AsyncGenerator<string> {
  yield csvRow(workshopFields(smallCell).map((field) => field.name));
  for (const workshop of await workshopsOf(db, consultationId))
    yield csvRow(workshopRow(toPublicWorkshop(workshop, smallCell)));
}

async function* inputLines(
  source: ExportSource,
  chain: ReturnType<typeof recordChain>,
): AsyncGenerator<string> {
  // No BOM: open-data tools read UTF-8 as it is; the descriptor names the encoding.
  yield csvRow(source.columns.map((column) => column.name));
  const line = csvLineWriter(source.columns, source.themes, csvCell);
  for await (const page of source.rows()) {
    for (const row of page) chain.add(row.id, row.payloadSha256 ?? "");
    yield page.map(line).join("");
  }
}

/** The package as a web stream; `consultation` is the published version described. */
export function dataPackageStream(
  db: Kysely<Database>,
  consultation: Consultation,
  source: ExportSource,
  now: Date,
  key: SigningKey,
  smallCell: number,
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
            const files: ManifestFile[] = [];
            /** Adds a file to the zip, hashing and counting its bytes as they go by. */
            const addFile = async (path: string, parts: AsyncIterable<string> | Iterable<string>) => {
              const file = new ZipDeflate(path, { level: 6 });
              zip.add(file);
              const hash = createHash("sha256");
              let bytes = 0;
              for await (const text of parts) {
                const chunk = encoder.encode(text);
                hash.update(chunk);
                bytes += chunk.byteLength;
                file.push(chunk);
                await demand();
              }
              file.push(new Uint8Array(0), true);
              files.push({ path, sha256: hash.digest("hex"), bytes });
            };
            const chain = recordChain(consultation.id);
            await addFile("datapackage.json", [
              JSON.stringify(dataPackage(consultation, source.columns, now, smallCell), null, 2),
            ]);
            await addFile("inputs.csv", inputLines(source, chain));
            await addFile("dispositions.csv", dispositionLines(db, consultation.id));
            await addFile("workshops.csv", workshopLines(db, consultation.id, smallCell));
            const manifest: Manifest = {
              format: MANIFEST_FORMAT,
              consultation: {
                id: consultation.id,
                version: consultation.version,
                title: consultation.title.es,
              },
              generatedAt: now.toISOString(),
              files,
              records: chain.result(),
              signature: { algorithm: "Ed25519", keyId: key.keyId, publicKey: key.publicKey },
            };
            const manifestBytes = encoder.encode(JSON.stringify(manifest, null, 2));
            const manifestFile = new ZipDeflate("manifest.json", { level: 6 });
            zip.add(manifestFile);
            manifestFile.push(manifestBytes, true);
            const signature = new ZipDeflate("manifest.sig", { level: 0 });
            zip.add(signature);
            signature.push(encoder.encode(`${key.sign(manifestBytes)}\n`), true);
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
