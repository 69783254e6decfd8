// The consultation designer's API over real HTTP: drafts, immutable released versions, the status moves,
// and inputs that keep the version they answered.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import type { Consultation, ConsultationDesign } from "../../src/domain/consultation";
import type { PullResponse } from "../../src/domain/sync-messages";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { allTypesAnswers, allTypesConsultation, makeInput } from "../support/factories";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
const base = () => `${server.url}/api/v1/organizer/consultations`;

function designOf(consultation: Consultation): ConsultationDesign {
  const { id: _id, version: _version, status: _status, updatedAt: _updatedAt, ...design } = consultation;
  return design;
}
const design = designOf(allTypesConsultation());

async function send(method: string, url: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", cookie: organizer },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const consultationOf = (body: Record<string, unknown>) => body.consultation as Consultation;

let phone: DeviceIdentity;
async function push(input: ReturnType<typeof makeInput>) {
  const response = await pushAs(server.url, phone, {
    deviceId: phone.deviceId,
    mutations: [await signedMutation(phone, input)],
  });
  return ((await response.json()) as { results: { status: string; problem?: { errors?: unknown[] } }[] })
    .results[0]!;
}

async function pulled(id: string): Promise<Consultation[]> {
  const response = await fetch(`${server.url}/api/v1/sync/pull?cursor=0`);
  const body = (await response.json()) as PullResponse;
  return body.changes.flatMap((change) =>
    change.kind === "consultation" && change.data.id === id ? [change.data] : [],
  );
}

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "disena@segeplan.gob.gt", role: "organizer" });
  phone = await enrol(server.url, codesFor(server));
});
afterAll(() => server.dispose());

describe("consultation design", () => {
  it("creates a draft once, answers a re-sent create with it, and refuses the id for another design", async () => {
    const id = uuidv7();
    const first = await send("POST", base(), { id, design });
    expect(first.status).toBe(201);
    expect(consultationOf(first.body)).toMatchObject({ id, version: 1, status: "draft" });
    const again = await send("POST", base(), { id, design });
    expect(again.status).toBe(200);
    expect(consultationOf(again.body).updatedAt).toBe(consultationOf(first.body).updatedAt);
    const other = await send("POST", base(), { id, design: { ...design, title: { es: "Otra" } } });
    expect(other.status).toBe(409);
    expect(other.body.type).toBe("urn:tejido:problem:design-conflict");
    // A draft is nobody's but the organizers': not pulled by phones, not public.
    expect(await pulled(id)).toEqual([]);
    expect((await fetch(`${server.url}/api/v1/public/consultations/${id}`)).status).toBe(404);
  });

  it("refuses a design with repeated ids or bounds that cannot be met, with a pointer to each", async () => {
    const theme = design.themes[0]!;
    const broken = {
      ...design,
      themes: [
        { ...theme, questions: theme.questions.map((q) => (q.type === "ranking" ? { ...q, top: 9 } : q)) },
      ],
    };
    const refused = await send("POST", base(), { id: uuidv7(), design: broken });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { pointer: "/design/themes/0/questions/5/top", code: "top_exceeds_options" },
    ]);
    const noSpanish = await send("POST", base(), {
      id: uuidv7(),
      design: { ...design, title: { en: "Only English" } },
    });
    expect(noSpanish.status).toBe(422);
    expect(noSpanish.body.errors).toContainEqual(expect.objectContaining({ pointer: "/design/title/es" }));
  });

  it("opens a draft for phones; editing it then makes version 2 while inputs to version 1 still count", async () => {
    const id = uuidv7();
    await send("POST", base(), { id, design });
    const edited = await send("PUT", `${base()}/${id}/draft`, {
      version: 1,
      design: { ...design, description: { es: "Versión corregida del borrador." } },
    });
    expect(edited.status).toBe(200);
    const opened = await send("POST", `${base()}/${id}/status`, { status: "open" });
    expect(opened.status).toBe(200);
    expect(consultationOf(opened.body)).toMatchObject({ version: 1, status: "open" });
    expect((await pulled(id)).at(-1)).toMatchObject({ version: 1, status: "open" });

    // Version 1 is released: saving over it is refused, the next version starts as a draft.
    const overwrite = await send("PUT", `${base()}/${id}/draft`, { version: 1, design });
    expect(overwrite.status).toBe(409);
    const skip = await send("PUT", `${base()}/${id}/draft`, { version: 3, design });
    expect(skip.status).toBe(409);
    const theme = design.themes[0]!;
    const v2design = { ...design, themes: [{ ...theme, questions: theme.questions.slice(0, 3) }] };
    const v2 = await send("PUT", `${base()}/${id}/draft`, { version: 2, design: v2design });
    expect(v2.status).toBe(201);
    expect(consultationOf(v2.body)).toMatchObject({ version: 2, status: "draft" });

    // While version 2 is a draft, phones still capture on version 1, and the server takes those inputs.
    const input = makeInput({
      consultationId: id,
      themeId: "servicios",
      answers: allTypesAnswers(),
      consent: true,
    });
    expect((await push(input)).status).toBe("applied");
    const versions = await send("GET", `${base()}/${id}`);
    expect(versions.body).toMatchObject({
      versions: [
        { version: 2, status: "draft" },
        { version: 1, status: "open" },
      ],
      current: { version: 1 },
      draft: { version: 2 },
    });

    // Released, version 2 reaches phones; an input captured offline on version 1 keeps its version.
    expect((await send("POST", `${base()}/${id}/status`, { status: "open" })).status).toBe(200);
    expect((await pulled(id)).at(-1)).toMatchObject({ version: 2, status: "open" });
    const late = makeInput({
      consultationId: id,
      themeId: "servicios",
      answers: allTypesAnswers(),
      consent: true,
    });
    expect((await push(late)).status).toBe("applied");
    const stored = await server.storage.db
      .selectFrom("inputs")
      .select(["id", "consultation_version"])
      .where("consultation_id", "=", id)
      .execute();
    expect(stored.map((row) => row.consultation_version)).toEqual([1, 1]);
    // Version 2 dropped the scale: an input to version 2 that answers it is refused.
    const wrong = makeInput({
      consultationId: id,
      consultationVersion: 2,
      themeId: "servicios",
      answers: allTypesAnswers(),
      consent: true,
    });
    const refused = await push(wrong);
    expect(refused.status).toBe("rejected");
    expect(refused.problem?.errors).toContainEqual({
      pointer: "/payload/answers/confianza",
      code: "unknown_question",
    });
  });

  it("refuses to save over, or release, a draft another organizer changed since the page saw it", async () => {
    const id = uuidv7();
    const created = consultationOf((await send("POST", base(), { id, design })).body);
    const theirs = await send("PUT", `${base()}/${id}/draft`, {
      version: 1,
      design: { ...design, title: { es: "Cambio de otra persona" } },
      baseUpdatedAt: created.updatedAt,
    });
    expect(theirs.status).toBe(200);
    const mine = await send("PUT", `${base()}/${id}/draft`, {
      version: 1,
      design: { ...design, title: { es: "Mi cambio" } },
      baseUpdatedAt: created.updatedAt,
    });
    expect(mine.status).toBe(409);
    expect(mine.body.type).toBe("urn:tejido:problem:design-conflict");
    const stale = await send("POST", `${base()}/${id}/status`, {
      status: "open",
      baseUpdatedAt: created.updatedAt,
    });
    expect(stale.status).toBe(409);
    const seen = consultationOf(theirs.body).updatedAt;
    const opened = await send("POST", `${base()}/${id}/status`, { status: "open", baseUpdatedAt: seen });
    expect(consultationOf(opened.body)).toMatchObject({
      status: "open",
      title: { es: "Cambio de otra persona" },
    });
  });

  it("moves open → closed → published only in that order, and a closed consultation takes late inputs", async () => {
    const id = uuidv7();
    await send("POST", base(), { id, design });
    expect((await send("POST", `${base()}/${id}/status`, { status: "closed" })).status).toBe(409);
    expect((await send("POST", `${base()}/${id}/status`, { status: "published" })).status).toBe(409);
    expect((await send("POST", `${base()}/${id}/status`, { status: "open" })).status).toBe(200);
    expect((await send("POST", `${base()}/${id}/status`, { status: "published" })).status).toBe(409);
    expect((await send("POST", `${base()}/${id}/status`, { status: "closed" })).status).toBe(200);
    const late = makeInput({
      consultationId: id,
      themeId: "servicios",
      answers: allTypesAnswers(),
      consent: true,
    });
    expect((await push(late)).status).toBe("applied");
    const published = await send("POST", `${base()}/${id}/status`, { status: "published" });
    expect(consultationOf(published.body).status).toBe("published");
    expect((await pulled(id)).at(-1)?.status).toBe("published");
    const tooLate = makeInput({
      consultationId: id,
      themeId: "servicios",
      answers: allTypesAnswers(),
      consent: true,
    });
    expect((await push(tooLate)).status).toBe("rejected");
    expect((await send("GET", `${base()}/${uuidv7()}`)).status).toBe(404);
    expect((await send("POST", `${base()}/${uuidv7()}/status`, { status: "open" })).status).toBe(404);
  });
});
