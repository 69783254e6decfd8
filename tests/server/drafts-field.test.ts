// Drafting linked to the field and to the tracker (issue #13, items 1 and 6), against the real server: a comment or
// amendment captured offline on an enrolled phone arrives through the signed push once (a re-send is a duplicate,
// an altered one is quarantined); an amendment cites the consultation inputs it rests on; a published version is
// kept as a milestone's evidence at the address of its own SHA-256.
import { createHash } from "node:crypto";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import { signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { DraftView, FieldDraftComment } from "../../src/domain/drafts";
import type { PushResponse } from "../../src/domain/sync-messages";
import type { Commitment } from "../../src/domain/tracker";
import { DEMO_COMMITMENT_ID } from "../../src/server/tracker/demo-commitment";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { postJson, seededInstitution, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let organizer: string;
let officer: string;
let phone: DeviceIdentity;
const draftId = uuidv7();
const otherDraftId = uuidv7();
let sections: DraftView["sections"];

const api = (path: string) => `${server.url}/api/v1${path}`;
const publicDraft = async () =>
  ((await (await fetch(api(`/public/drafts/${draftId}`))).json()) as { draft: DraftView }).draft;

async function commentMutation(comment: FieldDraftComment, seq: number) {
  return {
    mutationId: uuidv7(),
    seq,
    type: "draft.comment" as const,
    recordId: comment.id,
    payload: comment,
    createdAt: comment.createdAt,
    signature: await signText(phone.privateKey, canonicalJson(comment)),
  };
}
const fieldComment = (overrides: Partial<FieldDraftComment> = {}): FieldDraftComment => ({
  id: uuidv7(),
  draftId,
  deviceId: phone.deviceId,
  readVersion: 1,
  sectionId: sections[1]!.id,
  kind: "comment",
  text: "En la asamblea pidieron que la ventanilla atienda también en q'eqchi'.",
  createdAt: "2026-11-28T10:00:00.000Z",
  ...overrides,
});
const push = async (mutations: unknown[]) => {
  const response = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations });
  expect(response.status).toBe(200);
  return ((await response.json()) as PushResponse).results;
};

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "redaccion@gae.gob.gt", role: "organizer" });
  officer = await staffSession(server, {
    email: "uip@gae.gob.gt",
    role: "officer",
    institutionId: seededInstitution("GAE").id,
  });
  phone = await enrol(server.url, codesFor(server));
  const markdown = "# Propósito\nServir.\n\n# Ventanilla única\nUna sola entrada.\n\n# Firma\nAvanzada.\n";
  for (const [id, consultationId] of [
    [draftId, makeInput().consultationId],
    [otherDraftId, undefined],
  ] as const) {
    const created = await postJson(
      api("/organizer/drafts"),
      { id, title: { es: "Estrategia: borrador" }, markdown, ...(consultationId ? { consultationId } : {}) },
      organizer,
    );
    expect(created.status).toBe(201);
    expect((await postJson(api(`/organizer/drafts/${id}/publish`), {}, organizer)).status).toBe(200);
  }
  sections = (await publicDraft()).sections;
});
afterAll(() => server.dispose());

describe("comments captured in the field", () => {
  it("arrive once through the signed push, citing the inputs of the draft's consultation", async () => {
    const input = makeInput({ deviceId: phone.deviceId });
    const amendment = fieldComment({
      kind: "amendment",
      text: "Que la ventanilla sea sin registro, como pidió la comunidad.",
      proposedText: "Una sola entrada, sin registro obligatorio.",
      inputIds: [input.id],
    });
    const mutation = await commentMutation(amendment, 2);
    const results = await push([await signedMutation(phone, input, 1), mutation]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    // The answer was lost: the phone sends the same batch again, and then the same comment under a new mutation id.
    expect((await push([mutation])).map((r) => r.status)).toEqual(["duplicate"]);
    const again = await commentMutation(amendment, 3);
    expect((await push([again])).map((r) => r.status)).toEqual(["duplicate"]);

    const stored = (await publicDraft()).comments.filter((c) => c.id === amendment.id);
    expect(stored).toEqual([
      expect.objectContaining({
        kind: "amendment",
        channel: "field",
        sectionId: sections[1]!.id,
        inputIds: [input.id],
        proposedText: "Una sola entrada, sin registro obligatorio.",
        createdAt: amendment.createdAt,
      }),
    ]);
  });

  it("refuses another comment under a used id, a lost section and altered bytes; keeps one citing unknown inputs", async () => {
    const first = fieldComment();
    expect((await push([await commentMutation(first, 4)])).map((r) => r.status)).toEqual(["applied"]);
    const before = (await publicDraft()).comments.length;
    const reused = await commentMutation({ ...first, text: "Otro texto con el mismo identificador." }, 5);
    const lostSection = await commentMutation(fieldComment({ sectionId: uuidv7() }), 6);
    const foreign = await commentMutation(fieldComment({ inputIds: [uuidv7()] }), 7);
    const otherDraft = await commentMutation(fieldComment({ draftId: otherDraftId, inputIds: [] }), 8);
    const altered = await commentMutation(fieldComment(), 9);
    altered.payload = { ...altered.payload, text: "Texto cambiado después de firmar." };
    const results = await push([reused, lostSection, foreign, otherDraft, altered]);
    expect(results.map((r) => [r.status, r.problem?.type.split(":").at(-1)])).toEqual([
      ["rejected", "record-conflict"],
      ["rejected", "draft-comment-rejected"],
      // A person's words are kept; a citation the server cannot find (refused, another consultation's) is not.
      ["applied", undefined],
      // The other draft is published (section ids differ): its section is not this one.
      ["rejected", "draft-comment-rejected"],
      ["rejected", "bad-signature"],
    ]);
    expect(results[1]!.problem?.errors).toEqual([{ pointer: "/payload/sectionId", code: "unknown-section" }]);
    const after = (await publicDraft()).comments;
    expect(after.length).toBe(before + 1);
    expect(after.find((c) => c.id === foreign.recordId)?.inputIds).toEqual([]);
    const quarantined = await server.storage.db
      .selectFrom("quarantine")
      .select("mutation_id")
      .where("device_id", "=", phone.deviceId)
      .execute();
    expect(quarantined.map((q) => q.mutation_id)).toEqual(
      expect.arrayContaining([lostSection.mutationId, altered.mutationId]),
    );
  });

  it("stores a comment once when two pushes bring it at the same time", async () => {
    const twice = fieldComment({ text: "Dos envíos a la vez del mismo comentario, al volver la señal." });
    const [a, b] = await Promise.all([
      push([await commentMutation(twice, 11)]),
      push([await commentMutation(twice, 12)]),
    ]);
    expect([a[0]!.status, b[0]!.status].sort()).toEqual(["applied", "duplicate"]);
    expect((await publicDraft()).comments.filter((c) => c.id === twice.id)).toHaveLength(1);
  });

  it("lands a comment read on an older version on the latest one, saying which it was written on", async () => {
    const other = async () =>
      ((await (await fetch(api(`/public/drafts/${otherDraftId}`))).json()) as { draft: DraftView }).draft;
    const read = await other();
    expect((await postJson(api(`/organizer/drafts/${otherDraftId}/next`), {}, organizer)).status).toBe(200);
    expect((await postJson(api(`/organizer/drafts/${otherDraftId}/publish`), {}, organizer)).status).toBe(
      200,
    );
    const late = fieldComment({ draftId: otherDraftId, sectionId: read.sections[2]!.id, readVersion: 1 });
    expect((await push([await commentMutation(late, 10)])).map((r) => r.status)).toEqual(["applied"]);
    const now = await other();
    expect(now.version).toBe(2);
    expect(now.comments).toEqual([
      expect.objectContaining({ id: late.id, version: 2, readVersion: 1, channel: "field" }),
    ]);
  });

  it("leaves citing inputs to facilitators' phones: an anonymous comment cannot borrow their weight", async () => {
    const comment = {
      id: uuidv7(),
      sectionId: sections[0]!.id,
      kind: "comment",
      text: "Un comentario que cita un aporte de otra persona.",
      inputIds: [uuidv7()],
    };
    const refused = await postJson(api(`/public/drafts/${draftId}/comments`), comment);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([
      { pointer: "/inputIds", code: "not-allowed" },
    ]);
  });
});

describe("the organizer's list", () => {
  it("shows each draft's latest version and how many comments wait for an answer", async () => {
    const response = await fetch(api("/organizer/drafts"), { headers: { cookie: organizer } });
    expect(response.status).toBe(200);
    const { drafts } = (await response.json()) as {
      drafts: { id: string; version: number; status: string; unanswered: number }[];
    };
    const waiting = (await publicDraft()).comments.filter((c) => !c.response).length;
    expect(waiting).toBeGreaterThan(0);
    expect(drafts.find((d) => d.id === draftId)).toMatchObject({
      version: 1,
      status: "published",
      unanswered: waiting,
    });
    // The other draft took one late comment from the field on its version 2.
    expect(drafts.find((d) => d.id === otherDraftId)).toMatchObject({ version: 2, unanswered: 1 });
    expect((await fetch(api("/organizer/drafts"))).status).toBe(401);
  });
});

describe("a published version as a milestone's evidence", () => {
  it("is written out as Markdown and kept at the address of its SHA-256", async () => {
    const commitment = (
      (await (await fetch(api(`/public/commitments/${DEMO_COMMITMENT_ID}`))).json()) as {
        commitment: Commitment;
      }
    ).commitment;
    const milestone = commitment.milestones.find((m) => m.institution.acronym === "GAE")!;
    const update = {
      id: uuidv7(),
      happenedOn: "2019-06-30",
      status: "substantial",
      text: "La estrategia se redactó con la sociedad civil; la versión publicada queda como evidencia.",
    };
    const unpublished = await postJson(
      api(`/officer/milestones/${milestone.id}/updates`),
      { ...update, draftVersions: [{ draftId, version: 2 }] },
      officer,
    );
    expect(unpublished.status).toBe(422);
    const posted = await postJson(
      api(`/officer/milestones/${milestone.id}/updates`),
      { ...update, draftVersions: [{ draftId, version: 1 }] },
      officer,
    );
    expect(posted.status).toBe(201);
    const shown = (await publicCommitmentUpdate(milestone.id, update.id))!;
    expect(shown.evidence).toHaveLength(1);
    const file = shown.evidence[0]!;
    expect(file.mediaType).toBe("text/markdown; charset=utf-8");
    const bytes = Buffer.from(await (await fetch(`${server.url}/evidencia/${file.sha256}`)).arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
    const text = bytes.toString("utf8");
    expect(text).toContain("# Estrategia: borrador (versión 1)");
    expect(text).toContain("## 2. Ventanilla única\n\nUna sola entrada.");
  });
});

async function publicCommitmentUpdate(milestoneId: string, updateId: string) {
  const commitment = (
    (await (await fetch(api(`/public/commitments/${DEMO_COMMITMENT_ID}`))).json()) as {
      commitment: Commitment;
    }
  ).commitment;
  return commitment.milestones.find((m) => m.id === milestoneId)?.updates.find((u) => u.id === updateId);
}
