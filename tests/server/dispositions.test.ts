// Dispositions over real HTTP: set one by one and in bulk (grouped), history kept, inputs of other
// consultations refused; the public pages show inputs without device ids, with how each was considered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicInput } from "../../src/domain/dispositions";
import type { Input } from "../../src/domain/input";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { makeInput } from "../support/factories";
import { postJson, pushInputs, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
const PASSWORD = "devolver a la comunidad";
const inputs: Input[] = [];
const base = () => `${server.url}/api/v1/organizer/consultations/${DEMO_CONSULTATION_ID}`;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "org@segeplan.gob.gt", role: "organizer" }, PASSWORD);
  const deviceId = makeInput().deviceId;
  for (let i = 0; i < 150; i++) {
    inputs.push(
      makeInput({
        deviceId,
        answers: {
          "tramite-dificil": i % 10 === 0 ? "Sacar el pasaporte en Nebaj" : `Trámite ${i}`,
          "canal-preferido": "internet",
        },
      }),
    );
  }
  await pushInputs(server, inputs);
  inputs.sort((a, b) => (a.id < b.id ? -1 : 1));
});
afterAll(() => server.dispose());

const set = (body: unknown) => postJson(`${base()}/dispositions`, body, organizer);

describe("dispositions", () => {
  it("sets one in bulk and grouped, keeps each change in history, and counts them", async () => {
    const passport = inputs
      .filter((input) => String(input.answers["tramite-dificil"] ?? "").includes("pasaporte"))
      .map((input) => input.id);
    expect(passport).toHaveLength(15);
    const grouped = await set({
      inputIds: passport,
      status: "partly_incorporated",
      reason: "Se propone una oficina móvil de pasaportes.",
      grouped: true,
    });
    expect(grouped.status).toBe(200);
    const { groupId, updated } = await grouped.json();
    expect(updated).toBe(15);
    expect(groupId).toBeTruthy();
    const changed = await set({
      inputIds: [passport[0]],
      status: "incorporated",
      reason: "Incluido en la estrategia, eje 2.",
    });
    expect(changed.status).toBe(200);

    const page = (await (
      await fetch(`${base()}/inputs?status=partly_incorporated&limit=500`, { headers: { cookie: organizer } })
    ).json()) as {
      inputs: PublicInput[];
      counts: Record<string, number>;
    };
    expect(page.inputs.map((input) => input.id)).toEqual(passport.slice(1));
    expect(page.inputs.every((input) => input.disposition?.groupId === groupId)).toBe(true);
    expect(page.counts).toEqual({
      incorporated: 1,
      partly_incorporated: 14,
      not_incorporated: 0,
      out_of_scope: 0,
      none: 135,
    });
    const history = (await (
      await fetch(`${server.url}/api/v1/organizer/inputs/${passport[0]}/history`, {
        headers: { cookie: organizer },
      })
    ).json()) as {
      history: { status: string }[];
    };
    expect(history.history.map((entry) => entry.status)).toEqual(["partly_incorporated", "incorporated"]);
  });

  it("finds inputs by words, any case", async () => {
    const found = (await (
      await fetch(`${base()}/inputs?q=PASAPORTE%20nebaj&limit=500`, { headers: { cookie: organizer } })
    ).json()) as { inputs: PublicInput[] };
    expect(found.inputs).toHaveLength(15);
  });

  it("refuses inputs of another consultation, a bad status and an empty reason, changing nothing", async () => {
    const stranger = "0190a000-0000-7000-8000-0000000000ff";
    const mixed = await set({
      inputIds: [inputs[1]!.id, stranger],
      status: "out_of_scope",
      reason: "No corresponde a la consulta.",
    });
    expect(mixed.status).toBe(422);
    expect((await mixed.json()).errors).toEqual([
      { pointer: "/inputIds", code: "unknown", detail: stranger },
    ]);
    expect(
      (await set({ inputIds: [inputs[1]!.id], status: "maybe", reason: "Motivo suficiente." })).status,
    ).toBe(422);
    expect((await set({ inputIds: [inputs[1]!.id], status: "out_of_scope", reason: "  " })).status).toBe(422);
    const { inputs: page } = (await (
      await fetch(`${base()}/inputs?status=out_of_scope`, { headers: { cookie: organizer } })
    ).json()) as { inputs: PublicInput[] };
    expect(page).toEqual([]);
  });

  it("answers a page size that is not a whole number from 1 to 500 with a 400 problem (finding #15.7)", async () => {
    for (const limit of ["1.5", "-1", "0", "abc", "1e2", "501", ""]) {
      const response = await fetch(`${base()}/inputs?limit=${encodeURIComponent(limit)}`, {
        headers: { cookie: organizer },
      });
      expect(response.status, `limit=${limit}`).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    const fine = await fetch(`${base()}/inputs?limit=2`, { headers: { cookie: organizer } });
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as { inputs: unknown[] }).inputs.length).toBeLessThanOrEqual(2);
  });

  it("shows the public every input page by page, with its disposition and no device id", async () => {
    const head = (await (
      await fetch(`${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}`)
    ).json()) as { consultation: { rules: { es: string } }; counts: Record<string, number> };
    expect(head.consultation.rules.es.length).toBeGreaterThan(10);
    expect(head.counts.incorporated).toBe(1);
    const seen: PublicInput[] = [];
    let after = "";
    for (;;) {
      const page = (await (
        await fetch(
          `${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/inputs${after ? `?after=${after}` : ""}`,
        )
      ).json()) as { inputs: PublicInput[]; next: string | null };
      seen.push(...page.inputs);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen.map((input) => input.id)).toEqual(inputs.map((input) => input.id));
    expect(JSON.stringify(seen)).not.toContain(inputs[0]!.deviceId);
    expect(seen.filter((input) => input.disposition).length).toBe(15);
    // Words wait for review (issue #15, finding 13): the 15 with a disposition show them, the rest show choices.
    for (const input of seen) {
      if (input.disposition) expect(input.answers["tramite-dificil"]).toBeDefined();
      else {
        expect(input).toMatchObject({
          textWithheld: true,
          freeText: null,
          answers: { "canal-preferido": "internet" },
        });
        expect(input.answers["tramite-dificil"]).toBeUndefined();
      }
    }
    expect(JSON.stringify(seen.filter((input) => !input.disposition))).not.toMatch(/Trámite|k'iche'/);
    expect(
      (await fetch(`${server.url}/api/v1/public/consultations/0190a000-0000-7000-8000-000000000000`)).status,
    ).toBe(404);
  });
});

describe("an input's words before they go public", () => {
  it("publishes them once an organizer marks them publishable, with the parts they covered", async () => {
    const input = inputs.find((candidate) => candidate.answers["tramite-dificil"] === "Trámite 7")!;
    const review = (body: unknown) =>
      fetch(`${server.url}/api/v1/organizer/inputs/${input.id}/review`, {
        method: "PUT",
        headers: { cookie: organizer, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const publicOne = async () => {
      const page = (await (
        await fetch(`${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/inputs?status=none`)
      ).json()) as { inputs: PublicInput[] };
      let found = page.inputs.find((candidate) => candidate.id === input.id);
      let after = page.inputs.at(-1)?.id;
      while (!found && after) {
        const next = (await (
          await fetch(
            `${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/inputs?status=none&after=${after}`,
          )
        ).json()) as { inputs: PublicInput[] };
        found = next.inputs.find((candidate) => candidate.id === input.id);
        after = next.inputs.at(-1)?.id;
      }
      return found!;
    };
    expect(await publicOne()).toMatchObject({ textWithheld: true, freeText: null });
    // Only text answers can be covered, and only the input's own.
    expect((await review({ publishable: true, answers: { "canal-preferido": "otro" } })).status).toBe(422);
    expect(
      (
        await review({
          publishable: true,
          answers: { "tramite-dificil": "Trámite [tapado]" },
          freeText: "Que atiendan en [idioma].",
        })
      ).status,
    ).toBe(204);
    const shown = await publicOne();
    expect(shown).toMatchObject({
      redacted: true,
      answers: { "tramite-dificil": "Trámite [tapado]", "canal-preferido": "internet" },
      freeText: "Que atiendan en [idioma].",
    });
    expect(shown.textWithheld).toBeUndefined();
    // The organizer's own list shows what was said, and that it was reviewed.
    const listed = (await (
      await fetch(`${base()}/inputs?limit=500`, { headers: { cookie: organizer } })
    ).json()) as { inputs: PublicInput[] };
    expect(listed.inputs.find((candidate) => candidate.id === input.id)).toMatchObject({
      answers: { "tramite-dificil": "Trámite 7" },
      textAnswers: ["tramite-dificil"],
      review: { publishable: true, redacted: true },
    });
    // Taken back: the words wait again.
    expect((await review({ publishable: false })).status).toBe(204);
    expect(await publicOne()).toMatchObject({ textWithheld: true });
    expect(
      (
        await fetch(`${server.url}/api/v1/organizer/inputs/0190a000-0000-7000-8000-000000000009/review`, {
          method: "PUT",
          headers: { cookie: organizer, "content-type": "application/json" },
          body: JSON.stringify({ publishable: true }),
        })
      ).status,
    ).toBe(404);
  });
});
