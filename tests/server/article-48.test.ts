// The LAIP Art. 48 report of one institution for 2026, over real HTTP, against counts worked out by hand from the
// requests this test files and answers on a clock it moves (dates in Guatemala, business days counted as in
// laip-terms.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/auth/accounts-store";
import type { Article48Report } from "../../src/server/requests/article-48";
import { makeRequest, postJson, seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let clock = 0;
const now = () => new Date(clock);
const PASSWORD = "informe anual 2026";
const minfin = seededInstitution("MINFIN");
const mineduc = seededInstitution("MINEDUC");
/** Sets the server's clock to a Guatemala wall-clock time (UTC−6). */
const at = (local: string) => {
  clock = Date.parse(`${local}-06:00`);
};

beforeAll(async () => {
  server = await startTestServer({ now, requests: { filingLimit: { limit: 1_000, windowMs: 60_000 } } });
  await createUser(
    server.storage.db,
    {
      email: "uip@minfin.gob.gt",
      name: "UIP",
      role: "officer",
      institutionId: minfin.id,
      password: PASSWORD,
    },
    new Date("2025-12-01T12:00:00Z"),
  );
});
afterAll(() => server.dispose());

async function file(local: string, extra: Record<string, unknown> = {}) {
  at(local);
  const request = { ...makeRequest({ institutionId: minfin.id }), ...extra };
  const response = await postJson(`${server.url}/api/v1/requests`, request);
  expect(response.status).toBe(201);
  return { request, ...((await response.json()) as { id: string; folio: string }) };
}
/** An officer's action at a Guatemala time (signed in afresh: the clock jumps). */
async function act(local: string, id: string, action: unknown) {
  at(local);
  const cookie = await signIn(server.url, "uip@minfin.gob.gt", PASSWORD);
  const response = await postJson(`${server.url}/api/v1/officer/requests/${id}/actions`, action, cookie);
  expect(response.status).toBe(200);
}
async function refused(local: string, id: string, action: unknown) {
  at(local);
  const cookie = await signIn(server.url, "uip@minfin.gob.gt", PASSWORD);
  const response = await postJson(`${server.url}/api/v1/officer/requests/${id}/actions`, action, cookie);
  expect(response.status).toBe(409);
}

describe("the LAIP Art. 48 report", () => {
  it("counts a year's requests, results, times, extensions, denials and appeals as worked out by hand", async () => {
    // Filed 17:30 on 31 December 2025 in Guatemala (already 1 January in UTC): a 2025 request, not counted.
    await file("2025-12-31T17:30");
    // Filed 01:00 on 1 January 2026 in Guatemala (07:00 UTC): a 2026 request; referred to MINEDUC, where its copy
    // is MINEDUC's, not MINFIN's.
    const r9 = await file("2026-01-01T01:00");
    await act("2026-01-05T10:00", r9.id, {
      action: "refer",
      institutionId: mineduc.id,
      text: "Le corresponde.",
    });

    // Seven filed on Monday 23 November 2026 at 09:00 (due 7 December: 24 … 27, 30 Nov, 1 … 4, 7 Dec).
    const r = [];
    for (let i = 0; i < 7; i++) r.push(await file("2026-11-23T09:00"));
    const [r1, r2, r3, r4, r5, r6, r7] = r as [(typeof r)[0], ...typeof r];
    // R1 delivered Wednesday 25: 24, 25 → 2 business days, on time.
    await act("2026-11-25T10:00", r1.id, { action: "answer", outcome: "delivered", text: "Adjunto." });
    // R2 extended to 21 December, partly delivered Tuesday 15 December: 24 … 27, 30, 1 … 4, 7 … 11, 14, 15 → 16.
    await act("2026-12-01T10:00", r2!.id, {
      action: "extend",
      days: 10,
      reason: "Faltan datos de tres direcciones.",
    });
    await act("2026-12-15T10:00", r2!.id, {
      action: "answer",
      outcome: "partly_delivered",
      text: "En parte.",
    });
    // R3 denied as reserved on Tuesday 24: 1 business day.
    await act("2026-11-24T10:00", r3!.id, {
      action: "deny",
      ground: "reserved",
      legalBasis: "LAIP Art. 23, inciso 1",
      text: "Es reservada.",
    });
    // R4 denied as confidential on Wednesday 9 December, after its term: 12 business days, late.
    await act("2026-12-09T10:00", r4!.id, {
      action: "deny",
      ground: "confidential",
      legalBasis: "LAIP Art. 22, inciso 2",
      text: "Es confidencial.",
    });
    // R5 withdrawn on the 24th.
    await act("2026-11-24T11:00", r5!.id, { action: "withdraw", text: "La persona desistió por teléfono." });
    // R6 left unanswered: overdue by 20 December.
    // R7 not held on Monday 30 November (24 … 27, 30 → 5), seen on 1 December, appealed, the denial upheld.
    await act("2026-11-30T10:00", r7!.id, { action: "not-held", text: "No existe en el ministerio." });
    at("2026-12-01T10:00");
    const code = { folio: r7!.folio, trackingCode: r7!.request.trackingCode };
    expect((await postJson(`${server.url}/api/v1/requests/status`, code)).status).toBe(200);
    const appealed = await postJson(`${server.url}/api/v1/requests/appeal`, {
      ...code,
      reason: "Debe existir.",
    });
    expect(appealed.status).toBe(201);
    await act("2026-12-03T10:00", r7!.id, {
      action: "resolve-appeal",
      outcome: "upheld",
      text: "Se confirma.",
    });

    // R10 asks for the requester's own personal data (Art. 33: 10 business days, due 7 December too). It cannot be
    // answered before identity is accredited; accredited by DPI on the 24th, delivered Thursday 26: 24, 25, 26 → 3.
    const r10 = await file("2026-11-23T09:00", { kind: "personal-data-access" });
    await refused("2026-11-24T09:00", r10.id, { action: "answer", outcome: "delivered", text: "Sus datos." });
    await act("2026-11-24T09:30", r10.id, { action: "accredit", via: "dpi" });
    await act("2026-11-26T10:00", r10.id, { action: "answer", outcome: "delivered", text: "Sus datos." });
    // R11: asked on Tuesday 24 to clarify within 3 business days (25, 26, 27: until Friday 27). No reply came; the
    // denial under Art. 42 inciso 2 is refused on the 27th (the term still runs) and taken on Monday 30:
    // 24, 25, 26, 27, 30 → 5 business days, on time.
    const r11 = await file("2026-11-23T09:00");
    await act("2026-11-24T10:00", r11.id, {
      action: "clarify",
      days: 3,
      text: "¿De qué dirección y qué año?",
    });
    await refused("2026-11-27T15:00", r11.id, { action: "deny-unclarified", text: "No se aclaró." });
    await act("2026-11-30T09:00", r11.id, { action: "deny-unclarified", text: "No se aclaró." });
    // R12 asks to correct personal data (Art. 34: 30 business days), still pending on 20 December, not overdue.
    await file("2026-11-23T09:00", { kind: "personal-data-correction" });
    // The officer records the type of information of three requests, one of them closed long before.
    await act("2026-12-18T10:00", r1.id, { action: "classify", type: "budget" });
    await act("2026-12-18T10:01", r3!.id, { action: "classify", type: "budget" });
    await act("2026-12-18T10:02", r4!.id, { action: "classify", type: "staff" });

    at("2026-12-20T10:00");
    const cookie = await signIn(server.url, "uip@minfin.gob.gt", PASSWORD);
    const response = await fetch(`${server.url}/api/v1/officer/report?year=2026`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Article48Report;
    expect(report.institution.acronym).toBe("MINFIN");
    expect(report.received).toBe(11);
    expect(report.byChannel).toEqual({ web: 11 });
    expect(report.byKind).toEqual({
      information: 9,
      "personal-data-access": 1,
      "personal-data-correction": 1,
    });
    expect(report.results).toEqual({
      delivered: 2,
      partlyDelivered: 1,
      deniedReserved: 1,
      deniedConfidential: 1,
      deniedUnclarified: 1,
      notHeld: 1,
      referred: 1,
      withdrawn: 1,
      pending: 2,
    });
    expect(report.personalData).toEqual({ received: 2, answered: 1, denied: 0, pending: 1 });
    expect(report.clarifications).toEqual({ asked: 1, replied: 0, pending: 0 });
    expect(report.byType).toMatchObject({ budget: 2, staff: 1, procurement: 0, unclassified: 8 });
    expect(report.extended).toBe(1);
    // R1, R2, R3, R7, R10, R11 on time; R4 late.
    expect(report.answeredOnTime).toBe(6);
    expect(report.answeredLate).toBe(1);
    expect(report.overdue).toBe(1);
    // Days 1, 2, 3, 5, 5, 12, 16: average 44 / 7 = 6.3, median 5, longest 16.
    expect(report.responseDays).toEqual({ answered: 7, average: 6.3, median: 5, max: 16 });
    expect(report.appeals).toEqual({ filed: 1, upheld: 1, overturned: 0, partly: 0, pending: 0 });
    const line = (folio: string) => report.lines.find((l) => l.folio === folio)!;
    expect(line(r2!.folio)).toMatchObject({
      businessDays: 16,
      onTime: true,
      extensionReason: "Faltan datos de tres direcciones.",
    });
    expect(line(r3!.folio)).toMatchObject({ denialGround: "reserved", businessDays: 1 });
    expect(line(r4!.folio)).toMatchObject({ denialGround: "confidential", onTime: false, businessDays: 12 });
    expect(line(r5!.folio).withdrawalNote).toBe("La persona desistió por teléfono.");
    expect(line(r6!.folio)).toMatchObject({ status: "received", answeredOn: null });

    const csv = await (
      await fetch(`${server.url}/api/v1/officer/report?year=2026&format=csv`, { headers: { cookie } })
    ).text();
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toMatch(
      /^folio,recibida,canal,tipo_solicitud,clase_informacion,estado,respondida_el,dias_habiles,a_tiempo,ampliada/,
    );
    expect(rows).toHaveLength(12);
    expect(rows.find((row) => row.startsWith(r4!.folio))).toContain(",staff,denied,");
    expect(rows.find((row) => row.startsWith(r4!.folio))).toContain(",confidencial,");
    expect(rows.find((row) => row.startsWith(r11.folio))).toContain(",sin_aclaracion,");
    expect(rows.find((row) => row.startsWith(r10.folio))).toContain(",personal-data-access,");
  });
});
