// LibreOffice (Debian's, headless) opens the exports as a person's spreadsheet would: the CSV for Excel and
// the XLSX keep accents, ñ and formula-like texts as text, never running them.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Input } from "../../src/domain/input";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { makeInput } from "../support/factories";
import { pushInputs, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

const SOFFICE = process.env.SOFFICE_PATH ?? "soffice";
if (spawnSync(SOFFICE, ["--version"]).status !== 0) {
  throw new Error(
    "LibreOffice not found. Install Debian's: apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui (or set SOFFICE_PATH).",
  );
}

/** Texts a spreadsheet would take for formulas, and the accents and ñ of Guatemalan Spanish. */
const CELLS = [
  '=HYPERLINK("http://x.example","clic")',
  "+502 5555 1234",
  "-2+3",
  "@SUM(A1:A2)",
  "\tcon tabulador",
  "\rcon retorno",
  "Peña, ñandú y acción — «Nebaj»",
  "Xe'ch'oq, Chichicastenango",
] as const;

let server: TestServer;
let organizer: string;
const work = mkdtempSync(path.join(tmpdir(), "tejido-libreoffice-"));
const inputs: Input[] = [];

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "org@segeplan.gob.gt", role: "organizer" });
  for (const text of CELLS) {
    inputs.push(
      makeInput({ answers: { "tramite-dificil": text, "canal-preferido": "internet" }, freeText: text }),
    );
  }
  await pushInputs(server, inputs);
});
afterAll(async () => {
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function download(query: string, file: string): Promise<string> {
  const url = `${server.url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}/export?${query}`;
  const get = () => fetch(url, { headers: { cookie: organizer } });
  // LibreOffice takes seconds between downloads: the pooled connection may be closed by the server just as it
  // is reused (ECONNRESET before any answer). A browser sends an idempotent GET again then; so does this.
  const response = await get().catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw error;
    return get();
  });
  expect(response.status).toBe(200);
  const target = path.join(work, file);
  writeFileSync(target, Buffer.from(await response.arrayBuffer()));
  return target;
}

/** Opens a file in LibreOffice and saves what it shows as UTF-8 CSV (its own reading, not ours). */
function throughLibreOffice(file: string, inFilter?: string): string[][] {
  const out = path.join(work, `out-${path.basename(file)}`);
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${path.join(work, "profile")}`,
      "--headless",
      ...(inFilter ? [`--infilter=${inFilter}`] : []),
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1",
      "--outdir",
      out,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const name = `${path.basename(file, path.extname(file))}.csv`;
  return parseLineCsv(readFileSync(path.join(out, name), "utf8").replace(/^\uFEFF/, ""));
}

/** LibreOffice ends its CSV rows with LF (RFC 4180 asks CRLF, as our exports write): read either. */
function parseLineCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || (char === "\r" && text[i + 1] === "\n")) {
      if (char === "\r") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The column of each cell text, by the export's header names. */
function column(rows: string[][], name: string): string[] {
  const at = rows[0]!.indexOf(name);
  expect(at, `column ${name} in ${rows[0]!.join(",")}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[at]!);
}

/** The export's rows are ordered by input id; so are the inputs here. */
const expected = () => [...inputs].sort((a, b) => (a.id < b.id ? -1 : 1)).map((input) => input.freeText!);

describe("exports opened in LibreOffice", () => {
  it("opens the CSV for Excel with accents and ñ, and formula-like cells as text marked by an apostrophe", async () => {
    const file = await download("format=csv&bom=1", "aportes.csv");
    const rows = throughLibreOffice(file, "CSV:44,34,76,1");
    const shown = column(rows, "free_text");
    const startsLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);
    // A line break inside a cell reads as LF in LibreOffice, whether it was written CR or CRLF.
    expect(shown).toEqual(
      expected().map((text) => (startsLikeFormula(text) ? `'${text}` : text).replace(/\r\n?/g, "\n")),
    );
    expect(column(rows, "tramites.tramite-dificil")).toEqual(shown);
  });

  it("opens the XLSX with the same texts, none of them run as a formula", async () => {
    const file = await download("format=xlsx", "aportes.xlsx");
    const rows = throughLibreOffice(file);
    // The XLSX heads its columns with their titles; a line break is LF, as Excel writes it.
    const texts = expected().map((text) => text.replace(/\r\n?/g, "\n"));
    expect(column(rows, "Comentario libre")).toEqual(texts);
    expect(column(rows, "Trámites en línea: ¿Qué trámite le cuesta más hacer?")).toEqual(texts);
  });
});
