// Folios stay unique and without gaps per institution and year, under 200 concurrent submissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFolio } from "../../src/domain/requests/folio";
import { allocateFolio } from "../../src/server/requests/folio-allocator";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minfin = { id: "inst-minfin", acronym: "MINFIN" };
const muni = { id: "inst-muni-quetzaltenango", acronym: "MuniXela" };

describe("folio allocation", () => {
  it("hands out 1..N without gaps or repeats to 200 concurrent submissions, some of which fail", async () => {
    const receivedAt = new Date("2026-11-25T15:00:00Z");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        server.storage.db.transaction().execute(async (trx) => {
          const folio = await allocateFolio(trx, i % 2 === 0 ? minfin : muni, receivedAt);
          await sleep(i % 5);
          // Every seventh request fails after taking its number (say, storing it broke): the number returns.
          if (i % 7 === 3) throw new Error("the request could not be stored");
          return folio;
        }),
      ),
    );
    const folios = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(folios.length).toBe(200 - outcomes.filter((outcome) => outcome.status === "rejected").length);
    expect(new Set(folios).size).toBe(folios.length);
    for (const prefix of ["MINFIN", "MUNIXELA"]) {
      const sequences = folios
        .map((folio) => parseFolio(folio)!)
        .filter((parsed) => parsed.prefix === prefix && parsed.year === 2026)
        .map((parsed) => parsed.sequence)
        .sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    }
  });

  it("starts a new sequence with the year, in Guatemala time", async () => {
    const institution = { id: "inst-sat", acronym: "SAT" };
    const allocate = (at: string) =>
      server.storage.db.transaction().execute((trx) => allocateFolio(trx, institution, new Date(at)));
    // 05:00 UTC on 1 January is still 31 December in Guatemala.
    expect(await allocate("2027-01-01T05:00:00Z")).toBe("SAT-2026-000001");
    expect(await allocate("2027-01-01T06:00:00Z")).toBe("SAT-2027-000001");
    expect(await allocate("2027-01-02T12:00:00Z")).toBe("SAT-2027-000002");
  });
});
