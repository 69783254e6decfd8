// A commitment as open data, against the real server: the signed package holds the milestones, every update and
// its evidence by SHA-256 and permanent address; `npm run verify` passes it, and fails it once its evidence list is
// altered; the updates' hash chain recomputed from the package matches the manifest; the catalogue lists it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { Window } from "happy-dom";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataPackage } from "../../src/domain/exports/data-package";
import type { Manifest } from "../../src/domain/exports/manifest";
import type { Commitment } from "../../src/domain/tracker";
import { verifyPackage } from "../../src/server/signing/verify-package";
import { DEMO_COMMITMENT_ID } from "../../src/server/tracker/demo-commitment";
import { postJson, seededInstitution, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { sha256Hex, uploadFile } from "../support/tus";

let server: TestServer;
let zip: Uint8Array;
let keyId: string;
const work = mkdtempSync(path.join(tmpdir(), "tejido-tracker-package-"));
const pdf = new TextEncoder().encode("%PDF-1.4\n% Estrategia publicada\n%%EOF\n");
const hex = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  server = await startTestServer();
  const gae = await staffSession(server, {
    email: "uip@gae.gob.gt",
    role: "officer",
    institutionId: seededInstitution("GAE").id,
  });
  const commitment = (await (
    await fetch(`${server.url}/api/v1/public/commitments/${DEMO_COMMITMENT_ID}`)
  ).json()) as {
    commitment: Commitment;
  };
  const milestone = commitment.commitment.milestones[1]!;
  const attachment = await uploadFile(server.url, gae, "estrategia-v1.pdf", "application/pdf", pdf);
  const posted = await postJson(
    `${server.url}/api/v1/officer/milestones/${milestone.id}/updates`,
    {
      id: uuidv7(),
      happenedOn: "2019-12-10",
      status: "complete",
      text: "La estrategia se publicó en el sitio de la comisión.",
      attachmentIds: [attachment],
    },
    gae,
  );
  expect(posted.status).toBe(201);
  const response = await fetch(
    `${server.url}/api/v1/public/commitments/${DEMO_COMMITMENT_ID}/datapackage.zip`,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  zip = new Uint8Array(await response.arrayBuffer());
  keyId = ((await (await fetch(`${server.url}/api/v1/public/signing-key`)).json()) as { keyId: string })
    .keyId;
});
afterAll(async () => {
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
});

const verifyCli = (bytes: Uint8Array) => {
  const file = path.join(work, `${uuidv7()}.zip`);
  writeFileSync(file, bytes);
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "src/server/signing/verify-cli.ts", file, "--key", keyId],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
    },
  );
};

describe("a commitment's open-data package", () => {
  it("holds the milestones, updates and evidence, described by a Frictionless descriptor", () => {
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      "datapackage.json",
      "evidence.csv",
      "manifest.json",
      "manifest.sig",
      "milestones.csv",
      "updates.csv",
    ]);
    const descriptor = JSON.parse(strFromU8(files["datapackage.json"]!)) as DataPackage;
    expect(descriptor.resources.map((r) => r.path)).toEqual([
      "milestones.csv",
      "updates.csv",
      "evidence.csv",
    ]);
    for (const resource of descriptor.resources) {
      const header = strFromU8(files[resource.path]!).split("\r\n")[0]!.split(",");
      expect(header, resource.path).toEqual(resource.schema.fields.map((field) => field.name));
    }
    const milestones = strFromU8(files["milestones.csv"]!).trim().split("\r\n");
    expect(milestones).toHaveLength(7);
    expect(milestones[2]).toContain(",complete,,yes");
    const evidence = strFromU8(files["evidence.csv"]!).trim().split("\r\n");
    expect(evidence).toHaveLength(2);
    expect(evidence[1]).toContain(
      `${sha256Hex(pdf)},${pdf.length},application/pdf,${server.url}/evidencia/${sha256Hex(pdf)}`,
    );
  });

  it("is signed: verify passes it, and fails it when its evidence list is altered", () => {
    expect(verifyPackage(zip, keyId)).toMatchObject({ ok: true, findings: [] });
    expect(verifyCli(zip).status).toBe(0);
    const files = unzipSync(zip);
    const other = "0".repeat(64);
    files["evidence.csv"] = strToU8(strFromU8(files["evidence.csv"]!).replaceAll(sha256Hex(pdf), other));
    const altered = zipSync(files);
    const verdict = verifyPackage(altered, keyId);
    expect(verdict.ok).toBe(false);
    expect(verdict.findings.join("\n")).toContain("evidence.csv");
    const cli = verifyCli(altered);
    expect(cli.status).toBe(1);
    expect(cli.stdout + cli.stderr).toContain("evidence.csv");
  });

  it("chains its updates: the head recomputed from the published updates is the manifest's", async () => {
    const manifest = JSON.parse(strFromU8(unzipSync(zip)["manifest.json"]!)) as Manifest;
    expect(manifest.commitment).toMatchObject({ id: DEMO_COMMITMENT_ID, code: "GT0092" });
    const { commitment } = (await (
      await fetch(`${server.url}/api/v1/public/commitments/${DEMO_COMMITMENT_ID}`)
    ).json()) as {
      commitment: Commitment;
    };
    let head = hex(`tejido:${DEMO_COMMITMENT_ID}`);
    const updates = commitment.milestones.flatMap((m) => m.updates.map((u) => ({ ...u, milestoneId: m.id })));
    for (const { correctedBy: _, ...update } of updates.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const canonical = JSON.stringify(update, Object.keys(update).sort());
      const evidence = update.evidence.map((file) => JSON.stringify(file, Object.keys(file).sort()));
      // Canonical JSON by hand: keys sorted, the evidence objects' keys too.
      const text = canonical.replace(/"evidence":\[[^\]]*\]/, `"evidence":[${evidence.join(",")}]`);
      head = hex(`${head}:${update.id}:${hex(text)}`);
    }
    expect(manifest.records).toMatchObject({ count: updates.length, chainHead: head });
  });

  it("publishes its updates as a well-formed Atom feed, evidence as enclosures at their permanent addresses", async () => {
    const response = await fetch(
      `${server.url}/api/v1/public/commitments/${DEMO_COMMITMENT_ID}/updates.atom`,
    );
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    const document = new new Window().DOMParser().parseFromString(xml, "application/xml");
    expect(document.getElementsByTagName("parsererror")).toHaveLength(0);
    const entries = [...document.getElementsByTagName("entry")];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.getElementsByTagName("title")[0]!.textContent).toBe(
      "Hito 2: Según el gobierno (Comisión Presidencial de Gobierno Abierto y Electrónico): Completo",
    );
    const enclosure = [...entries[0]!.getElementsByTagName("link")].find(
      (l) => l.getAttribute("rel") === "enclosure",
    )!;
    expect(enclosure.getAttribute("href")).toBe(`${server.url}/evidencia/${sha256Hex(pdf)}`);
    expect(enclosure.getAttribute("length")).toBe(String(pdf.length));
  });

  it("is in the open-data catalogue, with its page and its package", async () => {
    const { commitments } = (await (await fetch(`${server.url}/api/v1/public/catalogue`)).json()) as {
      commitments: { id: string; package: string; page: string; license: { name: string } }[];
    };
    expect(commitments).toEqual([
      expect.objectContaining({
        id: DEMO_COMMITMENT_ID,
        package: `/api/v1/public/commitments/${DEMO_COMMITMENT_ID}/datapackage.zip`,
        page: `/compromisos/${DEMO_COMMITMENT_ID}`,
        license: expect.objectContaining({ name: "CC-BY-4.0" }),
      }),
    ]);
  });
});
