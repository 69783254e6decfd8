// Staff sign-in over real HTTP: cookie sessions, same answer for unknown emails, growing delay, expiry, roles.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, login } from "../../src/server/auth/accounts-store";
import { type AuthEnv, requireRole } from "../../src/server/auth/auth-routes";
import { openStorage } from "../../src/server/storage/database";
import { makeDataDir, startTestServer, TEST_BACKEND, type TestServer } from "../support/test-server";

let server: TestServer;
let clock = Date.parse("2026-11-25T15:00:00Z");
const now = () => new Date(clock);
const PASSWORD = "maíz y frijol en la milpa";

beforeAll(async () => {
  server = await startTestServer({ now });
  await createUser(
    server.storage.db,
    { email: "ana@segeplan.gob.gt", name: "Ana", role: "organizer", password: PASSWORD },
    now(),
  );
});
afterAll(() => server.dispose());

const post = (route: string, body: unknown, cookie?: string) =>
  fetch(`${server.url}/api/v1/auth/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const me = (cookie?: string) => fetch(`${server.url}/api/v1/auth/me`, { headers: cookie ? { cookie } : {} });
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

describe("staff sign-in", () => {
  it("opens an HttpOnly, SameSite=Strict session, and closes it on logout", async () => {
    const response = await post("login", { email: " Ana@Segeplan.gob.gt ", password: PASSWORD });
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ email: "ana@segeplan.gob.gt", role: "organizer" });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);

    const cookie = cookieOf(response);
    expect((await me(cookie)).status).toBe(200);
    expect((await post("logout", {}, cookie)).status).toBe(204);
    const after = await me(cookie);
    expect(after.status).toBe(401);
    expect((await after.json()).type).toBe("urn:tejido:problem:unauthenticated");
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await post("login", { email: "ana@segeplan.gob.gt", password: "no es esta" });
    const unknown = await post("login", { email: "nadie@segeplan.gob.gt", password: "no es esta" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = ({ instance: _instance, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await wrong.json())).toEqual(strip(await unknown.json()));
    clock += 60_000;
  });

  it("makes each attempt after a failure wait longer, even with the right password", async () => {
    const email = "beto@mspas.gob.gt";
    await createUser(
      server.storage.db,
      { email, name: "Beto", role: "officer", institutionId: "mspas", password: PASSWORD },
      now(),
    );
    const waits: number[] = [];
    for (let failure = 1; failure <= 4; failure++) {
      expect((await post("login", { email, password: "equivocada" })).status).toBe(401);
      const blocked = await post("login", { email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      waits.push(Number(blocked.headers.get("retry-after")));
      clock += 500 * 2 ** (failure - 1);
    }
    expect(waits).toEqual([1, 1, 2, 4]);
    // Once the wait is over, the right password works and the count starts again.
    expect((await post("login", { email, password: PASSWORD })).status).toBe(200);
    expect((await post("login", { email, password: "equivocada" })).status).toBe(401);
    expect(Number((await post("login", { email, password: PASSWORD })).headers.get("retry-after"))).toBe(1);
    clock += 60_000;
  });

  it("ends a session after 12 idle hours, and keeps a used one alive", async () => {
    const cookie = cookieOf(await post("login", { email: "ana@segeplan.gob.gt", password: PASSWORD }));
    clock += 11 * 3_600_000;
    expect((await me(cookie)).status).toBe(200);
    clock += 11 * 3_600_000;
    expect((await me(cookie)).status).toBe(200);
    clock += 12 * 3_600_000 + 1;
    expect((await me(cookie)).status).toBe(401);
  });

  it("ends a session 24 hours after sign-in however busy it is (finding #15.10)", async () => {
    const cookie = cookieOf(await post("login", { email: "ana@segeplan.gob.gt", password: PASSWORD }));
    for (let hour = 1; hour < 24; hour++) {
      clock += 3_600_000;
      expect((await me(cookie)).status, `after ${hour} h`).toBe(200);
    }
    clock += 3_600_000;
    expect((await me(cookie)).status).toBe(401);
  });
});

describe("sign-in under attack (issue #15, findings 1 and 2)", () => {
  let guarded: TestServer;
  beforeAll(async () => {
    // Behind one proxy, so each test can pose as several clients through X-Forwarded-For.
    guarded = await startTestServer({
      now,
      trustProxyHops: 1,
      auth: { loginLimit: { limit: 5, windowMs: 600_000 } },
    });
    await createUser(
      guarded.storage.db,
      { email: "carmen@segeplan.gob.gt", name: "Carmen", role: "organizer", password: PASSWORD },
      now(),
    );
  });
  afterAll(() => guarded.dispose());
  const from = (address: string, email: string, password: string) =>
    fetch(`${guarded.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ email, password }),
    });

  it("keeps failures from one address from locking the real person out from another", async () => {
    const email = "carmen@segeplan.gob.gt";
    expect((await from("203.0.113.7", email, "adivinanza")).status).toBe(401);
    expect((await from("203.0.113.7", email, "adivinanza")).status).toBe(429);
    // Carmen, from her office, signs in at once.
    expect((await from("198.51.100.20", email, PASSWORD)).status).toBe(200);
    clock += 60_000;
  });

  it("limits sign-in attempts per address, answered 429 before any password is checked", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await from("203.0.113.9", `nadie${i}@segeplan.gob.gt`, "x")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await from("203.0.113.9", "carmen@segeplan.gob.gt", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await from("198.51.100.21", "carmen@segeplan.gob.gt", PASSWORD)).status).toBe(200);
  });

  it("forgets failures a day old, so unknown emails cannot fill the table", async () => {
    const rows = () => guarded.storage.db.selectFrom("login_failures").select(["address", "email"]).execute();
    expect((await rows()).length).toBeGreaterThan(0);
    clock += 24 * 3_600_000 + 1;
    expect((await from("192.0.2.1", "otra@segeplan.gob.gt", "x")).status).toBe(401);
    expect(await rows()).toEqual([{ address: "192.0.2.1", email: "otra@segeplan.gob.gt" }]);
  });
});

describe("roles", () => {
  it("lets only the named roles through, and nobody without a session", async () => {
    const guarded = new Hono<AuthEnv>();
    guarded.get("/admin-only", requireRole({ db: server.storage.db, now }, "admin"), (c) =>
      c.text(c.get("user").role),
    );
    const organizer = await login(server.storage.db, "ana@segeplan.gob.gt", PASSWORD, now());
    if (!organizer.ok) throw new Error("fixture login failed");
    const asOrganizer = await guarded.request("/admin-only", {
      headers: { cookie: `tejido_session=${organizer.token}` },
    });
    expect(asOrganizer.status).toBe(403);
    expect((await guarded.request("/admin-only")).status).toBe(401);

    await createUser(
      server.storage.db,
      { email: "root@tejido.gt", name: "Admin", role: "admin", password: PASSWORD },
      now(),
    );
    const admin = await login(server.storage.db, "root@tejido.gt", PASSWORD, now());
    if (!admin.ok) throw new Error("fixture login failed");
    const asAdmin = await guarded.request("/admin-only", {
      headers: { cookie: `tejido_session=${admin.token}` },
    });
    expect(await asAdmin.text()).toBe("admin");
  });
});

describe.skipIf(TEST_BACKEND !== "sqlite")("npm run admin -- create-user", () => {
  it("creates a user whose password then works, and refuses a duplicate or a short password", () => {
    const dataDir = makeDataDir();
    const run = (args: string[], input: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/server/admin-cli.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", TEJIDO_NEW_PASSWORD: "" },
        input,
        encoding: "utf8",
      });
    const args = [
      "create-user",
      "--email",
      "carla@mineduc.gob.gt",
      "--name",
      "Carla",
      "--role",
      "organizer",
      "--password-stdin",
    ];
    const created = run(args, `${PASSWORD}\n`);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Created organizer carla@mineduc\.gob\.gt/);
    expect(run(args, `${PASSWORD}\n`).status).toBe(2);
    const short = run([...args.slice(0, 2), "otra@mineduc.gob.gt", ...args.slice(3)], "corta\n");
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/\/password/);
    return (async () => {
      const storage = await openStorage({ dataDir });
      try {
        expect((await login(storage.db, "carla@mineduc.gob.gt", PASSWORD, new Date())).ok).toBe(true);
        // The console's action is in the audit log, once (the refused runs wrote nothing), without the password.
        const audit = await storage.db.selectFrom("audit_log").selectAll().execute();
        expect(audit.map((row) => [row.actor_role, row.action, row.status])).toEqual([
          ["operator", "CLI create-user", 201],
        ]);
        expect(JSON.parse(audit[0]!.detail!)).toMatchObject({
          email: "carla@mineduc.gob.gt",
          role: "organizer",
        });
        expect(audit[0]!.detail).not.toContain(PASSWORD);
      } finally {
        await storage.close();
      }
    })();
  });
});
