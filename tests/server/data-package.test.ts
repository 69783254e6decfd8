// The open-data package over real HTTP, checked against the Data Package and Table Schema specifications:
// required properties, field types, primary and foreign keys, every CSV cell against its field; no device ids.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataPackage } from "../../src/domain/exports/data-package";
import type { Input } from "../../src/domain/input";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID, demoConsultation } from "../../src/server/consultations/demo-consultation";
import { parseCsv } from "../support/csv-parse";
import { codesFor, enrol, pushAs, signedMutation, signedWorkshopMutation } from "../support/devices";
import { makeInput, makeWorkshop } from "../support/factories";
import { postJson, pushInputs, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const inputs: Input[] = [];
let workshopInputId = "";
let workshopId = "";
const TABLE_SCHEMA_TYPES = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any",
];
const NAME = /^[a-z0-9._-]+$/;

/** What the test reads of datapackage-js (it ships no types). */
interface FrictionlessPackage {
  valid: boolean;
  errors: unknown[];
  resources: { name: string; read(options: { keyed: boolean; relations: boolean }): Promise<unknown[]> }[];
}
const packageUrl = () => `${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/datapackage.zip`;

beforeAll(async () => {
  server = await startTestServer();
  const deviceId = makeInput().deviceId;
  for (let i = 0; i < 1_200; i++)
    inputs.push(
      makeInput({
        deviceId,
        answers: {
          "tramite-dificil": i === 3 ? "=cmd|' /C calc'!A0" : `Trámite ${i}, ñandú`,
          "canal-preferido": "telefono",
        },
      }),
    );
  await pushInputs(server, inputs);
  // A workshop, with a small cell (3 people who said "other") and a facilitator's name: neither may leave.
  const phone = await enrol(server.url, codesFor(server));
  const workshop = makeWorkshop({
    deviceId: phone.deviceId,
    facilitator: "Ana Brito Xiloj",
    attendance: { total: 30, bySex: { female: 17, male: 13 }, byPeople: { maya: 27, other: 3 } },
  });
  const saved = await pushAs(server.url, phone, {
    deviceId: phone.deviceId,
    mutations: [await signedWorkshopMutation(phone, workshop)],
  });
  expect(saved.status).toBe(200);
  // One input given in that workshop: its row names the workshop (a foreign key into workshops.csv).
  const inWorkshop = makeInput({ deviceId: phone.deviceId, workshopId: workshop.id });
  const linked = await pushAs(server.url, phone, {
    deviceId: phone.deviceId,
    mutations: [await signedMutation(phone, inWorkshop, 2)],
  });
  expect(linked.status).toBe(200);
  inputs.push(inWorkshop);
  workshopInputId = inWorkshop.id;
  workshopId = workshop.id;
  const cookie = await staffSession(server, { email: "org@segeplan.gob.gt", role: "organizer" });
  const disposed = await postJson(
    `${server.url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}/dispositions`,
    {
      inputIds: inputs.slice(0, 40).map((input) => input.id),
      status: "not_incorporated",
      reason: "Ya existe un trámite en línea para esto.",
    },
    cookie,
  );
  expect(disposed.status).toBe(200);
  // One more input's words reviewed: publishable, with a name covered. The other 1,160 wait for review.
  const reviewed = await fetch(`${server.url}/api/v1/organizer/inputs/${inputs[100]!.id}/review`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      publishable: true,
      answers: { "tramite-dificil": "Trámite de [nombre cubierto]" },
    }),
  });
  expect(reviewed.status).toBe(204);
});
afterAll(() => server.dispose());

describe("open-data package", () => {
  it("is only for published consultations", async () => {
    expect((await fetch(packageUrl())).status).toBe(404);
    expect(
      ((await (await fetch(`${server.url}/api/v1/public/catalogue`)).json()) as { datasets: unknown[] })
        .datasets,
    ).toEqual([]);
  });

  it("holds a valid datapackage.json and CSVs that match their Table Schemas", async () => {
    await saveConsultation(server.storage.db, {
      ...demoConsultation("2026-11-25T12:00:00.000Z"),
      status: "published",
    });
    const response = await fetch(packageUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    // The data and its descriptor, then the signed manifest (tests/server/signed-package.test.ts).
    expect(Object.keys(files).sort()).toEqual([
      "datapackage.json",
      "dispositions.csv",
      "inputs.csv",
      "manifest.json",
      "manifest.sig",
      "workshops.csv",
    ]);
    const descriptor = JSON.parse(strFromU8(files["datapackage.json"]!)) as DataPackage;

    // Data Package: required and recommended properties.
    expect(descriptor.profile).toBe("tabular-data-package");
    expect(descriptor.name).toMatch(NAME);
    expect(Number.isNaN(Date.parse(descriptor.created))).toBe(false);
    expect(descriptor.licenses).toEqual([
      expect.objectContaining({ name: "CC-BY-4.0", path: expect.stringMatching(/^https:\/\//) }),
    ]);
    expect(descriptor.resources.length).toBeGreaterThan(0);
    const tables = new Map<string, Record<string, string>[]>();
    for (const resource of descriptor.resources) {
      expect(resource.name).toMatch(NAME);
      expect(resource.profile).toBe("tabular-data-resource");
      expect(files[resource.path], resource.path).toBeDefined();
      const names = resource.schema.fields.map((field) => field.name);
      expect(new Set(names).size).toBe(names.length);
      for (const field of resource.schema.fields) expect(TABLE_SCHEMA_TYPES).toContain(field.type);
      for (const key of resource.schema.primaryKey) expect(names).toContain(key);
      // Table Schema: the header is the field names, and every cell fits its field.
      const [header, ...rows] = parseCsv(strFromU8(files[resource.path]!));
      expect(header).toEqual(names);
      const records = rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? ""])));
      for (const field of resource.schema.fields) {
        for (const record of records) {
          const value = record[field.name]!;
          if (field.constraints?.required) expect(value, `${resource.name}.${field.name}`).not.toBe("");
          if (value === "") continue;
          if (field.type === "integer") expect(value).toMatch(/^-?\d+$/);
          if (field.type === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (field.type === "datetime")
            expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
          if (field.constraints?.enum) expect(field.constraints.enum).toContain(value);
        }
        if (field.constraints?.unique)
          expect(new Set(records.map((r) => r[field.name])).size).toBe(records.length);
      }
      const keys = records.map((record) => resource.schema.primaryKey.map((key) => record[key]).join("|"));
      expect(new Set(keys).size).toBe(keys.length);
      tables.set(resource.name, records);
    }
    // Foreign keys point at rows that exist.
    for (const resource of descriptor.resources) {
      for (const foreign of resource.schema.foreignKeys ?? []) {
        const target = new Set(
          tables
            .get(foreign.reference.resource)!
            .map((row) => foreign.reference.fields.map((f) => row[f]).join("|")),
        );
        for (const row of tables.get(resource.name)!) {
          // Table Schema: a foreign key whose fields are all null (empty) references nothing.
          if (foreign.fields.every((f) => row[f] === "")) continue;
          expect(target.has(foreign.fields.map((f) => row[f]).join("|"))).toBe(true);
        }
      }
    }
    expect(tables.get("inputs")).toHaveLength(inputs.length);
    expect(tables.get("inputs")!.find((row) => row.input_id === workshopInputId)?.workshop_id).toBe(
      workshopId,
    );
    expect(tables.get("dispositions")).toHaveLength(40);
    expect(tables.get("workshops")).toEqual([
      expect.objectContaining({
        municipality: "Santa María Nebaj",
        attendance_total: "30",
        sex_female: "17",
        sex_male: "13",
        // 3 others is a small cell; with the total of 30 shown, 27 Maya would give it away: both hidden.
        people_maya: "",
        people_other: "",
      }),
    ]);
    expect(
      tables.get("inputs")!.find((row) => row.input_id === inputs[3]!.id)!["tramites.tramite-dificil"],
    ).toBe("'=cmd|' /C calc'!A0");
    // Words people wrote are public once reviewed (a disposition, or a publishable mark with its covered
    // parts), as on the public page; until then the cell is empty. Choices are always there.
    const row = (i: number) => tables.get("inputs")!.find((r) => r.input_id === inputs[i]!.id)!;
    expect(row(5)["tramites.tramite-dificil"]).toBe("Trámite 5, ñandú");
    expect(row(100)["tramites.tramite-dificil"]).toBe("Trámite de [nombre cubierto]");
    expect(row(101)["tramites.tramite-dificil"]).toBe("");
    expect(row(101)["tramites.canal-preferido"]).toBe("telefono");
    // 40 with a disposition and 1 marked publishable; the other 1,161 (the workshop's one too) wait.
    expect(tables.get("inputs")!.filter((r) => r["tramites.tramite-dificil"] !== "")).toHaveLength(41);
    expect(tables.get("inputs")!.filter((r) => r.free_text !== "")).toHaveLength(41);
    expect(row(100).free_text).toBe("Que atiendan en k'iche'.");
    expect(row(101).free_text).toBe("");
    expect(descriptor.resources.find((r) => r.name === "inputs")?.description).toMatch(/revisó/);
    // No personal or device data.
    const everything = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join("\n");
    expect(everything).not.toContain(inputs[0]!.deviceId);
    expect(everything).not.toContain("org@segeplan.gob.gt");
    expect(everything).not.toContain("Ana Brito Xiloj");
    expect(everything).not.toContain("Se priorizó el agua potable");
  });

  it("is read row by row, every cell cast and every foreign key resolved, by the outside Frictionless library", async () => {
    // Published by the test before. The validator is not ours: datapackage-js (frictionlessdata), strict.
    const response = await fetch(packageUrl());
    expect(response.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), "tejido-frictionless-"));
    try {
      const zipPath = path.join(dir, "paquete.zip");
      writeFileSync(zipPath, new Uint8Array(await response.arrayBuffer()));
      const { Package } = (await import("datapackage")) as unknown as {
        Package: { load(source: string, options: { strict: boolean }): Promise<FrictionlessPackage> };
      };
      const loaded = await Package.load(zipPath, { strict: true });
      expect(loaded.errors).toEqual([]);
      expect(loaded.valid).toBe(true);
      const counts: Record<string, number> = {};
      for (const resource of loaded.resources) {
        // Every row, cast by its Table Schema (a datetime with milliseconds too), foreign keys checked.
        const rows = await resource.read({ keyed: true, relations: true });
        counts[resource.name] = rows.length;
      }
      expect(counts).toEqual({ inputs: inputs.length, dispositions: 40, workshops: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists published datasets in the public catalogue with license and last update", async () => {
    const { datasets } = (await (await fetch(`${server.url}/api/v1/public/catalogue`)).json()) as {
      datasets: { id: string; license: { name: string }; lastUpdated: string; package: string }[];
    };
    expect(datasets).toEqual([
      expect.objectContaining({
        id: DEMO_CONSULTATION_ID,
        license: expect.objectContaining({ name: "CC-BY-4.0" }),
        package: `/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/datapackage.zip`,
      }),
    ]);
    expect(Date.parse(datasets[0]!.lastUpdated)).toBeGreaterThan(Date.parse("2026-11-01T00:00:00Z"));
  });
});
