// Participatory drafting over HTTP against the real server and database: an organizer publishes a draft of five
// sections written in Markdown; people comment and propose amendments without an account (a re-send is one);
// the next version cannot be published while any of them waits for an answer; once one amendment is accepted and
// two are not, version 2 is published, and anyone sees section by section what changed and which amendment caused it.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DraftCommentView, DraftView } from "../../src/domain/drafts";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
const id = uuidv7();
const MARKDOWN = `# Propósito
Una estrategia de gobierno electrónico hecha con las comunidades.

# Ventanilla única
Una sola entrada para pedir información pública, con registro.

# Datos abiertos
Las instituciones publican sus datos cada año.

# Idiomas
Los servicios se ofrecen en español.

# Seguimiento
La comisión informa cada seis meses.
`;

const send = (method: string, path: string, body?: unknown, cookie?: string) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const read = async <T>(response: Response) => (await response.json()) as T;
const publicDraft = async (query = "") =>
  (await read<{ draft: DraftView }>(await send("GET", `/public/drafts/${id}${query}`))).draft;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "redaccion@gae.gob.gt", role: "organizer" });
});
afterAll(() => server.dispose());

describe("participatory drafting", () => {
  it("makes a draft of numbered sections from Markdown, public only once published", async () => {
    const draft = {
      id,
      title: { es: "Estrategia Nacional de Gobierno Electrónico: borrador" },
      markdown: MARKDOWN,
    };
    const created = await send("POST", "/organizer/drafts", draft, organizer);
    expect(created.status).toBe(201);
    const view = (await read<{ draft: DraftView }>(created)).draft;
    expect(view.sections.map((s) => [s.number, s.heading])).toEqual([
      [1, "Propósito"],
      [2, "Ventanilla única"],
      [3, "Datos abiertos"],
      [4, "Idiomas"],
      [5, "Seguimiento"],
    ]);
    expect(view.versions).toEqual([{ version: 1, status: "editing", publishedAt: null }]);
    expect((await send("POST", "/organizer/drafts", draft, organizer)).status).toBe(200);
    expect(
      (await send("POST", "/organizer/drafts", { ...draft, title: { es: "Otro" } }, organizer)).status,
    ).toBe(409);
    expect((await send("GET", `/public/drafts/${id}`)).status).toBe(404);
    expect((await send("POST", "/organizer/drafts", draft)).status).toBe(401);

    expect((await send("POST", `/organizer/drafts/${id}/publish`, {}, organizer)).status).toBe(200);
    const published = await publicDraft();
    expect(published.version).toBe(1);
    expect(published.sections).toHaveLength(5);
    expect((await read<{ drafts: { id: string }[] }>(await send("GET", "/public/drafts"))).drafts).toEqual([
      expect.objectContaining({ id, version: 1 }),
    ]);
  });

  const amendments: DraftCommentView[] = [];

  it("takes comments and amendments without an account, once each, on the published sections", async () => {
    const sections = (await publicDraft()).sections;
    const [two, four] = [sections[1]!, sections[3]!];
    const proposals = [
      {
        sectionId: two.id,
        text: "Pedir registro deja fuera a quien no tiene correo.",
        proposedText: "Una sola entrada para pedir información pública, sin registro obligatorio.",
      },
      {
        sectionId: two.id,
        text: "Que se pueda pedir por teléfono.",
        proposedText: "Una sola entrada para pedir información pública, también por teléfono.",
      },
      {
        sectionId: four.id,
        text: "Faltan los idiomas mayas.",
        proposedText: "Los servicios se ofrecen en español y en los idiomas mayas.",
      },
    ];
    for (const proposal of proposals) {
      const body = { id: uuidv7(), kind: "amendment", ...proposal };
      const first = await send("POST", `/public/drafts/${id}/comments`, body);
      expect(first.status).toBe(201);
      expect((await send("POST", `/public/drafts/${id}/comments`, body)).status).toBe(200);
      amendments.push((await read<{ comment: DraftCommentView }>(first)).comment);
    }
    const comment = {
      id: uuidv7(),
      kind: "comment",
      sectionId: sections[0]!.id,
      text: "Muy bien que se consulte.",
    };
    expect((await send("POST", `/public/drafts/${id}/comments`, comment)).status).toBe(201);

    const noText = await send("POST", `/public/drafts/${id}/comments`, {
      id: uuidv7(),
      kind: "amendment",
      sectionId: two.id,
      text: "Sin texto propuesto.",
    });
    expect(noText.status).toBe(422);
    const unknown = await send("POST", `/public/drafts/${id}/comments`, {
      ...comment,
      id: uuidv7(),
      sectionId: uuidv7(),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const view = await publicDraft();
    expect(view.comments).toHaveLength(4);
    expect(view.comments.every((c) => c.channel === "web" && c.response === null)).toBe(true);
  });

  it("publishes version 2 only once every comment has its answer, and shows which amendment changed what", async () => {
    expect((await send("POST", `/organizer/drafts/${id}/next`, {}, organizer)).status).toBe(200);
    const waiting = await send("POST", `/organizer/drafts/${id}/publish`, {}, organizer);
    expect(waiting.status).toBe(409);
    expect((await read<{ title: string }>(waiting)).title).toBe(
      "4 comments or amendments still wait for an answer",
    );

    const [accepted, phone, languages] = amendments as [DraftCommentView, DraftCommentView, DraftCommentView];
    const answer = (commentId: string, outcome: string, reason: string) =>
      send("PUT", `/organizer/draft-comments/${commentId}/response`, { outcome, reason }, organizer);
    expect((await answer(accepted.id, "accepted", "La ley no pide registro; se quita.")).status).toBe(200);
    expect(
      (await answer(phone.id, "not_accepted", "El teléfono ya está en el canal presencial.")).status,
    ).toBe(200);
    expect(
      (await answer(languages.id, "not_accepted", "Se tratará en la estrategia de idiomas.")).status,
    ).toBe(200);
    expect((await answer(accepted.id, "not_accepted", "Cambio de opinión.")).status).toBe(409);
    const comment = (await publicDraft()).comments.find((c) => c.kind === "comment")!;
    expect((await answer(comment.id, "accepted", "Gracias por participar.")).status).toBe(200);

    const editing = (
      await read<{ draft: DraftView }>(await send("GET", `/organizer/drafts/${id}`, undefined, organizer))
    ).draft;
    expect(editing.version).toBe(2);
    const sections = editing.sections.map(({ id: sectionId, heading, text }) => ({
      id: sectionId,
      heading,
      text: sectionId === accepted.sectionId ? (accepted.proposedText ?? "") : text,
    }));
    expect((await send("PUT", `/organizer/drafts/${id}/sections`, { sections }, organizer)).status).toBe(200);
    expect((await send("POST", `/organizer/drafts/${id}/publish`, {}, organizer)).status).toBe(200);

    const latest = await publicDraft();
    expect(latest.version).toBe(2);
    expect(latest.sections[1]?.text).toBe(
      "Una sola entrada para pedir información pública, sin registro obligatorio.",
    );
    const first = await publicDraft("?version=1");
    expect(first.comments.find((c) => c.id === phone.id)?.response).toMatchObject({
      outcome: "not_accepted",
      reason: "El teléfono ya está en el canal presencial.",
    });

    const { changes } = await read<{
      changes: { kind: string; after?: { number: number }; causes: DraftCommentView[] }[];
    }>(await send("GET", `/public/drafts/${id}/changes?from=1&to=2`));
    expect(changes.map((c) => c.kind)).toEqual([
      "unchanged",
      "changed",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(changes[1]?.causes.map((c) => c.id)).toEqual([accepted.id]);
    expect(changes.flatMap((c) => c.causes)).toHaveLength(1);
    expect((await send("GET", `/public/drafts/${id}/changes?from=2&to=1`)).status).toBe(404);
    expect((await send("GET", `/public/drafts/${id}/changes?from=uno&to=2`)).status).toBe(400);
    // A published version never changes.
    expect((await send("PUT", `/organizer/drafts/${id}/sections`, { sections }, organizer)).status).toBe(409);
  });
});
