// Offline transfer files against the real server (issue #14, server side): what a phone would push, carried by
// hand, is applied exactly once whether an organizer imports it, another phone relays it, or the phone pushes it
// later or at the same time; a file cut short, altered, made elsewhere or from a revoked phone gives every valid
// entry it holds and a report of the rest.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceIdentity, signText } from "../../src/client/enrol/device-identity";
import { uploadMedia } from "../../src/client/sync/media-upload";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { InputCreateMutation, PushResponse } from "../../src/domain/sync-messages";
import {
  manifestText,
  TRANSFER_FORMAT,
  type TransferFile,
  type TransferReport,
} from "../../src/domain/transfer";
import { sha256Hex } from "../../src/server/hash";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { makeRequest, postJson, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { sha256Hex as sha256Bytes, uploadFile } from "../support/tus";

let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await staffSession(server, { email: "o@segeplan.gob.gt", role: "organizer" });
});
afterAll(() => server.dispose());

/** `n` inputs captured on `phone`, signed as its outbox would push them. */
async function pending(phone: DeviceIdentity, n: number): Promise<InputCreateMutation[]> {
  const mutations: InputCreateMutation[] = [];
  for (let i = 0; i < n; i++)
    mutations.push(
      await signedMutation(phone, makeInput({ freeText: `Aporte ${i} llevado a mano.` }), i + 1),
    );
  return mutations;
}

/** The file as the phone writes it: its mutations and a manifest of them signed with its key. */
async function transferFile(phone: DeviceIdentity, entries: InputCreateMutation[]): Promise<TransferFile> {
  const manifest = {
    format: TRANSFER_FORMAT,
    version: 1,
    deviceId: phone.deviceId,
    createdAt: "2026-11-30T18:00:00.000Z",
    entries: entries.map((m) => ({
      mutationId: m.mutationId,
      payloadSha256: sha256Hex(canonicalJson(m.payload)),
    })),
  } as const;
  return { manifest, signature: await signText(phone.privateKey, manifestText(manifest)), entries };
}

const importFile = (file: unknown, cookie = organizer) =>
  postJson(`${server.url}/api/v1/organizer/transfers`, file, cookie);
const report = async (response: Response) => {
  expect(response.status).toBe(200);
  return ((await response.json()) as { report: TransferReport }).report;
};
const storedInputs = async (ids: string[]) =>
  server.storage.db.selectFrom("inputs").select(["id", "device_id"]).where("id", "in", ids).execute();

describe("importing a transfer file", () => {
  it("applies 20 inputs once; the phone's later push and a second import are duplicates", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const entries = await pending(phone, 20);
    const first = await report(await importFile(await transferFile(phone, entries)));
    expect(first).toMatchObject({
      deviceId: phone.deviceId,
      manifestSigned: true,
      missing: [],
      unlisted: [],
    });
    expect(first.counts).toEqual({ applied: 20, duplicate: 0, quarantined: 0 });
    const ids = entries.map((m) => m.recordId);
    expect((await storedInputs(ids)).every((row) => row.device_id === phone.deviceId)).toBe(true);
    expect(await storedInputs(ids)).toHaveLength(20);

    // The phone reaches a signal and pushes what it still holds as pending: each is a duplicate.
    const pushed = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: entries });
    expect(((await pushed.json()) as PushResponse).results.map((r) => r.status)).toEqual(
      Array(20).fill("duplicate"),
    );
    const again = await report(await importFile(await transferFile(phone, entries)));
    expect(again.counts).toEqual({ applied: 0, duplicate: 20, quarantined: 0 });
    expect(await storedInputs(ids)).toHaveLength(20);
  });

  it("quarantines an altered entry and applies the others; says what a cut or altered file lacks", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const entries = await pending(phone, 6);
    const file = await transferFile(phone, entries);
    const altered = structuredClone(file);
    (altered.entries[2] as InputCreateMutation).payload.freeText = "Texto cambiado en el camino.";
    const cut = { ...altered, entries: altered.entries.slice(0, 5) };
    const result = await report(await importFile(cut));
    expect(result.manifestSigned).toBe(true);
    expect(result.missing).toEqual([entries[5]!.mutationId]);
    expect(result.unlisted).toEqual([entries[2]!.mutationId]);
    expect(result.entries.map((e) => e.outcome)).toEqual([
      "applied",
      "applied",
      "quarantined",
      "applied",
      "applied",
    ]);
    expect(result.entries[2]!.problem?.type).toBe("urn:tejido:problem:bad-signature");
    const quarantined = await server.storage.db
      .selectFrom("quarantine")
      .select("mutation_id")
      .where("device_id", "=", phone.deviceId)
      .execute();
    expect(quarantined.map((q) => q.mutation_id)).toEqual([entries[2]!.mutationId]);

    // A manifest changed after signing says so; the entries, each signed, are judged on their own: the genuine
    // third entry (its altered copy was quarantined, never logged) and the sixth arrive now, the rest once before.
    const forged = { ...file, manifest: { ...file.manifest, createdAt: "2026-12-01T00:00:00.000Z" } };
    const judged = await report(await importFile(forged));
    expect(judged.manifestSigned).toBe(false);
    expect(judged.counts).toEqual({ applied: 2, duplicate: 4, quarantined: 0 });
    expect(judged.entries.filter((e) => e.outcome === "applied").map((e) => e.index)).toEqual([2, 5]);
  });

  it("applies each entry once when the phone pushes while the file is imported", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const entries = await pending(phone, 30);
    const [imported, pushed] = await Promise.all([
      importFile(await transferFile(phone, entries)).then(report),
      pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: entries }).then(
        async (r) => ((await r.json()) as PushResponse).results,
      ),
    ]);
    for (let i = 0; i < 30; i++) {
      const statuses = [imported.entries[i]!.outcome, pushed[i]!.status].sort();
      expect(statuses).toEqual(["applied", "duplicate"]);
    }
    expect(await storedInputs(entries.map((m) => m.recordId))).toHaveLength(30);
  });

  it("refuses a file from a revoked phone (kept for review) or one not enrolled here, and a broken file", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const entries = await pending(phone, 2);
    const file = await transferFile(phone, entries);
    await server.storage.db
      .updateTable("devices")
      .set({ revoked_at: new Date().toISOString() })
      .where("id", "=", phone.deviceId)
      .execute();
    const revoked = await importFile(file);
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as { type: string }).type).toBe("urn:tejido:problem:device-revoked");
    expect(await storedInputs(entries.map((m) => m.recordId))).toHaveLength(0);
    expect(
      await server.storage.db
        .selectFrom("quarantine")
        .select("mutation_id")
        .where("device_id", "=", phone.deviceId)
        .execute(),
    ).toHaveLength(2);

    const stranger = { ...file, manifest: { ...file.manifest, deviceId: uuidv7() } };
    expect((await importFile(stranger)).status).toBe(422);
    const broken = await importFile({ manifest: { format: "otra-cosa" }, entries: [] });
    expect(broken.status).toBe(400);
    expect((await importFile(file, "")).status).toBe(401);
  });
});

describe("a large file over the resumable upload", () => {
  it("imports a file the organizer uploaded, named by its upload id, and no one else's", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const entries = await pending(phone, 5);
    const bytes = new TextEncoder().encode(JSON.stringify(await transferFile(phone, entries)));
    const uploadId = await uploadFile(
      server.url,
      organizer,
      "tejido-transfer.json",
      "application/json",
      bytes,
    );
    const imported = await report(await importFile({ uploadId }));
    expect(imported.counts).toEqual({ applied: 5, duplicate: 0, quarantined: 0 });
    const other = await staffSession(server, { email: "otra@segeplan.gob.gt", role: "organizer" });
    const refused = await importFile({ uploadId }, other);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([
      { pointer: "/uploadId", code: "unknown" },
    ]);
  });
});

describe("information requests in a transfer file", () => {
  it("files each request the signed list names, with its folio, once; refuses one changed on the way", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const taken = makeRequest({ channel: "oral", description: "Cuánto se gastó en el puente de la aldea." });
    const other = makeRequest({ description: "Lista de becas del municipio en 2026." });
    const file = await transferFile(phone, []);
    file.manifest = {
      ...file.manifest,
      requests: [taken, other].map((r) => ({ id: r.id, sha256: sha256Hex(canonicalJson(r)) })),
    };
    file.signature = await signText(phone.privateKey, manifestText(file.manifest));
    file.requests = [taken, { ...other, description: "Otra cosa que nadie pidió." }];
    const first = await report(await importFile(file));
    expect(first.requests.map((r) => [r.id, r.outcome])).toEqual([
      [taken.id, "filed"],
      [other.id, "refused"],
    ]);
    const folio = first.requests[0]!.folio;
    expect(folio).toMatch(/^\S+$/);
    const again = await report(await importFile(file));
    expect(again.requests[0]).toMatchObject({ outcome: "duplicate", folio });
    // The phone reaches a signal and files it as usual: the same request, the same folio.
    const direct = await postJson(`${server.url}/api/v1/requests`, taken);
    expect(direct.status).toBe(200);
    expect(((await direct.json()) as { folio: string }).folio).toBe(folio);
  });
});

describe("relaying a transfer file through another phone", () => {
  it("applies the entries under their own device, checked against its key, never the carrier's", async () => {
    const origin = await enrol(server.url, codesFor(server));
    const carrier = await enrol(server.url, codesFor(server));
    const entries = await pending(origin, 4);
    const file = await transferFile(origin, entries);
    const relay = (body: unknown, token: string) =>
      fetch(`${server.url}/api/v1/sync/relay`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await relay(file, "x".repeat(40))).status).toBe(401);
    const relayed = await report(await relay(file, carrier.token));
    expect(relayed.counts).toEqual({ applied: 4, duplicate: 0, quarantined: 0 });
    const rows = await storedInputs(entries.map((m) => m.recordId));
    expect(rows.map((row) => row.device_id)).toEqual(Array(4).fill(origin.deviceId));

    // A carrier that re-signs the entries as its own gets them quarantined: the key is the original device's.
    const own = await pending(origin, 1);
    const resigned = {
      ...(await transferFile(origin, own)),
      entries: [
        { ...own[0]!, signature: await signText(carrier.privateKey, canonicalJson(own[0]!.payload)) },
      ],
    };
    expect((await report(await relay(resigned, carrier.token))).counts.quarantined).toBe(1);
  });
});

describe("voice recordings and photos in a transfer file", () => {
  /** An input naming one recording, signed by `phone`, and the recording as the file carries it. */
  async function withRecording(phone: DeviceIdentity, bytes: Uint8Array, seq: number) {
    const ref = {
      id: uuidv7(),
      kind: "audio" as const,
      mime: "audio/webm;codecs=opus",
      size: bytes.length,
      sha256: sha256Bytes(bytes),
      durationMs: 4_000,
    };
    const mutation = await signedMutation(
      phone,
      makeInput({ freeText: "Lo dijo en voz alta.", media: [ref] }),
      seq,
    );
    return { ref, mutation, carried: { ...ref, data: Buffer.from(bytes).toString("base64") } };
  }
  async function fileWithMedia(phone: DeviceIdentity, entries: InputCreateMutation[], media: object[]) {
    const file = await transferFile(phone, entries);
    file.manifest = {
      ...file.manifest,
      media: media.map((m) => {
        const { id, size, sha256 } = m as { id: string; size: number; sha256: string };
        return { id, size, sha256 };
      }),
    };
    file.signature = await signText(phone.privateKey, manifestText(file.manifest));
    file.media = media;
    return file;
  }

  it("stores a recording once, where the phone's own upload then finds it complete without sending a byte", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const { ref, mutation, carried } = await withRecording(phone, bytes, 1);
    const file = await fileWithMedia(phone, [mutation], [carried]);
    const first = await report(await importFile(file));
    expect(first.counts.applied).toBe(1);
    expect(first.media).toEqual([{ index: 0, id: ref.id, outcome: "stored" }]);
    const row = await server.storage.db
      .selectFrom("attachments")
      .select(["state", "created_by", "size", "sha256", "storage_key"])
      .where("id", "=", ref.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: "complete",
      created_by: `device:${phone.deviceId}`,
      size: bytes.length,
      sha256: ref.sha256,
    });
    expect(sha256Bytes(await readFile(path.join(server.dataDir, "files", row.storage_key)))).toBe(ref.sha256);
    expect((await report(await importFile(file))).media[0]!.outcome).toBe("duplicate");

    // The phone reaches a signal: its upload asks where the file stands and finds it whole.
    const methods: string[] = [];
    const counted: typeof fetch = (input, init) => {
      methods.push(init?.method ?? "GET");
      return fetch(input, init);
    };
    await uploadMedia(
      { id: ref.id, mime: ref.mime, sha256: ref.sha256, blob: new Blob([bytes]) },
      { baseUrl: server.url, token: phone.token, fetch: counted, requestTimeoutMs: 10_000 },
    );
    expect(methods).toEqual(["HEAD"]);
  });

  it("refuses a file altered on the way, one the signed list lacks, and one whose record was quarantined", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const good = await withRecording(phone, new Uint8Array(5_000).fill(3), 1);
    const altered = await withRecording(phone, new Uint8Array(5_000).fill(4), 2);
    const slipped = await withRecording(phone, new Uint8Array(5_000).fill(5), 3);
    const orphan = await withRecording(phone, new Uint8Array(5_000).fill(6), 4);
    const file = await fileWithMedia(
      phone,
      [good.mutation, altered.mutation, slipped.mutation, orphan.mutation],
      [good.carried, altered.carried, orphan.carried],
    );
    // Bytes changed after the manifest was signed; a file added to the list unsigned; a record altered.
    file.media![1] = {
      ...altered.carried,
      data: Buffer.from(new Uint8Array(5_000).fill(9)).toString("base64"),
    };
    file.media!.push(slipped.carried);
    (file.entries[3] as InputCreateMutation).payload.freeText = "Cambiado en el camino.";
    const result = await report(await importFile(file));
    expect(result.counts).toEqual({ applied: 3, duplicate: 0, quarantined: 1 });
    expect(result.media.map((m) => [m.id, m.outcome])).toEqual([
      [good.ref.id, "stored"],
      [altered.ref.id, "refused"],
      [orphan.ref.id, "refused"],
      [slipped.ref.id, "refused"],
    ]);
    expect(result.media[1]!.problem?.title).toMatch(/SHA-256/);
    expect(result.media[2]!.problem?.title).toMatch(/No accepted record/);
    expect(result.media[3]!.problem?.title).toMatch(/signed list/);
    const stored = await server.storage.db
      .selectFrom("attachments")
      .select("id")
      .where("id", "in", [good.ref.id, altered.ref.id, slipped.ref.id, orphan.ref.id])
      .execute();
    expect(stored.map((s) => s.id)).toEqual([good.ref.id]);
  });
});
