// Exports of a consultation's inputs over real HTTP: CSV → parse → the same records (formulas neutralised, BOM
// optional), JSON Lines → the same records, XLSX → read back with the same cells; across many pages.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Input } from "../../src/domain/input";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { parseCsv } from "../support/csv-parse";
import { makeInput } from "../support/factories";
import { pushInputs, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
const PASSWORD = "exportar sin perder nada";
/** Texts a spreadsheet would run as formulas, or that break naive CSV, each in its own input. */
const TRICKY = [
  "=1+1",
  "+502 5555 1234",
  "-5",
  "@SUM(A1)",
  "\tcon tabulador",
  "\rcon retorno",
  'comillas "dobles", comas',
  "línea 1\nlínea 2",
  "Peñas, Ñuñoa, ü",
];
const inputs: Input[] = [];

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "org@segeplan.gob.gt", role: "organizer" }, PASSWORD);
  // 2,300 inputs: more than one page of the exporter (2,000), pushed as a phone would.
  for (let i = 0; i < 2_300; i++) {
    const tricky = TRICKY[i % TRICKY.length]!;
    inputs.push(
      makeInput({
        answers: {
          "tramite-dificil": i < TRICKY.length ? tricky : `Trámite ${i}`,
          "canal-preferido": "internet",
          ...(i % 2 ? { propuesta: `Propuesta ${i}` } : {}),
        },
        ...(i % 3 === 0 ? { freeText: tricky } : {}),
      }),
    );
  }
  await pushInputs(server, inputs);
  for (const input of inputs) input.deviceId = inputs[0]!.deviceId;
  inputs.sort((a, b) => (a.id < b.id ? -1 : 1));
});
afterAll(() => server.dispose());

const exportUrl = (format: string, extra = "") =>
  `${server.url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}/export?format=${format}${extra}`;
const get = (url: string, cookie = organizer) =>
  fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
/** What a spreadsheet shows for a neutralised cell: the apostrophe marks text and is not part of the value. */
const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

describe("exports", () => {
  it("writes CSV that parses back to the same records, with formulas as text", async () => {
    const response = await get(exportUrl("csv", "&bom=1"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("x-total-rows")).toBe(String(inputs.length));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
    expect(header).toEqual(
      expect.arrayContaining([
        "input_id",
        "theme",
        "tramites.tramite-dificil",
        "tramites.canal-preferido",
        "free_text",
      ]),
    );
    expect(rows).toHaveLength(inputs.length);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((row, i) => {
      const input = inputs[i]!;
      expect(row[col("input_id")]).toBe(input.id);
      expect(row[col("theme")]).toBe("Trámites en línea");
      expect(unneutralise(row[col("tramites.tramite-dificil")]!)).toBe(input.answers["tramite-dificil"]);
      expect(row[col("tramites.propuesta")]).toBe(input.answers.propuesta ?? "");
      expect(unneutralise(row[col("free_text")]!)).toBe(input.freeText ?? "");
    });
    // Each formula-like text starts with the apostrophe in the file: no spreadsheet runs it.
    const cells = rows.map((row) => row[col("tramites.tramite-dificil")]!);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = cells.find((value) => value.slice(1).startsWith(start) || value.startsWith(start));
      expect(cell?.startsWith("'"), `cell starting with ${JSON.stringify(start)}`).toBe(true);
    }
  });

  it("writes JSON Lines with the same records", async () => {
    const text = await (await get(exportUrl("jsonl"))).text();
    const records = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(inputs.length);
    records.forEach((record, i) => {
      expect(record.input_id).toBe(inputs[i]!.id);
      expect(record["tramites.tramite-dificil"]).toBe(inputs[i]!.answers["tramite-dificil"]);
      expect(record.free_text).toBe(inputs[i]!.freeText ?? null);
    });
  });

  it("writes XLSX whose cells read back as the same text, formulas included", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await get(exportUrl("xlsx"))).arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Aportes")!;
    expect(sheet.rowCount).toBe(inputs.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Trámites en línea: ¿Qué trámite le cuesta más hacer?");
    const column = header.indexOf("Trámites en línea: ¿Qué trámite le cuesta más hacer?") + 1;
    for (let i = 0; i < inputs.length; i++) {
      const cell = sheet.getRow(i + 2).getCell(column);
      // Text, never a formula: plain, or inline rich text for one that starts or ends with whitespace.
      expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(cell.type);
      // XML turns a carriage return into a line feed: in XLSX a line break is LF, as Excel writes it.
      expect(cell.text).toBe(String(inputs[i]!.answers["tramite-dificil"]).replace(/\r\n?/g, "\n"));
    }
  });

  it("is for organizers: 401 without a session, 400 for an unknown format, 404 for an unknown consultation", async () => {
    expect((await fetch(exportUrl("csv"))).status).toBe(401);
    expect((await get(exportUrl("pdf"))).status).toBe(400);
    expect(
      (await get(`${server.url}/api/v1/organizer/consultations/0190a000-0000-7000-8000-000000000000/export`))
        .status,
    ).toBe(404);
    const { consultations } = (await (await get(`${server.url}/api/v1/organizer/consultations`)).json()) as {
      consultations: { id: string; inputs: number }[];
    };
    expect(consultations).toContainEqual(
      expect.objectContaining({ id: DEMO_CONSULTATION_ID, inputs: inputs.length }),
    );
  });
});
