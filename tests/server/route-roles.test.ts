// Every API route × every role: who gets in, who gets 401 (not signed in) or 403 (wrong role). The list of
// routes is read from the app itself, so a new route without a line here fails this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app";
import { createUser } from "../../src/server/auth/accounts-store";
import { createLogger } from "../../src/server/logger";
import { seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

type Who = "anonymous" | "organizer" | "officer" | "admin" | "civil_society";
const EVERYONE: Who[] = ["anonymous", "organizer", "officer", "admin", "civil_society"];
const STAFF: Who[] = ["organizer", "officer", "admin", "civil_society"];
const ID = "0190a000-0000-7000-8000-0000000000aa";

interface Line {
  allowed: Who[];
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Routes for enrolled devices refuse every person alike with 401: a session is not a device token. */
  deviceOnly?: true;
}

/** A tus chunk sent to an upload: officers' and civil society's own uploads only (and devices', with a token). */
const TUS_PATCH: Line = {
  allowed: ["officer", "civil_society", "organizer", "admin"],
  method: "PATCH",
  path: `/api/v1/uploads/${ID}`,
  headers: {
    "tus-resumable": "1.0.0",
    "upload-offset": "0",
    "content-type": "application/offset+octet-stream",
  },
};

/** Route (as Hono lists it) → who may use it, and a concrete request to try. */
const MATRIX: Record<string, Line> = {
  // The gzip middleware in front of every API route.
  "ALL /api/v1/*": { allowed: EVERYONE, method: "GET", path: "/api/v1/health" },
  "GET /api/v1/health": { allowed: EVERYONE, method: "GET", path: "/api/v1/health" },
  "POST /api/v1/auth/login": {
    allowed: EVERYONE,
    method: "POST",
    path: "/api/v1/auth/login",
    body: { email: "x@y.gt", password: "z" },
  },
  // Logging out is tried last, so it does not end the other checks' sessions.
  "POST /api/v1/auth/logout": { allowed: STAFF, method: "POST", path: "/api/v1/auth/logout", body: {} },
  "GET /api/v1/auth/me": { allowed: STAFF, method: "GET", path: "/api/v1/auth/me" },
  "GET /api/v1/auth/first-start": { allowed: EVERYONE, method: "GET", path: "/api/v1/auth/first-start" },
  "ALL /api/v1/admin/*": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/nothing-here" },
  "ALL /api/v1/admin/ui-translations/*": {
    allowed: ["admin"],
    method: "PUT",
    path: "/api/v1/admin/ui-translations/quc",
    body: {},
  },
  "PUT /api/v1/admin/ui-translations/:language": {
    allowed: ["admin"],
    method: "PUT",
    path: "/api/v1/admin/ui-translations/quc",
    body: {},
  },
  "DELETE /api/v1/admin/ui-translations/:language": {
    allowed: ["admin"],
    method: "DELETE",
    path: "/api/v1/admin/ui-translations/mam",
  },
  "GET /api/v1/public/ui-languages": {
    allowed: EVERYONE,
    method: "GET",
    path: "/api/v1/public/ui-languages",
  },
  "GET /api/v1/public/ui-languages/:language": {
    allowed: EVERYONE,
    method: "GET",
    path: "/api/v1/public/ui-languages/quc",
  },
  "GET /api/v1/public/ui-translations/template": {
    allowed: EVERYONE,
    method: "GET",
    path: "/api/v1/public/ui-translations/template",
  },
  "GET /api/v1/admin/institutions": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/institutions" },
  "POST /api/v1/admin/institutions": {
    allowed: ["admin"],
    method: "POST",
    path: "/api/v1/admin/institutions",
    body: {},
  },
  "PUT /api/v1/admin/institutions/:id": {
    allowed: ["admin"],
    method: "PUT",
    path: `/api/v1/admin/institutions/${ID}`,
    body: {},
  },
  "GET /api/v1/admin/institutions/:id/officers": {
    allowed: ["admin"],
    method: "GET",
    path: `/api/v1/admin/institutions/${ID}/officers`,
  },
  "POST /api/v1/admin/users": { allowed: ["admin"], method: "POST", path: "/api/v1/admin/users", body: {} },
  "GET /api/v1/admin/users": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/users" },
  "GET /api/v1/admin/audit": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/audit" },
  "GET /api/v1/admin/audit/verify": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/audit/verify" },
  "PUT /api/v1/admin/users/:id/disabled": {
    allowed: ["admin"],
    method: "PUT",
    path: `/api/v1/admin/users/${ID}/disabled`,
    body: { disabled: true },
  },
  "GET /api/v1/officer/report": {
    allowed: ["officer"],
    method: "GET",
    path: "/api/v1/officer/report?year=2026",
  },
  "GET /api/v1/admin/holidays": { allowed: ["admin"], method: "GET", path: "/api/v1/admin/holidays" },
  "PUT /api/v1/admin/holidays/:date": {
    allowed: ["admin"],
    method: "PUT",
    path: "/api/v1/admin/holidays/2030-01-02",
    body: {},
  },
  "DELETE /api/v1/admin/holidays/:date": {
    allowed: ["admin"],
    method: "DELETE",
    path: "/api/v1/admin/holidays/2030-01-02",
  },
  "PUT /api/v1/admin/calendar-years/:year": {
    allowed: ["admin"],
    method: "PUT",
    path: "/api/v1/admin/calendar-years/2030",
    body: {},
  },
  // Devices push and pull without a staff account (enrolment will add device tokens, issue 4).
  "POST /api/v1/sync/push": {
    allowed: [],
    deviceOnly: true,
    method: "POST",
    path: "/api/v1/sync/push",
    body: {},
  },
  "POST /api/v1/sync/relay": {
    allowed: [],
    deviceOnly: true,
    method: "POST",
    path: "/api/v1/sync/relay",
    body: {},
  },
  "POST /api/v1/organizer/transfers": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: "/api/v1/organizer/transfers",
    body: {},
  },
  "GET /api/v1/sync/pull": { allowed: EVERYONE, method: "GET", path: "/api/v1/sync/pull?cursor=0" },
  // The load-shedding middleware in front of the exchanges with phones: it lets through whom the route does.
  "ALL /api/v1/sync/push": {
    allowed: [],
    deviceOnly: true,
    method: "POST",
    path: "/api/v1/sync/push",
    body: {},
  },
  "ALL /api/v1/sync/pull": { allowed: EVERYONE, method: "GET", path: "/api/v1/sync/pull?cursor=0" },
  "GET /api/v1/institutions": { allowed: EVERYONE, method: "GET", path: "/api/v1/institutions" },
  "POST /api/v1/requests": { allowed: EVERYONE, method: "POST", path: "/api/v1/requests", body: {} },
  "POST /api/v1/requests/status": {
    allowed: EVERYONE,
    method: "POST",
    path: "/api/v1/requests/status",
    body: {},
  },
  "POST /api/v1/requests/appeal": {
    allowed: EVERYONE,
    method: "POST",
    path: "/api/v1/requests/appeal",
    body: {},
  },
  "POST /api/v1/requests/clarification": {
    allowed: EVERYONE,
    method: "POST",
    path: "/api/v1/requests/clarification",
    body: {},
  },
  "POST /api/v1/requests/files/:fileId": {
    allowed: EVERYONE,
    method: "POST",
    path: `/api/v1/requests/files/${ID}`,
    body: {},
  },
  "GET /api/v1/statistics/requests": {
    allowed: EVERYONE,
    method: "GET",
    path: "/api/v1/statistics/requests",
  },
  "ALL /api/v1/organizer/*": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: "/api/v1/organizer/nothing",
  },
  "GET /api/v1/organizer/consultations": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: "/api/v1/organizer/consultations",
  },
  "POST /api/v1/organizer/consultations": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: "/api/v1/organizer/consultations",
    body: {},
  },
  "GET /api/v1/organizer/consultations/:id": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/consultations/${ID}`,
  },
  "PUT /api/v1/organizer/consultations/:id/draft": {
    allowed: ["organizer", "admin"],
    method: "PUT",
    path: `/api/v1/organizer/consultations/${ID}/draft`,
    body: {},
  },
  "POST /api/v1/organizer/consultations/:id/status": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: `/api/v1/organizer/consultations/${ID}/status`,
    body: {},
  },
  "POST /api/v1/organizer/enrolment-codes": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: "/api/v1/organizer/enrolment-codes",
    body: {},
  },
  "GET /api/v1/organizer/devices": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: "/api/v1/organizer/devices",
  },
  "POST /api/v1/organizer/devices/:id/revoke": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: `/api/v1/organizer/devices/${ID}/revoke`,
  },
  "POST /api/v1/devices/enrol": {
    allowed: EVERYONE,
    method: "POST",
    path: "/api/v1/devices/enrol",
    body: {},
  },
  "GET /api/v1/organizer/consultations/:id/dashboard": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/consultations/${ID}/dashboard`,
  },
  "GET /api/v1/organizer/consultations/:id/export": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/consultations/${ID}/export`,
  },
  "POST /api/v1/organizer/consultations/:id/dispositions": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: `/api/v1/organizer/consultations/${ID}/dispositions`,
    body: {},
  },
  "GET /api/v1/organizer/consultations/:id/inputs": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/consultations/${ID}/inputs`,
  },
  "GET /api/v1/organizer/consultations/:id/prompts": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/consultations/${ID}/prompts`,
  },
  "PUT /api/v1/organizer/consultations/:id/prompts": {
    allowed: ["organizer", "admin"],
    method: "PUT",
    path: `/api/v1/organizer/consultations/${ID}/prompts`,
    body: {},
  },
  "DELETE /api/v1/organizer/consultations/:id/prompts": {
    allowed: ["organizer", "admin"],
    method: "DELETE",
    path: `/api/v1/organizer/consultations/${ID}/prompts?target=intro&language=es`,
  },
  "GET /api/v1/public/consultations/:id/prompts": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/consultations/${ID}/prompts`,
  },
  "GET /api/v1/public/prompts/:id": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/prompts/${ID}`,
  },
  "GET /api/v1/organizer/media/:id": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/media/${ID}`,
  },
  "GET /api/v1/organizer/inputs/:inputId/history": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/inputs/${ID}/history`,
  },
  "PUT /api/v1/organizer/inputs/:inputId/review": {
    allowed: ["organizer", "admin"],
    method: "PUT",
    path: `/api/v1/organizer/inputs/${ID}/review`,
    body: { publishable: true },
  },
  "GET /api/v1/public/signing-key": {
    allowed: EVERYONE,
    method: "GET",
    path: "/api/v1/public/signing-key",
  },
  "GET /api/v1/public/consultations/:id": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/consultations/${ID}`,
  },
  "GET /api/v1/public/consultations/:id/inputs": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/consultations/${ID}/inputs`,
  },
  "GET /api/v1/public/consultations/:id/datapackage.zip": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/consultations/${ID}/datapackage.zip`,
  },
  "GET /api/v1/public/catalogue": { allowed: EVERYONE, method: "GET", path: "/api/v1/public/catalogue" },
  "GET /api/v1/officer/requests": { allowed: ["officer"], method: "GET", path: "/api/v1/officer/requests" },
  "GET /api/v1/officer/requests/:id": {
    allowed: ["officer"],
    method: "GET",
    path: `/api/v1/officer/requests/${ID}`,
  },
  "GET /api/v1/public/commitments": { allowed: EVERYONE, method: "GET", path: "/api/v1/public/commitments" },
  "GET /api/v1/public/commitments/:id": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/commitments/${ID}`,
  },
  "GET /api/v1/public/commitments/:id/updates.atom": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/commitments/${ID}/updates.atom`,
  },
  "GET /api/v1/public/commitments/:id/datapackage.zip": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/commitments/${ID}/datapackage.zip`,
  },
  "GET /api/v1/public/drafts": { allowed: EVERYONE, method: "GET", path: "/api/v1/public/drafts" },
  "GET /api/v1/public/drafts/:id": { allowed: EVERYONE, method: "GET", path: `/api/v1/public/drafts/${ID}` },
  "GET /api/v1/public/drafts/:id/changes": {
    allowed: EVERYONE,
    method: "GET",
    path: `/api/v1/public/drafts/${ID}/changes?from=1&to=2`,
  },
  "POST /api/v1/public/drafts/:id/comments": {
    allowed: EVERYONE,
    method: "POST",
    path: `/api/v1/public/drafts/${ID}/comments`,
    body: {},
  },
  "POST /api/v1/organizer/drafts": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: "/api/v1/organizer/drafts",
    body: {},
  },
  "GET /api/v1/organizer/drafts": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: "/api/v1/organizer/drafts",
  },
  "GET /api/v1/organizer/drafts/:id": {
    allowed: ["organizer", "admin"],
    method: "GET",
    path: `/api/v1/organizer/drafts/${ID}`,
  },
  "PUT /api/v1/organizer/drafts/:id/sections": {
    allowed: ["organizer", "admin"],
    method: "PUT",
    path: `/api/v1/organizer/drafts/${ID}/sections`,
    body: {},
  },
  "POST /api/v1/organizer/drafts/:id/publish": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: `/api/v1/organizer/drafts/${ID}/publish`,
    body: {},
  },
  "POST /api/v1/organizer/drafts/:id/next": {
    allowed: ["organizer", "admin"],
    method: "POST",
    path: `/api/v1/organizer/drafts/${ID}/next`,
    body: {},
  },
  "PUT /api/v1/organizer/draft-comments/:id/response": {
    allowed: ["organizer", "admin"],
    method: "PUT",
    path: `/api/v1/organizer/draft-comments/${ID}/response`,
    body: {},
  },
  "POST /api/v1/officer/milestones/:id/updates": {
    allowed: ["officer"],
    method: "POST",
    path: `/api/v1/officer/milestones/${ID}/updates`,
    body: {},
  },
  "POST /api/v1/officer/requests/:id/actions": {
    allowed: ["officer"],
    method: "POST",
    path: `/api/v1/officer/requests/${ID}/actions`,
    body: {},
  },
  "GET /api/v1/officer/requests/:id/files/:fileId": {
    allowed: ["officer"],
    method: "GET",
    path: `/api/v1/officer/requests/${ID}/files/${ID}`,
  },
  "ALL /api/v1/uploads": {
    allowed: ["officer", "civil_society", "organizer", "admin"],
    method: "POST",
    path: "/api/v1/uploads",
    headers: { "tus-resumable": "1.0.0", "upload-length": "10" },
  },
  "ALL /api/v1/uploads/:id": TUS_PATCH,
  // The load-shedding middleware in front of the uploads.
  "ALL /api/v1/uploads/*": TUS_PATCH,
  "ALL /api/v1/civil-society/*": {
    allowed: ["civil_society"],
    method: "GET",
    path: "/api/v1/civil-society/nothing-here",
  },
  "GET /api/v1/civil-society/updates": {
    allowed: ["civil_society"],
    method: "GET",
    path: "/api/v1/civil-society/updates",
  },
  "POST /api/v1/civil-society/milestones/:id/updates": {
    allowed: ["civil_society"],
    method: "POST",
    path: `/api/v1/civil-society/milestones/${ID}/updates`,
    body: {},
  },
  "ALL /api/*": { allowed: EVERYONE, method: "GET", path: "/api/v2/nothing" },
};

let server: TestServer;
const cookies: Partial<Record<Who, string>> = {};
const PASSWORD = "cada ruta declara su rol";

beforeAll(async () => {
  server = await startTestServer({
    requests: {
      filingLimit: { limit: 1_000, windowMs: 60_000 },
      statusLimit: { limit: 1_000, windowMs: 60_000 },
    },
  });
  const institutionId = seededInstitution("MINFIN").id;
  for (const role of ["organizer", "officer", "admin", "civil_society"] as const) {
    const email = `${role}@roles.gob.gt`;
    await createUser(
      server.storage.db,
      {
        email,
        name: role,
        role,
        password: PASSWORD,
        ...(role === "officer" ? { institutionId } : {}),
        ...(role === "civil_society" ? { organisation: "Red Ciudadana" } : {}),
      },
      new Date(),
    );
    cookies[role] = await signIn(server.url, email, PASSWORD);
  }
});
afterAll(() => server.dispose());

describe("route × role", () => {
  it("has a line for every API route the app serves", () => {
    const app = createApp({
      db: server.storage.db,
      logger: createLogger("silent"),
      maxBodyBytes: 1_000,
      filesDir: server.dataDir,
    });
    const served = [...new Set(app.routes.map((route) => `${route.method} ${route.path}`))].filter((key) =>
      key.includes("/api/"),
    );
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const order = Object.entries(MATRIX).sort(
    ([a], [b]) => Number(a.includes("logout")) - Number(b.includes("logout")),
  );
  for (const [route, { allowed, method, path, body, headers, deviceOnly }] of order) {
    it(`${route}: ${allowed.join(", ")}`, async () => {
      for (const who of EVERYONE) {
        const response = await fetch(server.url + path, {
          method,
          headers: {
            ...(body === undefined ? {} : { "content-type": "application/json" }),
            ...(cookies[who as Exclude<Who, "anonymous">]
              ? { cookie: cookies[who as Exclude<Who, "anonymous">]! }
              : {}),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const expected = allowed.includes(who) ? "in" : deviceOnly || who === "anonymous" ? 401 : 403;
        // A refusal for who you are: the auth problems (JSON) or tus's plain-text ones. A login's own 401
        // for a wrong password is the route at work, not a refusal.
        const text = await response.text();
        const refused =
          (response.status === 401 || response.status === 403) &&
          /urn:tejido:problem:(unauthenticated|forbidden|device-unknown)|Sign in first|may not upload/.test(
            text,
          );
        const got = refused ? response.status : "in";
        expect(got, `${who} → ${method} ${path} answered ${response.status}`).toBe(expected);
      }
    });
  }
});
