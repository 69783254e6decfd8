// The audit log (issue #15): every staff action that changed something, once it succeeded, in one append-only,
// hash-chained table that admins read and verify; nothing for failures, reads, devices or citizens.
import { createHash } from "node:crypto";
import { PostgresAdapter, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_GENESIS, type AuditChainReport, type AuditRow } from "../../src/server/audit/audit-log";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { makeRequest, postJson, seededInstitution, signIn, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { createUpload, patchUpload, uploadUrl } from "../support/tus";

let server: TestServer;
let admin: string;
let organizer: string;
let officer: string;
const minfin = seededInstitution("MINFIN");

beforeAll(async () => {
  server = await startTestServer();
  admin = await staffSession(server, { email: "admin@tejido.test", role: "admin" });
  organizer = await staffSession(server, { email: "organiza@tejido.test", role: "organizer" });
  officer = await staffSession(server, {
    email: "uip@minfin.gob.gt",
    role: "officer",
    institutionId: minfin.id,
  });
});
afterAll(() => server.dispose());

const api = (path: string) => `${server.url}/api/v1${path}`;
const send = (method: string, path: string, body: unknown, cookie: string) =>
  fetch(api(path), {
    method,
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });

async function rows(): Promise<AuditRow[]> {
  const all: AuditRow[] = [];
  let before: number | null | undefined;
  do {
    const response = await fetch(api(`/admin/audit${before ? `?before=${before}` : ""}`), {
      headers: { cookie: admin },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { entries: AuditRow[]; next: number | null };
    all.push(...page.entries);
    before = page.next;
  } while (before);
  return all;
}

async function verify(): Promise<AuditChainReport> {
  const response = await fetch(api("/admin/audit/verify"), { headers: { cookie: admin } });
  expect(response.status).toBe(200);
  return (await response.json()) as AuditChainReport;
}

const isPostgres = () => server.storage.db.getExecutor().adapter instanceof PostgresAdapter;

describe("what the audit log records", () => {
  it("writes down sign-ins and the actions of admins, organizers and officers, with secrets covered", async () => {
    const start = (await rows()).length;
    // Each staffSession above signed in once.
    expect((await rows()).filter((row) => row.action === "POST /api/v1/auth/login")).toHaveLength(3);

    const created = await send(
      "POST",
      "/admin/users",
      {
        email: "nueva@tejido.test",
        name: "Nueva",
        role: "organizer",
        password: "una clave muy secreta 2026",
      },
      admin,
    );
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string } };
    expect((await send("PUT", `/admin/users/${user.id}/disabled`, { disabled: true }, admin)).status).toBe(
      204,
    );
    expect(
      (await send("PUT", "/admin/holidays/2031-03-02", { kind: "full", name: "Feria local" }, admin)).status,
    ).toBe(200);
    const code = await send("POST", "/organizer/enrolment-codes", { label: "Nebaj" }, organizer);
    expect(code.status).toBe(201);
    const filed = await postJson(api("/requests"), makeRequest({ institutionId: minfin.id }));
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: string };
    expect((await send("POST", `/officer/requests/${id}/actions`, { action: "start" }, officer)).status).toBe(
      200,
    );

    const log = (await rows()).reverse();
    const added = log.slice(start);
    expect(added.map((row) => [row.actorEmail, row.actorRole, row.action, row.status])).toEqual([
      ["admin@tejido.test", "admin", "POST /api/v1/admin/users", 201],
      ["admin@tejido.test", "admin", "PUT /api/v1/admin/users/:id/disabled", 204],
      ["admin@tejido.test", "admin", "PUT /api/v1/admin/holidays/:date", 200],
      ["organiza@tejido.test", "organizer", "POST /api/v1/organizer/enrolment-codes", 201],
      ["uip@minfin.gob.gt", "officer", "POST /api/v1/officer/requests/:id/actions", 200],
    ]);
    expect(added[1]!.target).toBe(`/api/v1/admin/users/${user.id}/disabled`);
    expect(JSON.parse(added[1]!.detail!)).toEqual({ disabled: true });
    expect(JSON.parse(added[0]!.detail!)).toMatchObject({ email: "nueva@tejido.test", password: "[oculto]" });
    expect(JSON.stringify(log)).not.toContain("una clave muy secreta");
    expect(JSON.stringify(log)).not.toContain("una contraseña de prueba larga");
    expect(JSON.parse(added[4]!.detail!)).toEqual({ action: "start" });
    // Numbered 1, 2, 3… in the order they happened; times in order too.
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
  });

  it("leaves out reads, refusals, failures, devices and citizens", async () => {
    const before = (await rows()).length;
    expect((await fetch(api("/admin/users"), { headers: { cookie: admin } })).status).toBe(200);
    // Refused by role, and refused as invalid: nothing happened, nothing is written.
    expect(
      (await send("PUT", "/admin/holidays/2031-03-03", { kind: "full", name: "X" }, organizer)).status,
    ).toBe(403);
    expect((await send("PUT", "/admin/holidays/2031-02-31", { kind: "full", name: "X" }, admin)).status).toBe(
      400,
    );
    expect((await postJson(api("/auth/login"), { email: "admin@tejido.test", password: "mal" })).status).toBe(
      401,
    );
    const phone = await enrol(server.url, codesFor(server));
    const mutation = await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 1);
    expect(
      (await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [mutation] })).status,
    ).toBe(200);
    expect((await postJson(api("/requests"), makeRequest({ institutionId: minfin.id }))).status).toBe(201);
    expect(await rows()).toHaveLength(before);
  });

  it("records an officer's upload once, by the file it made, not each of its chunks", async () => {
    const before = (await rows()).length;
    const bytes = new Uint8Array(300_000).fill(65);
    const created = await createUpload(server.url, officer, {
      name: "respuesta.txt",
      mime: "text/plain",
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(created.status).toBe(201);
    const url = uploadUrl(server.url, created);
    expect((await patchUpload(url, officer, 0, bytes.subarray(0, 100_000))).status).toBe(204);
    expect((await patchUpload(url, officer, 100_000, bytes.subarray(100_000))).status).toBe(204);
    const id = url.split("/").pop();
    const added = (await rows()).slice(0, -before || undefined).reverse();
    expect(added.map((row) => [row.actorEmail, row.action, row.target, row.status])).toEqual([
      ["uip@minfin.gob.gt", "POST /api/v1/uploads", `/api/v1/uploads/${id}`, 201],
    ]);
  });

  it("is read by admins only", async () => {
    for (const cookie of [organizer, officer, ""]) {
      const response = await fetch(api("/admin/audit"), { headers: { cookie } });
      expect(response.status).toBe(cookie ? 403 : 401);
    }
    for (const before of ["abc", "0", "99999999999"])
      expect((await fetch(api(`/admin/audit?before=${before}`), { headers: { cookie: admin } })).status).toBe(
        400,
      );
  });
});

describe("the chain", () => {
  it("links every row to the one before, with no gaps, under concurrent staff actions", async () => {
    const many = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        send(
          "PUT",
          `/admin/holidays/2032-04-${String(i + 1).padStart(2, "0")}`,
          { kind: "half", name: `Cierre ${i}` },
          admin,
        ),
      ),
    );
    expect(many.map((response) => response.status)).toEqual(many.map(() => 200));
    const log = (await rows()).reverse();
    // None lost to a race for the next number (each would be one row fewer here).
    expect(log.filter((row) => row.target.startsWith("/api/v1/admin/holidays/2032-04-"))).toHaveLength(24);
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[0]!.prevHash).toBe(AUDIT_GENESIS);
    for (let i = 1; i < log.length; i += 1) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    expect(await verify()).toEqual({ valid: true, entries: log.length, head: log.at(-1)!.hash });
  });

  it("stays one chain when two instances on one database write at once", async () => {
    const second = await startTestServer({ shareDatabaseOf: server });
    try {
      const before = (await rows()).length;
      const sends = Array.from({ length: 20 }, (_, i) =>
        fetch(
          `${i % 2 ? second.url : server.url}/api/v1/admin/holidays/2033-05-${String(i + 1).padStart(2, "0")}`,
          {
            method: "PUT",
            headers: { "content-type": "application/json", cookie: admin },
            body: JSON.stringify({ kind: "full", name: `Cierre ${i}` }),
          },
        ),
      );
      expect((await Promise.all(sends)).map((response) => response.status)).toEqual(sends.map(() => 200));
      const log = (await rows()).reverse();
      expect(log).toHaveLength(before + 20);
      expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
      expect(await verify()).toMatchObject({ valid: true, entries: log.length });
    } finally {
      await second.dispose();
    }
  });

  it("cannot be changed or emptied through the database", async () => {
    const db = server.storage.db;
    await expect(
      db.updateTable("audit_log").set({ actor_email: "otro@tejido.test" }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").where("seq", "=", 1).execute()).rejects.toThrow(/append-only/);
    if (isPostgres()) await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verify()).valid).toBe(true);
  });

  it("shows where it was broken when someone gets past the guard", async () => {
    const db = server.storage.db;
    const before = await verify();
    // Only someone who removes the database's own guard can change a row; the chain still tells.
    if (isPostgres()) await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    else await sql`drop trigger audit_log_no_update`.execute(db);
    await db.updateTable("audit_log").set({ status: 299 }).where("seq", "=", 3).execute();
    const report = await verify();
    expect(report).toMatchObject({ valid: false, entries: 2, broken: { seq: 3, reason: "hash" } });
    expect(report.head).not.toBe(before.head);
  });
});

describe("sign-in", () => {
  it("is recorded once per session started", async () => {
    const count = (await rows()).filter((row) => row.actorEmail === "organiza@tejido.test").length;
    await signIn(server.url, "organiza@tejido.test", "una contraseña de prueba larga");
    const after = (await rows()).filter((row) => row.actorEmail === "organiza@tejido.test");
    expect(after).toHaveLength(count + 1);
    expect(after[0]!.action).toBe("POST /api/v1/auth/login");
    expect(JSON.parse(after[0]!.detail!)).toEqual({ email: "organiza@tejido.test", password: "[oculto]" });
  });
});
