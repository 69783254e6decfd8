// The implementation tracker over HTTP against the real server and database: the demo commitment (GT0092) is
// there on first start with six milestones, none verifiable; an officer of the responsible institution posts a
// dated update with a PDF, which is then served at /evidencia/<sha256> with exactly those bytes; nobody else's
// officer may post; a re-send is one update; and an evidence file can be neither replaced nor removed, through
// any route or through the database.
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Commitment, type CommitmentSummary, evidenceAddress } from "../../src/domain/tracker";
import { createUser } from "../../src/server/auth/accounts-store";
import { DEMO_COMMITMENT_ID } from "../../src/server/tracker/demo-commitment";
import { evidencePath } from "../../src/server/tracker/tracker-store";
import { postJson, seededInstitution, signIn, staffSession } from "../support/requests";
import { startTestServer, TEST_BACKEND, type TestServer } from "../support/test-server";
import { sha256Hex, uploadFile } from "../support/tus";

let server: TestServer;
let gae: string;
let minfin: string;
let redCiudadana: string;
let otraOrganizacion: string;
const pdf = new TextEncoder().encode("%PDF-1.4\n% Acta de la mesa técnica, 14 de marzo de 2019\n%%EOF\n");

beforeAll(async () => {
  server = await startTestServer();
  gae = await staffSession(server, {
    email: "uip@gae.gob.gt",
    role: "officer",
    institutionId: seededInstitution("GAE").id,
  });
  minfin = await staffSession(server, {
    email: "uip@minfin.gob.gt",
    role: "officer",
    institutionId: seededInstitution("MINFIN").id,
  });
  redCiudadana = await civilSociety("monitoreo@redciudadana.org.gt", "Red Ciudadana");
  otraOrganizacion = await civilSociety("info@otra.org.gt", "Otra organización");
});
afterAll(() => server.dispose());

async function civilSociety(email: string, organisation: string): Promise<string> {
  const password = "una frase larga de sociedad civil";
  await createUser(
    server.storage.db,
    { email, name: email, role: "civil_society", organisation, password },
    new Date(),
  );
  return signIn(server.url, email, password);
}

const commitment = async (): Promise<Commitment> =>
  (
    (await (await fetch(`${server.url}/api/v1/public/commitments/${DEMO_COMMITMENT_ID}`)).json()) as {
      commitment: Commitment;
    }
  ).commitment;
const firstMilestone = async () => (await commitment()).milestones[0]!;
const post = (cookie: string, milestoneId: string, body: unknown) =>
  postJson(`${server.url}/api/v1/officer/milestones/${milestoneId}/updates`, body, cookie);
const update = (overrides: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  happenedOn: "2019-03-14",
  status: "limited",
  text: "Primera mesa técnica con organizaciones de sociedad civil para la estrategia.",
  ...overrides,
});

describe("implementation tracker", () => {
  it("has the demo commitment on first start: GT0092, six milestones with their institutions, none verifiable", async () => {
    const list = (await (await fetch(`${server.url}/api/v1/public/commitments`)).json()) as {
      commitments: CommitmentSummary[];
    };
    expect(list.commitments).toEqual([
      expect.objectContaining({ id: DEMO_COMMITMENT_ID, code: "GT0092", milestones: 6, verifiable: 0 }),
    ]);
    const view = await commitment();
    expect(view.startsOn).toBe("2018-12-01");
    expect(view.endsOn).toBe("2020-12-31");
    expect(view.milestones.map((m) => m.institution.acronym)).toEqual([
      "GAE",
      "GAE",
      "GAE",
      "MINGOB",
      "GAE",
      "MINECO",
    ]);
    for (const milestone of view.milestones) {
      expect(milestone).toMatchObject({
        verifiable: false,
        updates: [],
        government: { status: null, evidenceCount: 0 },
      });
    }
  });

  it("takes an update with a PDF from the responsible institution, and serves the PDF at its SHA-256 for ever", async () => {
    const milestone = await firstMilestone();
    const attachment = await uploadFile(server.url, gae, "acta-mesa-tecnica.pdf", "application/pdf", pdf);
    const body = update({ status: "substantial", attachmentIds: [attachment] });
    const posted = await post(gae, milestone.id, body);
    expect(posted.status).toBe(201);
    const { milestone: after } = (await posted.json()) as { milestone: Commitment["milestones"][number] };
    const sha256 = sha256Hex(pdf);
    expect(after).toMatchObject({
      verifiable: true,
      government: { status: "substantial", updatedOn: "2019-03-14", evidenceCount: 1 },
      civilSociety: { status: null, evidenceCount: 0 },
    });
    expect(after.updates[0]).toMatchObject({
      id: body.id,
      voice: "government",
      author: "Comisión Presidencial de Gobierno Abierto y Electrónico",
      evidence: [
        {
          sha256,
          name: "acta-mesa-tecnica.pdf",
          mediaType: "application/pdf",
          size: pdf.length,
          address: evidenceAddress(sha256),
        },
      ],
    });

    const served = await fetch(`${server.url}${evidenceAddress(sha256)}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(sha256Hex(new Uint8Array(await served.arrayBuffer()))).toBe(sha256);
    const again = await fetch(`${server.url}${evidenceAddress(sha256)}`, {
      headers: { "if-none-match": `"${sha256}"` },
    });
    expect(again.status).toBe(304);

    // A re-send (the answer was lost) is the same update; another body under its id is refused.
    expect((await post(gae, milestone.id, body)).status).toBe(200);
    const reused = await post(gae, milestone.id, {
      ...body,
      text: "Otro texto que no es el que se envió antes.",
    });
    expect(reused.status).toBe(409);
    expect((await firstMilestone()).updates).toHaveLength(1);
    expect(
      (await (await fetch(`${server.url}/api/v1/public/commitments`)).json()).commitments[0].verifiable,
    ).toBe(1);
  });

  it("refuses an officer of another institution, an upload that is not the officer's, and a bad correction", async () => {
    const milestone = await firstMilestone();
    const other = await post(minfin, milestone.id, update());
    expect(other.status).toBe(403);
    const theirs = await uploadFile(server.url, minfin, "otro.pdf", "application/pdf", pdf);
    const borrowed = await post(gae, milestone.id, update({ attachmentIds: [theirs] }));
    expect(borrowed.status).toBe(422);
    expect(((await borrowed.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      "/attachmentIds",
    );
    const unknown = await post(gae, milestone.id, update({ corrects: uuidv7() }));
    expect(unknown.status).toBe(422);
    const missing = await post(gae, uuidv7(), update());
    expect(missing.status).toBe(404);
    const invalid = await post(gae, milestone.id, update({ status: "casi", happenedOn: "2019-13-01" }));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    expect((await firstMilestone()).updates).toHaveLength(1);
  });

  it("corrects an update only by a later one that says so; the first stays as it was", async () => {
    const milestone = await firstMilestone();
    const first = milestone.updates[0]!;
    const correction = update({
      status: "limited",
      text: "Corrección: la mesa técnica solo reunió a tres organizaciones.",
      corrects: first.id,
    });
    expect((await post(gae, milestone.id, correction)).status).toBe(201);
    const after = await firstMilestone();
    expect(after.updates.map((u) => [u.id, u.corrects, u.correctedBy])).toEqual([
      [first.id, null, correction.id],
      [correction.id, first.id, null],
    ]);
    expect(after.updates[0]).toMatchObject({ status: "substantial", text: first.text });
    expect(after.government.status).toBe("limited");
    // The evidence of the first update still counts: it was not removed, only its claim corrected.
    expect(after.verifiable).toBe(true);
  });

  it("never replaces or removes an evidence file, through any route or through the database", async () => {
    const sha256 = sha256Hex(pdf);
    const address = `${server.url}${evidenceAddress(sha256)}`;
    for (const method of ["PUT", "POST", "DELETE", "PATCH"]) {
      const response = await fetch(address, {
        method,
        headers: { "content-type": "application/pdf" },
        body: method === "DELETE" ? undefined : "otro contenido",
      });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
    }
    // The same bytes posted again keep one file, at the same address.
    const milestone = await firstMilestone();
    const same = await uploadFile(server.url, gae, "acta-copia.pdf", "application/pdf", pdf);
    expect((await post(gae, milestone.id, update({ attachmentIds: [same] }))).status).toBe(201);
    expect(await server.storage.db.selectFrom("evidence_files").select("sha256").execute()).toEqual([
      { sha256 },
    ]);
    expect(sha256Hex(await readFile(evidencePath(`${server.dataDir}/files`, sha256)))).toBe(sha256);

    const db = server.storage.db;
    for (const table of ["evidence_files", "update_evidence", "milestone_updates"] as const) {
      await expect(
        sql`update ${sql.table(table)} set ${sql.ref(table === "evidence_files" ? "media_type" : table === "update_evidence" ? "name" : "text")} = 'x'`.execute(
          db,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from ${sql.table(table)}`.execute(db)).rejects.toThrow(/append-only/);
      if (TEST_BACKEND === "postgres")
        // CASCADE: past the foreign keys, so the table's own guard is what refuses.
        await expect(sql`truncate ${sql.table(table)} cascade`.execute(db)).rejects.toThrow(/append-only/);
    }
    expect((await fetch(address)).status).toBe(200);
    expect((await fetch(`${server.url}/evidencia/${"0".repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${server.url}/evidencia/not-a-hash`)).status).toBe(404);
  });

  it("puts civil society's own assessment, with its own evidence, beside the government's", async () => {
    const milestone = await firstMilestone();
    const report = new TextEncoder().encode("%PDF-1.4\n% Informe de monitoreo de sociedad civil\n%%EOF\n");
    const attachment = await uploadFile(
      server.url,
      redCiudadana,
      "informe-monitoreo.pdf",
      "application/pdf",
      report,
    );
    const assessment = update({
      status: "not_started",
      text: "Las mesas no tuvieron actas públicas; los vínculos del informe oficial no funcionan.",
      attachmentIds: [attachment],
    });
    const posted = await postJson(
      `${server.url}/api/v1/civil-society/milestones/${milestone.id}/updates`,
      assessment,
      redCiudadana,
    );
    expect(posted.status).toBe(201);
    const after = await firstMilestone();
    expect(after.government.status).toBe("limited");
    expect(after.civilSociety).toEqual({ status: "not_started", updatedOn: "2019-03-14", evidenceCount: 1 });
    expect(after.updates.at(-1)).toMatchObject({ voice: "civil_society", author: "Red Ciudadana" });
    const served = await fetch(`${server.url}${evidenceAddress(sha256Hex(report))}`);
    expect(sha256Hex(new Uint8Array(await served.arrayBuffer()))).toBe(sha256Hex(report));

    // Civil society does not speak through the officers' route, nor correct another side's or organisation's words.
    expect((await post(redCiudadana, milestone.id, update())).status).toBe(403);
    const government = after.updates.find((u) => u.voice === "government")!;
    const civil = (body: unknown, cookie: string) =>
      postJson(`${server.url}/api/v1/civil-society/milestones/${milestone.id}/updates`, body, cookie);
    expect((await civil(update({ corrects: government.id }), redCiudadana)).status).toBe(422);
    expect((await civil(update({ corrects: assessment.id }), otraOrganizacion)).status).toBe(422);
    const own = await civil(update({ status: "limited", corrects: assessment.id }), redCiudadana);
    expect(own.status).toBe(201);

    // Each organisation reads back its own assessments only.
    const mine = (await (
      await fetch(`${server.url}/api/v1/civil-society/updates`, { headers: { cookie: redCiudadana } })
    ).json()) as {
      organisation: string;
      updates: { author: string }[];
    };
    expect(mine.organisation).toBe("Red Ciudadana");
    expect(mine.updates).toHaveLength(2);
    expect(mine.updates.every((u) => u.author === "Red Ciudadana")).toBe(true);
    const theirs = (await (
      await fetch(`${server.url}/api/v1/civil-society/updates`, { headers: { cookie: otraOrganizacion } })
    ).json()) as {
      updates: unknown[];
    };
    expect(theirs.updates).toEqual([]);
  });

  it("makes a civil-society account only with its organisation", async () => {
    const admin = await staffSession(server, { email: "admin@tejido.gt", role: "admin" });
    const account = {
      email: "x@org.gt",
      name: "X",
      role: "civil_society",
      password: "una frase larga de prueba",
    };
    const refused = await postJson(`${server.url}/api/v1/admin/users`, account, admin);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      "/organisation",
    );
    expect(
      (
        await postJson(
          `${server.url}/api/v1/admin/users`,
          { ...account, organisation: "Acción Ciudadana" },
          admin,
        )
      ).status,
    ).toBe(201);
  });
});
