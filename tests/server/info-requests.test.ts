// Information requests over real HTTP: anonymous filing (idempotent), status without enumeration,
// the officer's workflow with its audit log and files, referral, appeal, statistics, admins' catalogues.
import { createHash } from "node:crypto";
import { uuidv7 } from "uuidv7";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseFolio } from "../../src/domain/requests/folio";
import type { PublicRequestStatus } from "../../src/domain/requests/info-request";
import { createUser } from "../../src/server/auth/accounts-store";
import { makeRequest, postJson, seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { uploadFile } from "../support/tus";

let server: TestServer;
// Wednesday 25 November 2026, 09:00 in Guatemala.
let clock = Date.parse("2026-11-25T15:00:00Z");
const now = () => new Date(clock);
const PASSWORD = "solicitudes de acceso 2026";
const minfin = seededInstitution("MINFIN");
const mineduc = seededInstitution("MINEDUC");
let officerCookie: string;
let adminCookie: string;

beforeAll(async () => {
  server = await startTestServer({
    now,
    // Many status checks and replies from one address: the limit is tested on a server of its own below.
    requests: {
      filingLimit: { limit: 1_000, windowMs: 60_000 },
      statusLimit: { limit: 1_000, windowMs: 60_000 },
    },
    // 200 filings at once: what is tested is the folio allocation, not the shedding of overload.
    load: { maxInFlight: 1_000, retryAfterSeconds: 5 },
  });
  const db = server.storage.db;
  await createUser(
    db,
    {
      email: "oficial@minfin.gob.gt",
      name: "Oficial MINFIN",
      role: "officer",
      institutionId: minfin.id,
      password: PASSWORD,
    },
    now(),
  );
  await createUser(
    db,
    {
      email: "oficial@mineduc.gob.gt",
      name: "Oficial MINEDUC",
      role: "officer",
      institutionId: mineduc.id,
      password: PASSWORD,
    },
    now(),
  );
  await createUser(db, { email: "admin@tejido.gt", name: "Admin", role: "admin", password: PASSWORD }, now());
  await createUser(
    db,
    { email: "org@segeplan.gob.gt", name: "Org", role: "organizer", password: PASSWORD },
    now(),
  );
});
afterAll(() => server.dispose());
// Sessions end after 12 idle hours of the server's clock, which some tests move by weeks: sign in afresh.
beforeEach(async () => {
  officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
  adminCookie = await signIn(server.url, "admin@tejido.gt", PASSWORD);
});

const api = (path: string) => `${server.url}/api/v1${path}`;
const file = (body: unknown) => postJson(api("/requests"), body);
const status = (folio: string, trackingCode: string) =>
  postJson(api("/requests/status"), { folio, trackingCode });
const act = (id: string, action: unknown, cookie = officerCookie) =>
  postJson(api(`/officer/requests/${id}/actions`), action, cookie);
const withoutInstance = ({ instance: _instance, ...rest }: Record<string, unknown>) => rest;
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

async function fileOne(overrides = {}) {
  const request = makeRequest(overrides);
  const response = await file(request);
  expect(response.status).toBe(201);
  return {
    request,
    filed: (await response.json()) as { id: string; folio: string; dueDate: string; receivedAt: string },
  };
}

describe("institutions", () => {
  it("lists the seeded ministries and the 340 municipalities, revalidated with an ETag", async () => {
    const response = await fetch(api("/institutions"));
    const { institutions } = (await response.json()) as { institutions: { kind: string; acronym: string }[] };
    expect(institutions.filter((i) => i.kind === "municipality")).toHaveLength(340);
    expect(institutions.filter((i) => i.kind === "ministry")).toHaveLength(14);
    const again = await fetch(api("/institutions"), {
      headers: { "if-none-match": response.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });
});

describe("filing a request without an account", () => {
  it("gives a folio and a due date by server time, and the same answer to a re-send", async () => {
    const request = makeRequest({ createdAt: "2020-01-01T00:00:00.000Z" });
    const first = await file(request);
    expect(first.status).toBe(201);
    const filed = await first.json();
    expect(filed.folio).toMatch(/^MINFIN-2026-\d{6}$/);
    // Received Wednesday 25 Nov 2026 09:00: ten business days → Wednesday 9 December (the phone's 2020 clock is ignored).
    expect(filed.dueDate).toBe("2026-12-09");
    expect(filed.receivedAt).toBe(now().toISOString());
    const again = await file(request);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(filed);
  });

  it("refuses the same id with other content, and keeps the first", async () => {
    const { request, filed } = await fileOne();
    const response = await file({ ...request, description: "Otra cosa completamente distinta." });
    expect(response.status).toBe(409);
    expect((await response.json()).type).toBe("urn:tejido:problem:request-conflict");
    expect((await status(filed.folio, request.trackingCode)).status).toBe(200);
  });

  it("answers bad fields with a pointer per field and stores nothing", async () => {
    const count = async () =>
      Number(
        (
          await server.storage.db
            .selectFrom("info_requests")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const empty = await file(makeRequest({ description: "   ", requesterName: "", trackingCode: "corto" }));
    expect(empty.status).toBe(422);
    expect(empty.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const pointers = ((await empty.json()).errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/description", "/requesterName", "/trackingCode"]);
    const unknown = await file(makeRequest({ institutionId: "0190a000-0000-7000-8000-000000000000" }));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).type).toBe("urn:tejido:problem:unknown-institution");
    expect(await count()).toBe(before);
  });

  it("never asks for reasons: an unknown field such as a motive is refused, not stored", async () => {
    const response = await file({ ...makeRequest(), motivo: "para una investigación" });
    expect(response.status).toBe(422);
  });

  it("hands out gapless folios to 200 concurrent submissions over HTTP", async () => {
    const institution = seededInstitution("MUNI0101");
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => file(makeRequest({ institutionId: institution.id }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const sequences = (await Promise.all(responses.map((r) => r.json())))
      .map(({ folio }) => parseFolio(folio)!)
      .map(({ sequence }) => sequence)
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});

describe("status by folio and tracking code", () => {
  it("shows status and history to folio + code, typed loosely, and nothing personal", async () => {
    const { request, filed } = await fileOne({ contactEmail: "maria@example.org" });
    const typed = request.trackingCode.toLowerCase().replaceAll("-", " ");
    const response = await status(filed.folio.toLowerCase(), typed);
    expect(response.status).toBe(200);
    const view = (await response.json()) as PublicRequestStatus;
    expect(view).toMatchObject({
      folio: filed.folio,
      status: "received",
      dueDate: "2026-12-09",
      overdue: false,
    });
    expect(view.institution.acronym).toBe("MINFIN");
    expect(view.history.map((h) => h.event)).toEqual(["filed"]);
    expect(JSON.stringify(view)).not.toContain("maria@example.org");
    expect(JSON.stringify(view)).not.toContain(request.requesterName);
  });

  it("answers a wrong code exactly like a folio that does not exist", async () => {
    const { filed } = await fileOne();
    const wrong = await status(filed.folio, makeRequest().trackingCode);
    const missing = await status("MINFIN-2026-999999", makeRequest().trackingCode);
    const garbage = await status("no es un folio", "x");
    for (const response of [wrong, missing, garbage]) expect(response.status).toBe(404);
    const bodies = await Promise.all(
      [wrong, missing, garbage].map(async (r) => withoutInstance(await r.json())),
    );
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[1]).toEqual(bodies[2]);
  });

  it("rate-limits status queries per address", async () => {
    const limited = await startTestServer({ requests: { statusLimit: { limit: 5, windowMs: 60_000 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        codes.push(
          (
            await postJson(`${limited.url}/api/v1/requests/status`, {
              folio: `MINFIN-2026-00000${i}`,
              trackingCode: "AAAA-AAAA-AAAA-AAAA",
            })
          ).status,
        );
      }
      expect(codes).toEqual([404, 404, 404, 404, 404, 429, 429]);
      const refused = await postJson(`${limited.url}/api/v1/requests/status`, {
        folio: "x",
        trackingCode: "y",
      });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.dispose();
    }
  });
});

describe("the officer's workflow", () => {
  it("keeps officers to their institution and other roles out", async () => {
    const { filed } = await fileOne();
    const other = await signIn(server.url, "oficial@mineduc.gob.gt", PASSWORD);
    expect((await fetch(api(`/officer/requests/${filed.id}`), { headers: { cookie: other } })).status).toBe(
      404,
    );
    expect((await act(filed.id, { action: "start" }, other)).status).toBe(404);
    const organizer = await signIn(server.url, "org@segeplan.gob.gt", PASSWORD);
    expect((await fetch(api("/officer/requests"), { headers: { cookie: organizer } })).status).toBe(403);
    expect((await fetch(api("/officer/requests"))).status).toBe(401);
    expect((await fetch(api("/admin/institutions"), { headers: { cookie: officerCookie } })).status).toBe(
      403,
    );
  });

  it("extends once, answers with a verified file, and the citizen sees it all", async () => {
    const { request, filed } = await fileOne();
    expect((await act(filed.id, { action: "start" })).status).toBe(200);
    const extended = await act(filed.id, {
      action: "extend",
      days: 10,
      reason: "Hay que reunir datos de 340 municipalidades.",
    });
    expect(extended.status).toBe(200);
    expect((await extended.json()).request.dueDate).toBe("2026-12-23");
    const twice = await act(filed.id, { action: "extend", days: 2, reason: "Otra vez por favor." });
    expect(twice.status).toBe(409);

    const bytes = new TextEncoder().encode("municipio,monto\nNebaj,1234.50\n");
    const attachmentId = await uploadFile(
      server.url,
      officerCookie,
      "presupuesto ñandú.csv",
      "text/csv",
      bytes,
    );

    const answered = await act(filed.id, {
      action: "answer",
      outcome: "delivered",
      text: "Adjuntamos el presupuesto ejecutado.",
      attachmentIds: [attachmentId],
    });
    expect(answered.status).toBe(200);
    const afterAnswer = await act(filed.id, {
      action: "deny",
      ground: "reserved",
      legalBasis: "Art. 23",
      text: "No se puede.",
    });
    expect(afterAnswer.status).toBe(409);

    const view = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(view.status).toBe("delivered");
    expect(view.extendedDueDate).toBe("2026-12-23");
    // Seeing the answer on the status page is the notification (LAIP Art. 54): it starts the appeal window.
    expect(view.history.map((h) => h.event)).toEqual(["filed", "start", "extend", "answer", "notified"]);
    expect(view.answer?.notifiedAt).toBe(now().toISOString());
    expect(view.answer?.files).toEqual([
      expect.objectContaining({ name: "presupuesto ñandú.csv", sha256: sha256(bytes), size: bytes.length }),
    ]);
    expect(view.appeal).toMatchObject({ open: true });

    const download = await postJson(api(`/requests/files/${attachmentId}`), {
      folio: filed.folio,
      trackingCode: request.trackingCode,
    });
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));
    const stranger = await postJson(api(`/requests/files/${attachmentId}`), {
      folio: filed.folio,
      trackingCode: makeRequest().trackingCode,
    });
    expect(stranger.status).toBe(404);

    // The audit log names the officer on every change.
    const log = await server.storage.db
      .selectFrom("request_events")
      .select(["event", "actor", "actor_id"])
      .where("request_id", "=", filed.id)
      .orderBy("id")
      .execute();
    expect(log.filter((e) => e.actor === "officer").every((e) => e.actor_id !== null)).toBe(true);
  });

  it("requires the legal basis of a denial", async () => {
    const { filed } = await fileOne();
    const bare = await act(filed.id, {
      action: "deny",
      ground: "reserved",
      text: "Es información reservada.",
    });
    expect(bare.status).toBe(422);
    expect(((await bare.json()).errors as { pointer: string }[]).map((e) => e.pointer)).toContain(
      "/legalBasis",
    );
    const denied = await act(filed.id, {
      action: "deny",
      ground: "reserved",
      legalBasis: "LAIP Art. 23, inciso 1",
      text: "Es información reservada.",
    });
    expect(denied.status).toBe(200);
  });

  it("refuses an extension once the first term has ended", async () => {
    const { filed } = await fileOne();
    const saved = clock;
    clock = Date.parse("2026-12-10T15:00:00Z");
    officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
    try {
      const inboxResponse = await fetch(api("/officer/requests"), { headers: { cookie: officerCookie } });
      const item = ((await inboxResponse.json()).requests as { id: string; overdue: boolean }[]).find(
        (r) => r.id === filed.id,
      );
      expect(item?.overdue).toBe(true);
      expect((await act(filed.id, { action: "extend", days: 5, reason: "Demasiado tarde ya." })).status).toBe(
        409,
      );
    } finally {
      clock = saved;
    }
  });

  it("refers a request: the other institution gets its own folio, the original date and the same code", async () => {
    const { request, filed } = await fileOne();
    const referred = await act(filed.id, {
      action: "refer",
      institutionId: mineduc.id,
      text: "La información la tiene el Ministerio de Educación.",
    });
    expect(referred.status).toBe(200);
    const view = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(view.status).toBe("referred");
    expect(view.referredTo?.folio).toMatch(/^MINEDUC-2026-/);
    const moved = (await (
      await status(view.referredTo!.folio, request.trackingCode)
    ).json()) as PublicRequestStatus;
    expect(moved).toMatchObject({
      status: "received",
      receivedAt: filed.receivedAt,
      dueDate: filed.dueDate,
      answer: null,
    });
    expect(moved.appeal.filedAt).toBeNull();
  });

  it("lists the inbox with open requests first by due date, flagging those at risk", async () => {
    const saved = clock;
    clock = Date.parse("2026-12-07T15:00:00Z"); // Monday; a request of 25 Nov is due Wed 9 Dec.
    officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
    try {
      const { requests } = (await (
        await fetch(api("/officer/requests"), { headers: { cookie: officerCookie } })
      ).json()) as {
        requests: { dueDate: string; status: string; atRisk: boolean; overdue: boolean }[];
      };
      const open = requests.filter(
        (r) =>
          !["delivered", "partly_delivered", "denied", "not_held", "referred", "withdrawn"].includes(
            r.status,
          ),
      );
      expect(open.length).toBeGreaterThan(0);
      expect(requests.slice(0, open.length)).toEqual(open);
      const dues = open.map((r) => r.dueDate);
      expect(dues).toEqual([...dues].sort());
      expect(open.filter((r) => r.dueDate === "2026-12-09").every((r) => r.atRisk && !r.overdue)).toBe(true);
    } finally {
      clock = saved;
    }
  });
});

describe("two officers at once", () => {
  it("applies one of two simultaneous referrals and refuses the other, leaving one copy", async () => {
    const { filed } = await fileOne();
    const refer = () =>
      act(filed.id, {
        action: "refer",
        institutionId: mineduc.id,
        text: "La tiene el Ministerio de Educación.",
      });
    const statuses = (await Promise.all([refer(), refer(), refer()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const copies = await server.storage.db
      .selectFrom("info_requests")
      .select("id")
      .where("referred_from", "=", filed.id)
      .execute();
    expect(copies).toHaveLength(1);
  });

  it("extends only once when two extensions arrive together", async () => {
    const { filed } = await fileOne();
    const extend = (days: number) =>
      act(filed.id, { action: "extend", days, reason: "Falta reunir los datos." });
    const statuses = (await Promise.all([extend(10), extend(5)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const events = await server.storage.db
      .selectFrom("request_events")
      .select("event")
      .where("request_id", "=", filed.id)
      .where("event", "=", "extend")
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe("appeals", () => {
  it("opens an appeal against silence once the term passes unanswered, for 15 business days", async () => {
    const { request, filed } = await fileOne(); // due Wednesday 9 December 2026
    const appeal = () =>
      postJson(api("/requests/appeal"), {
        folio: filed.folio,
        trackingCode: request.trackingCode,
        reason: "No me respondieron a tiempo.",
      });
    const saved = clock;
    try {
      clock = Date.parse("2026-12-09T20:00:00Z"); // the last day: not yet
      expect((await appeal()).status).toBe(409);
      clock = Date.parse("2027-01-04T15:00:00Z"); // past 15 business days after 9 Dec (30 Dec), with the holidays
      expect(
        ((await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus).appeal,
      ).toMatchObject({ open: false, until: "2026-12-31" });
      clock = Date.parse("2026-12-10T15:00:00Z");
      const view = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
      expect(view).toMatchObject({ overdue: true, appeal: { open: true, until: "2026-12-31" } });
      expect((await appeal()).status).toBe(201);
    } finally {
      clock = saved;
    }
  });

  it("counts the appeal window from when the requester saw the answer, not from when it was recorded", async () => {
    const { request, filed } = await fileOne();
    const saved = clock;
    try {
      // Recorded on Friday 27 November 2026 (09:00 in Guatemala)…
      clock = Date.parse("2026-11-27T15:00:00Z");
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
      expect((await act(filed.id, { action: "not-held", text: "No consta en los archivos." })).status).toBe(
        200,
      );
      const officer = async () =>
        (
          await (
            await fetch(api(`/officer/requests/${filed.id}`), { headers: { cookie: officerCookie } })
          ).json()
        ).request;
      expect(await officer()).toMatchObject({ notifiedAt: null });
      // …first read on the status page on Tuesday 1 December: 15 business days from there are 2, 3, 4, 7 … 11,
      // 14 … 18, 21, 22 December (24 December is a half day, still a business day, but the count ends first).
      clock = Date.parse("2026-12-01T16:00:00Z");
      const seen = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
      expect(seen.appeal).toMatchObject({ open: true, until: "2026-12-22" });
      expect(seen.terms).toEqual([{ kind: "appeal", article: "54", until: "2026-12-22", overdue: false }]);
      expect(seen.answer?.notifiedAt).toBe("2026-12-01T16:00:00.000Z");
      // Counted from the recording it would have ended on 18 December. Reading it again changes nothing.
      clock = Date.parse("2026-12-03T16:00:00Z");
      const again = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
      expect(again.appeal.until).toBe("2026-12-22");
      expect(again.history.filter((h) => h.event === "notified")).toHaveLength(1);
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
      expect(await officer()).toMatchObject({
        notifiedAt: "2026-12-01T16:00:00.000Z",
        notifiedVia: "status-page",
      });
    } finally {
      clock = saved;
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
    }
  });

  it("records an answer handed over in person as its notification, once", async () => {
    const { request, filed } = await fileOne();
    expect(
      (await act(filed.id, { action: "answer", outcome: "delivered", text: "Se entregó en papel." })).status,
    ).toBe(200);
    const handed = await act(filed.id, {
      action: "notify",
      text: "Entregada en la ventanilla a la solicitante.",
    });
    expect(handed.status).toBe(200);
    expect((await handed.json()).request).toMatchObject({
      notifiedAt: now().toISOString(),
      notifiedVia: "in-person",
    });
    expect((await act(filed.id, { action: "notify", text: "Otra vez." })).status).toBe(409);
    const seen = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(seen.history.map((h) => h.event)).toEqual(["filed", "answer", "notify"]);
  });

  it("files one appeal within 15 business days of the answer, and none after", async () => {
    const { request, filed } = await fileOne();
    expect(
      (await act(filed.id, { action: "not-held", text: "Esta información no existe en el ministerio." }))
        .status,
    ).toBe(200);
    // The requester reads the answer the same day: notified on 25 November.
    expect((await status(filed.folio, request.trackingCode)).status).toBe(200);
    const appeal = (reason: string) =>
      postJson(api("/requests/appeal"), { folio: filed.folio, trackingCode: request.trackingCode, reason });
    const saved = clock;
    try {
      clock = Date.parse("2026-12-17T15:00:00Z"); // the answer of 25 Nov: window until 16 Dec
      expect((await appeal("La información debería existir por ley.")).status).toBe(409);
      clock = Date.parse("2026-12-16T15:00:00Z");
      const filedAppeal = await appeal("La información debería existir por ley.");
      expect(filedAppeal.status).toBe(201);
      expect(((await filedAppeal.json()) as PublicRequestStatus).appeal.filedAt).toBe(now().toISOString());
      expect((await appeal("Otra vez el mismo recurso.")).status).toBe(409);
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
      const resolved = await act(filed.id, {
        action: "resolve-appeal",
        outcome: "overturned",
        text: "Se ordena buscar de nuevo.",
      });
      expect(resolved.status).toBe(200);
      // Overturned: back in process, to be answered again; the overturned answer is no longer shown.
      expect((await resolved.json()).request.status).toBe("in_process");
      const reopened = (await (
        await status(filed.folio, request.trackingCode)
      ).json()) as PublicRequestStatus;
      expect(reopened.answer).toBeNull();
      const again = await act(filed.id, {
        action: "answer",
        outcome: "delivered",
        text: "Encontramos la información y la entregamos.",
      });
      expect(again.status).toBe(200);
    } finally {
      clock = saved;
    }
  });
});

describe("statistics", () => {
  it("counts per institution, as JSON and as CSV", async () => {
    const response = await fetch(api("/statistics/requests?year=2026"));
    const { institutions } = (await response.json()) as {
      institutions: {
        acronym: string;
        received: number;
        answeredOnTime: number;
        answeredLate: number;
        denied: number;
      }[];
    };
    const row = institutions.find((i) => i.acronym === "MINFIN")!;
    expect(row.received).toBeGreaterThanOrEqual(8);
    // Answered in time: the delivered one, the denial, the referral's source is not an answer; the reopened appeal answered late.
    expect(row.answeredOnTime).toBeGreaterThanOrEqual(2);
    expect(row.answeredLate).toBeGreaterThanOrEqual(1);
    expect(row.denied).toBe(1);
    const bytes = new Uint8Array(
      await (await fetch(api("/statistics/requests?year=2026&format=csv&bom=1"))).arrayBuffer(),
    );
    // Response#text() would drop the byte order mark, so the bytes are read as they came.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
    expect(csv.startsWith("institucion,siglas,recibidas")).toBe(true);
    expect(csv).toContain(`Ministerio de Finanzas Públicas,MINFIN,${row.received},`);
    // The statistics are listed in the open-data catalogue.
    const { statistics } = (await (await fetch(api("/public/catalogue"))).json()) as {
      statistics: { csv: string; license: { name: string } };
    };
    expect(statistics).toMatchObject({
      csv: "/api/v1/statistics/requests?format=csv",
      license: { name: "CC-BY-4.0" },
    });
  });
});

describe("admins keep the catalogues", () => {
  it("adds, refuses a taken acronym, and deactivates an institution", async () => {
    const create = (body: unknown) => postJson(api("/admin/institutions"), body, adminCookie);
    const body = {
      name: "Registro de Información Catastral",
      acronym: "RIC",
      kind: "other",
      territoryCode: null,
      active: true,
    };
    const created = await create(body);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await create({ ...body, name: "Otro" })).status).toBe(409);
    await fileOne({ institutionId: id });
    const off = await fetch(api(`/admin/institutions/${id}`), {
      method: "PUT",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: JSON.stringify({ ...body, active: false }),
    });
    expect(off.status).toBe(200);
    const { institutions } = (await (await fetch(api("/institutions"))).json()) as {
      institutions: { id: string }[];
    };
    expect(institutions.some((i) => i.id === id)).toBe(false);
    expect((await file(makeRequest({ institutionId: id }))).status).toBe(422);
    // Its acronym already prefixes a folio: it may not change.
    const renamed = await fetch(api(`/admin/institutions/${id}`), {
      method: "PUT",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: JSON.stringify({ ...body, acronym: "RICGT" }),
    });
    expect(renamed.status).toBe(409);
    expect((await renamed.json()).errors).toEqual([{ pointer: "/acronym", code: "in-use" }]);
  });

  it("counts a holiday an admin adds in new due dates", async () => {
    const put = await fetch(api("/admin/holidays/2026-12-01"), {
      method: "PUT",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: JSON.stringify({ kind: "full", name: "Feria patronal (prueba)" }),
    });
    expect(put.status).toBe(200);
    const { filed } = await fileOne();
    expect(filed.dueDate).toBe("2026-12-10");
    expect(
      (await fetch(api("/admin/holidays/2026-12-01"), { method: "DELETE", headers: { cookie: adminCookie } }))
        .status,
    ).toBe(204);
  });

  it("moves the terms still running through a closure added later, and back when it is removed", async () => {
    // Filed Wednesday 25 November 2026 at 09:00: due 9 December. Another extended by 5 days: 10, 11, 14, 15, 16.
    const { request, filed } = await fileOne();
    const other = await fileOne();
    expect(
      (await act(other.filed.id, { action: "extend", days: 5, reason: "Faltan datos de dos sedes." })).status,
    ).toBe(200);
    // A third, answered already: an answered request's dates are history.
    const closed = await fileOne();
    expect((await act(closed.filed.id, { action: "not-held", text: "No consta en archivos." })).status).toBe(
      200,
    );
    const closure = (method: string) =>
      fetch(api("/admin/holidays/2026-12-03"), {
        method,
        headers: { cookie: adminCookie, "content-type": "application/json" },
        ...(method === "PUT"
          ? { body: JSON.stringify({ kind: "full", name: "Duelo nacional decretado" }) }
          : {}),
      });
    const put = await closure("PUT");
    try {
      expect(put.status).toBe(200);
      expect((await put.json()).movedTerms).toBeGreaterThanOrEqual(2);
      // 3 December closed: 26, 27, 30 Nov, 1, 2, 4, 7, 8, 9, 10 → 10 December; the extension 11, 14 … 17.
      const seen = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
      expect(seen.dueDate).toBe("2026-12-10");
      expect(seen.history.at(-1)).toMatchObject({ event: "term-moved", note: "Duelo nacional decretado" });
      const extended = (await (
        await status(other.filed.folio, other.request.trackingCode)
      ).json()) as PublicRequestStatus;
      expect(extended).toMatchObject({ dueDate: "2026-12-10", extendedDueDate: "2026-12-17" });
      const untouched = (await (
        await status(closed.filed.folio, closed.request.trackingCode)
      ).json()) as PublicRequestStatus;
      expect(untouched.history.map((h) => h.event)).not.toContain("term-moved");
    } finally {
      expect((await closure("DELETE")).status).toBe(204);
    }
    const back = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(back.dueDate).toBe("2026-12-09");
    expect(back.history.filter((h) => h.event === "term-moved")).toHaveLength(2);
  });

  it("counts from each institution's own closing time, and names who decides its appeals", async () => {
    const settings = (body: Record<string, unknown>) =>
      fetch(api(`/admin/institutions/${mineduc.id}`), {
        method: "PUT",
        headers: { cookie: adminCookie, "content-type": "application/json" },
        body: JSON.stringify({
          name: mineduc.name,
          acronym: mineduc.acronym,
          kind: "ministry",
          territoryCode: null,
          active: true,
          ...body,
        }),
      });
    const bad = await settings({ officeCloses: "25:00" });
    expect(bad.status).toBe(422);
    const saved = await settings({ officeCloses: "15:00", highestAuthority: "Ministra de Educación" });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ officeCloses: "15:00", halfDayCloses: null });
    // Leaving the settings out of an edit keeps them.
    expect(await (await settings({})).json()).toMatchObject({ highestAuthority: "Ministra de Educación" });
    const savedClock = clock;
    try {
      // Wednesday 25 November 2026 at 15:30: past MINEDUC's 15:00, so it counts from Thursday 26 (27, 30,
      // 1 … 4, 7 … 10 December); still before the usual 16:30 at MINFIN (26, 27, 30, 1 … 4, 7, 8, 9).
      clock = Date.parse("2026-11-25T21:30:00Z");
      const { request, filed } = await fileOne({ institutionId: mineduc.id });
      expect(filed.dueDate).toBe("2026-12-10");
      expect((await fileOne({ institutionId: minfin.id })).filed.dueDate).toBe("2026-12-09");
      const seen = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
      expect(seen.institution.highestAuthority).toBe("Ministra de Educación");
    } finally {
      clock = savedClock;
      expect((await settings({ officeCloses: null, highestAuthority: null })).status).toBe(200);
    }
  });

  it("counts a municipality's fair and one institution's closure only where they apply", async () => {
    const put = (date: string, body: unknown) =>
      fetch(api(`/admin/holidays/${date}`), {
        method: "PUT",
        headers: { cookie: adminCookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const remove = (date: string, scope: string) =>
      fetch(api(`/admin/holidays/${date}?scope=${encodeURIComponent(scope)}`), {
        method: "DELETE",
        headers: { cookie: adminCookie },
      });
    const nebaj = seededInstitution("MUNI1413");
    const capital = seededInstitution("MUNI0101");
    expect(
      (await put("2026-12-01", { kind: "full", name: "Feria de Nebaj (prueba)", scope: "municipality:1413" }))
        .status,
    ).toBe(200);
    expect(
      (
        await put("2026-12-02", {
          kind: "full",
          name: "Traslado de oficinas",
          scope: `institution:${mineduc.id}`,
        })
      ).status,
    ).toBe(200);
    // Filed Wednesday 25 November 2026 at 09:00: 26, 27, 30 November, 1 … 4, 7, 8, 9 December; one day more
    // where a closure falls in between.
    expect((await fileOne({ institutionId: nebaj.id })).filed.dueDate).toBe("2026-12-10");
    expect((await fileOne({ institutionId: capital.id })).filed.dueDate).toBe("2026-12-09");
    expect((await fileOne({ institutionId: mineduc.id })).filed.dueDate).toBe("2026-12-10");
    expect((await fileOne({ institutionId: minfin.id })).filed.dueDate).toBe("2026-12-09");

    // A place there is not, and a day there is not, are refused.
    const nowhere = await put("2026-12-03", { kind: "full", name: "Feria", scope: "municipality:9999" });
    expect(nowhere.status).toBe(422);
    expect((await nowhere.json()).errors).toEqual([{ pointer: "/scope", code: "unknown" }]);
    expect((await put("2026-02-31", { kind: "full", name: "Día que no existe" })).status).toBe(400);

    const listed = await (
      await fetch(api("/admin/holidays?year=2028"), { headers: { cookie: adminCookie } })
    ).json();
    expect(listed.year).toBe(2028);
    expect(listed.law.map((h: { date: string }) => h.date)).toContain("2028-04-13");
    expect(listed.holidays).toEqual([
      { date: "2026-12-01", scope: "municipality:1413", kind: "full", name: "Feria de Nebaj (prueba)" },
      { date: "2026-12-02", scope: `institution:${mineduc.id}`, kind: "full", name: "Traslado de oficinas" },
    ]);
    expect((await remove("2026-12-01", "municipality:1413")).status).toBe(204);
    expect((await remove("2026-12-01", "municipality:1413")).status).toBe(404);
    expect((await remove("2026-12-02", `institution:${mineduc.id}`)).status).toBe(204);
  });

  it("tells the officer when a term runs into a year whose calendar no admin has confirmed", async () => {
    const saved = clock;
    // Monday 20 December 2027, 09:00: 21 … 24, 27 … 31 December, 3 January 2028.
    clock = Date.parse("2027-12-20T15:00:00Z");
    officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
    adminCookie = await signIn(server.url, "admin@tejido.gt", PASSWORD);
    try {
      const { filed } = await fileOne();
      expect(filed.dueDate).toBe("2028-01-03");
      const flagOf = async () => {
        const view = await (
          await fetch(api(`/officer/requests/${filed.id}`), { headers: { cookie: officerCookie } })
        ).json();
        return view.request.calendarUnconfirmed;
      };
      expect(await flagOf()).toEqual([2028]);
      const confirm = (confirmed: boolean) =>
        fetch(api("/admin/calendar-years/2028"), {
          method: "PUT",
          headers: { cookie: adminCookie, "content-type": "application/json" },
          body: JSON.stringify({ confirmed }),
        });
      expect((await confirm(true)).status).toBe(200);
      expect(await flagOf()).toEqual([]);
      expect((await confirm(false)).status).toBe(200);
      expect(await flagOf()).toEqual([2028]);
    } finally {
      clock = saved;
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
      adminCookie = await signIn(server.url, "admin@tejido.gt", PASSWORD);
    }
  });

  it("lists staff, and disables an account whose session then stops at once", async () => {
    const { users } = (await (
      await fetch(api("/admin/users"), { headers: { cookie: adminCookie } })
    ).json()) as {
      users: { id: string; email: string }[];
    };
    expect(JSON.stringify(users)).not.toMatch(/password|scrypt/);
    const other = users.find((u) => u.email === "oficial@mineduc.gob.gt")!;
    const admin = users.find((u) => u.email === "admin@tejido.gt")!;
    const cookie = await signIn(server.url, "oficial@mineduc.gob.gt", PASSWORD);
    const disable = (id: string, disabled: boolean) =>
      fetch(api(`/admin/users/${id}/disabled`), {
        method: "PUT",
        headers: { cookie: adminCookie, "content-type": "application/json" },
        body: JSON.stringify({ disabled }),
      });
    expect((await disable(other.id, true)).status).toBe(204);
    expect((await fetch(api("/officer/requests"), { headers: { cookie } })).status).toBe(401);
    expect(
      (await postJson(api("/auth/login"), { email: "oficial@mineduc.gob.gt", password: PASSWORD })).status,
    ).toBe(401);
    expect((await disable(admin.id, true)).status).toBe(409);
    expect((await disable(other.id, false)).status).toBe(204);
    // Enabled again, the account signs in afresh: the sessions it had before stay dead (finding #15.10).
    expect((await fetch(api("/officer/requests"), { headers: { cookie } })).status).toBe(401);
    clock += 1_000; // the refused login above makes the next one wait half a second
    expect(
      (
        await fetch(api("/officer/requests"), {
          headers: { cookie: await signIn(server.url, "oficial@mineduc.gob.gt", PASSWORD) },
        })
      ).status,
    ).toBe(200);
  });

  it("creates an officer bound to an existing institution only", async () => {
    const make = (institutionId: string) =>
      postJson(
        api("/admin/users"),
        {
          email: `o${institutionId.slice(-4)}@gob.gt`,
          name: "Oficial",
          role: "officer",
          institutionId,
          password: PASSWORD,
        },
        adminCookie,
      );
    expect((await make("no-existe")).status).toBe(422);
    expect((await make(mineduc.id)).status).toBe(201);
  });
});

describe("an offline receipt", () => {
  it("finds the request by its provisional code and tracking code, as by its folio", async () => {
    const { request, filed } = await fileOne({ channel: "oral" });
    const byProvisional = await status(request.provisionalCode.toLowerCase(), request.trackingCode);
    expect(byProvisional.status).toBe(200);
    expect(((await byProvisional.json()) as PublicRequestStatus).folio).toBe(filed.folio);
    expect((await status(request.provisionalCode, makeRequest().trackingCode)).status).toBe(404);
  });
});

describe("a clarification (LAIP Art. 42 inciso 2)", () => {
  const reply = (folio: string, trackingCode: string, text: string, id = uuidv7()) =>
    postJson(api("/requests/clarification"), { id, folio, trackingCode, text });
  const desk = async (id: string) =>
    (await (await fetch(api(`/officer/requests/${id}`), { headers: { cookie: officerCookie } })).json()) as {
      request: Record<string, unknown>;
      allowed: string[];
    };
  /** Moves the server's clock to a Guatemala wall-clock time (UTC−6); the officer signs in afresh. */
  const setClock = async (local: string) => {
    clock = Date.parse(`${local}-06:00`);
    officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
  };
  let saved = 0;
  beforeEach(() => {
    saved = clock;
  });
  afterEach(async () => {
    clock = saved;
    officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
  });

  it("stops the answer term while the requester clarifies, and starts it again from the reply, once", async () => {
    // Filed Wednesday 25 November 2026 at 09:00: due 9 December (26, 27, 30 Nov, 1 … 4, 7, 8, 9 Dec).
    await setClock("2026-11-25T09:00");
    const { request, filed } = await fileOne();
    expect(filed.dueDate).toBe("2026-12-09");
    // Asked at 10:00 the same day, with 5 business days: 26, 27, 30 Nov, 1, 2 Dec → until Wednesday 2 December.
    await setClock("2026-11-25T10:00");
    const asked = await act(filed.id, {
      action: "clarify",
      days: 5,
      text: "¿De qué municipio y de qué año?",
    });
    expect(asked.status).toBe(200);
    expect((await asked.json()).request).toMatchObject({ status: "clarification", dueDate: "2026-12-02" });
    const waiting = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(waiting.status).toBe("clarification");
    expect(waiting.clarification).toMatchObject({
      question: "¿De qué municipio y de qué año?",
      until: "2026-12-02",
      reply: null,
    });
    expect(waiting.terms).toEqual([
      { kind: "clarification", article: "42", until: "2026-12-02", overdue: false },
    ]);
    // Asked once: not again.
    expect((await act(filed.id, { action: "clarify", days: 3, text: "Otra pregunta más." })).status).toBe(
      409,
    );

    // The reply arrives Monday 30 November at 17:00, after the 16:30 closing: received again on Tuesday 1 December,
    // the whole term counts afresh: 2, 3, 4, 7 … 11, 14, 15 → Tuesday 15 December.
    await setClock("2026-11-30T17:00");
    const id = uuidv7();
    const sent = await reply(filed.folio, request.trackingCode, "Del municipio de Nebaj, año 2025.", id);
    expect(sent.status).toBe(201);
    const after = (await sent.json()) as PublicRequestStatus;
    expect(after).toMatchObject({ status: "in_process", dueDate: "2026-12-15", overdue: false });
    expect(after.clarification).toMatchObject({ reply: "Del municipio de Nebaj, año 2025." });
    expect(after.terms?.[0]).toEqual({ kind: "answer", article: "42", until: "2026-12-15", overdue: false });
    // The same reply again (its answer was lost) is the same reply; another one is refused, plainly.
    const again = await reply(filed.folio, request.trackingCode, "Del municipio de Nebaj, año 2025.", id);
    expect(again.status).toBe(200);
    const other = await reply(filed.folio, request.trackingCode, "Y también de 2024, por favor.");
    expect(other.status).toBe(409);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    expect((await other.json()).type).toContain("clarification-closed");
    const seen = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(seen.history.map((h) => h.event)).toEqual(["filed", "clarify", "clarified"]);
    // The officer sees the same new date and the reply.
    const officer = await desk(filed.id);
    expect(officer.request).toMatchObject({
      status: "in_process",
      dueDate: "2026-12-15",
      clarification: expect.objectContaining({ reply: "Del municipio de Nebaj, año 2025." }),
    });
    expect(officer.allowed).not.toContain("clarify");
  });

  it("is never overdue or open to an appeal against silence while waiting, and may be denied once its term ends", async () => {
    await setClock("2026-11-25T09:00");
    const { request, filed } = await fileOne();
    // 10 business days to clarify: until 9 December, the answer's own first due date.
    expect(
      (await act(filed.id, { action: "clarify", days: 10, text: "Indique qué contrato busca." })).status,
    ).toBe(200);
    expect((await act(filed.id, { action: "deny-unclarified", text: "No aclaró." })).status).toBe(409);
    // Thursday 10 December: past both dates, with no reply.
    await setClock("2026-12-10T09:00");
    const inbox = (await (
      await fetch(api("/officer/requests"), { headers: { cookie: officerCookie } })
    ).json()) as {
      requests: { id: string; overdue: boolean; dueDate: string }[];
    };
    // The day that matters to the officer now is the last one to clarify; nothing is overdue.
    expect(inbox.requests.find((entry) => entry.id === filed.id)).toMatchObject({
      overdue: false,
      dueDate: "2026-12-09",
    });
    const waiting = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(waiting).toMatchObject({ status: "clarification", overdue: false });
    expect(waiting.appeal.open).toBe(false);
    expect(waiting.terms).toEqual([
      { kind: "clarification", article: "42", until: "2026-12-09", overdue: true },
    ]);
    expect((await desk(filed.id)).allowed).toContain("deny-unclarified");
    const denied = await act(filed.id, {
      action: "deny-unclarified",
      text: "No se recibió la aclaración pedida.",
    });
    expect(denied.status).toBe(200);
    const after = (await (await status(filed.folio, request.trackingCode)).json()) as PublicRequestStatus;
    expect(after.status).toBe("denied");
    expect(after.answer?.legalBasis).toContain("artículo 42 inciso 2");
    // Seen now: the appeal window (Art. 54) runs from today.
    expect(after.appeal.open).toBe(true);
    expect((await reply(filed.folio, request.trackingCode, "Ya tarde, pero aquí está.")).status).toBe(409);
  });

  it("takes a clarification given at the office, and refuses replies to unknown codes or empty texts", async () => {
    await setClock("2026-11-25T09:00");
    const { request, filed } = await fileOne();
    expect((await reply(filed.folio, request.trackingCode, "Nadie me lo pidió.")).status).toBe(409);
    expect((await act(filed.id, { action: "clarify", days: 3, text: "¿Qué periodo necesita?" })).status).toBe(
      200,
    );
    expect((await reply(filed.folio, "0000-0000-0000-0000", "Del año 2025 completo.")).status).toBe(404);
    const empty = await reply(filed.folio, request.trackingCode, "  ");
    expect([400, 422]).toContain(empty.status);
    // Given by telephone on Friday 27 November at 11:00: 30 Nov, 1 … 4, 7 … 11 → Friday 11 December.
    await setClock("2026-11-27T11:00");
    const recorded = await act(filed.id, {
      action: "record-clarification",
      text: "Por teléfono: todo 2025.",
    });
    expect(recorded.status).toBe(200);
    expect((await recorded.json()).request).toMatchObject({ status: "in_process", dueDate: "2026-12-11" });
    expect((await reply(filed.folio, request.trackingCode, "Del año 2025 completo.")).status).toBe(409);
  });
});

describe("personal-data requests (LAIP Arts. 33–35)", () => {
  it("counts 10 business days to see one's data and 30 to correct it, with no extension", async () => {
    const saved = clock;
    try {
      // Filed Monday 23 November 2026 at 09:00.
      clock = Date.parse("2026-11-23T15:00:00Z");
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
      const access = await fileOne({ kind: "personal-data-access" });
      // Art. 33: 24 … 27, 30 Nov, 1 … 4, 7 Dec → 7 December.
      expect(access.filed.dueDate).toBe("2026-12-07");
      // Art. 34: 30 business days: 24 Nov … 23 Dec is 22, 24 Dec (half day) 23, 28 … 30 Dec 26, 31 Dec (half)
      // 27, then 4, 5, 6 January 2027 (1 January is a holiday) → 6 January 2027.
      const correction = await fileOne({ kind: "personal-data-correction" });
      expect(correction.filed.dueDate).toBe("2027-01-06");
      const seen = (await (
        await status(correction.filed.folio, correction.request.trackingCode)
      ).json()) as PublicRequestStatus;
      expect(seen.kind).toBe("personal-data-correction");
      expect(seen.terms?.[0]).toEqual({ kind: "answer", article: "34", until: "2027-01-06", overdue: false });

      expect((await act(access.filed.id, { action: "extend", days: 5, reason: "Más tiempo." })).status).toBe(
        409,
      );
      // The data goes only to its owner: no answer before identity is accredited, and only the means is kept.
      const answer = {
        action: "answer",
        outcome: "delivered",
        text: "Sus datos en el registro de personal.",
      };
      expect((await act(access.filed.id, answer)).status).toBe(409);
      const withNumber = await act(access.filed.id, {
        action: "accredit",
        via: "dpi",
        number: "2345 67890 0101",
      });
      expect([400, 422]).toContain(withNumber.status);
      const accredited = await act(access.filed.id, { action: "accredit", via: "dpi" });
      expect(accredited.status).toBe(200);
      expect((await accredited.json()).request).toMatchObject({
        identityAccreditedVia: "dpi",
        identityAccreditedAt: now().toISOString(),
      });
      expect((await act(access.filed.id, answer)).status).toBe(200);
      const done = (await (
        await status(access.filed.folio, access.request.trackingCode)
      ).json()) as PublicRequestStatus;
      expect(done.history.find((h) => h.event === "accredit")).toMatchObject({ note: null });
    } finally {
      clock = saved;
      officerCookie = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
    }
  });
});
