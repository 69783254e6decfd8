// The dashboard's numbers over real HTTP, from 1,200 signed inputs and three workshops: totals, places,
// filters, small cells, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dashboard } from "../../src/domain/results/dashboard";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { codesFor } from "../support/devices";
import { allTypesConsultation } from "../support/factories";
import { staffSession } from "../support/requests";
import { seedResults } from "../support/seed-results";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
const consultation = allTypesConsultation();
let seededInputs = 0;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "tablero@segeplan.gob.gt", role: "organizer" });
  await saveConsultation(server.storage.db, consultation);
  seededInputs = (await seedResults(server.url, codesFor(server), consultation, 1_200)).inputs.length;
});
afterAll(() => server.dispose());

async function dashboard(query = ""): Promise<{ status: number; body: { dashboard: Dashboard } }> {
  const response = await fetch(
    `${server.url}/api/v1/organizer/consultations/${consultation.id}/dashboard${query}`,
    {
      headers: { cookie: organizer },
    },
  );
  return { status: response.status, body: await response.json() };
}

describe("dashboard route", () => {
  it("counts every input once, by day, place and theme, with every question's results", async () => {
    const { status, body } = await dashboard();
    expect(status).toBe(200);
    const result = body.dashboard;
    expect(result.total).toBe(seededInputs);
    expect(result.byDay.reduce((sum, row) => sum + row.count, 0)).toBe(seededInputs);
    expect(result.withoutWorkshop).toBe(120);
    expect(result.byDepartment.map((row) => [row.key, row.count])).toEqual([
      ["14", 720],
      ["09", 360],
    ]);
    expect(result.questions.map((question) => question.type)).toEqual(
      consultation.themes[0]!.questions.map((question) => question.type),
    );
    const ranking = result.questions.find((question) => question.type === "ranking")!;
    expect(ranking.ranking!.reduce((sum, row) => sum + row.first, 0)).toBe(seededInputs);
    expect(result.attendance).toMatchObject({ workshops: 3, total: 123 });
  });

  it("narrows to a municipality and dates, and refuses malformed filters", async () => {
    const nebaj = (await dashboard("?departmentCode=14&municipalityCode=1413")).body.dashboard;
    expect(nebaj.total).toBe(360);
    expect(nebaj.attendance).toMatchObject({ workshops: 1, total: 40 });
    const oneDay = (await dashboard("?from=2026-11-21&to=2026-11-21")).body.dashboard;
    expect(oneDay.total).toBe(400);
    const bad = await dashboard("?from=ayer");
    expect(bad.status).toBe(400);
  });

  it("suppresses small demographic cells and is for organizers only", async () => {
    expect((await dashboard("?workshopId=1413")).status).toBe(400);
    const anonymous = await fetch(
      `${server.url}/api/v1/organizer/consultations/${consultation.id}/dashboard`,
    );
    expect(anonymous.status).toBe(401);
    const result = (await dashboard()).body.dashboard;
    // "other" people: 2 + 3 + 4 attend; 9 ≥ 5 shows, while an empty cell is suppressed.
    expect(result.attendance.people.find((cell) => cell.key === "other")?.count).toBe(9);
    expect(result.attendance.people.find((cell) => cell.key === "xinka")?.count).toBeNull();
  });

  it("lists the workshops on the public page: place, date and counts, without facilitator, minutes or small cells", async () => {
    const response = await fetch(`${server.url}/api/v1/public/consultations/${consultation.id}`);
    const { workshops } = (await response.json()) as { workshops: Record<string, unknown>[] };
    expect(workshops.map((workshop) => [workshop.municipality, workshop.community, workshop.date])).toEqual([
      ["Santa María Nebaj", "Xexocom", "2026-11-20"],
      ["Joyabaj", "Chitzalá", "2026-11-21"],
      ["San Juan Ostuncalco", "Agua Blanca", "2026-11-22"],
    ]);
    expect(workshops[0]).toMatchObject({
      department: "Quiché",
      attendance: {
        total: 40,
        bySex: { female: 22, male: 18, other: null },
        // 2 "other" is a small cell; 38 Maya beside a total of 40 would give it away, so both are hidden.
        byPeople: { maya: null, other: null },
      },
    });
    for (const workshop of workshops) {
      expect(Object.keys(workshop)).not.toContain("facilitator");
      expect(Object.keys(workshop)).not.toContain("minutes");
      expect(Object.keys(workshop)).not.toContain("deviceId");
    }
  });
});
