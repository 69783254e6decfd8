// Voice recordings and photos from a phone reach the real server through the sync engine and tus: an upload
// cut at about half resumes from the server's offset (no byte sent twice beyond the cut chunk), the file
// counts only once its SHA-256 matches the signed input's, and the phone lets the Blob go only then.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMedia } from "../../src/client/db/database";
import { attentionCount, resendCorrected, saveInputWithMutation } from "../../src/client/db/outbox";
import { uploadMedia } from "../../src/client/sync/media-upload";
import { makeDevice } from "../support/client-device";
import { codesFor } from "../support/devices";
import { makeInput } from "../support/factories";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ requests: { maxAttachmentBytes: 16 * 1024 * 1024 } });
});
afterAll(() => server.dispose());

/** Deterministic "recording" bytes. */
function bytesOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + seed) % 251;
  return bytes;
}
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function draftMedia(
  db: Awaited<ReturnType<typeof makeDevice>>["db"],
  kind: "audio" | "photo",
  bytes: Uint8Array,
): Promise<StoredMedia> {
  const row: StoredMedia = {
    id: uuidv7(),
    ownerId: "draft",
    kind,
    mime: kind === "audio" ? "audio/webm;codecs=opus" : "image/jpeg",
    size: bytes.byteLength,
    sha256: sha256(bytes),
    ...(kind === "audio" ? { durationMs: 12_300 } : {}),
    blob: new Blob([bytes as BlobPart], { type: kind === "audio" ? "audio/webm;codecs=opus" : "image/jpeg" }),
    uploadState: "draft",
    createdAt: new Date().toISOString(),
  };
  await db.media.add(row);
  return row;
}

const refOf = ({ id, kind, mime, size, sha256, durationMs }: StoredMedia) => ({
  id,
  kind,
  mime,
  size,
  sha256,
  ...(durationMs === undefined ? {} : { durationMs }),
});

describe("media from the phone", () => {
  it("resumes a voice recording cut at about half from the server's offset, then verifies it", async () => {
    const patches: { offset: number; bytes: number }[] = [];
    let cut = false;
    const size = 1_200_000;
    const device = await makeDevice(server.url, {
      codes: codesFor(server),
      // The signal drops once the server holds about half of the file.
      fetch: async (url, init) => {
        if (init?.method === "PATCH") {
          const offset = Number(new Headers(init.headers).get("upload-offset"));
          if (!cut && offset >= size / 2) {
            cut = true;
            throw new TypeError("network connection lost");
          }
          patches.push({ offset, bytes: (init.body as Blob).size });
        }
        return fetch(url, init);
      },
    });
    try {
      const audio = await draftMedia(device.db, "audio", bytesOf(size, 3));
      const photo = await draftMedia(device.db, "photo", bytesOf(90_000, 5));
      const input = makeInput({ deviceId: device.deviceId, media: [refOf(audio), refOf(photo)] });
      await saveInputWithMutation(device.db, input, uuidv7());
      expect((await device.db.media.get(audio.id))?.uploadState).toBe("pending");

      await expect(device.engine.sync()).rejects.toMatchObject({ kind: "offline" });
      // The input went; the recording is half on the server, whole on the phone, and both files wait.
      expect((await device.db.outbox.toArray()).map((entry) => [entry.kind, entry.status])).toEqual([
        ["media", "pending"],
        ["media", "pending"],
      ]);
      expect((await device.db.media.get(audio.id))?.blob?.size).toBe(size);
      const half = await server.storage.db
        .selectFrom("attachments")
        .select(["state"])
        .where("id", "=", audio.id)
        .executeTakeFirstOrThrow();
      expect(half.state).toBe("pending");

      await device.engine.sync();
      const offsets = patches.filter((patch) => patch.offset > 0).map((patch) => patch.offset);
      const resumedAt = Math.max(...offsets.filter((offset) => offset < size / 2));
      // After the cut the next PATCH starts where the server stopped: the bytes sent add up to the file once.
      const audioBytes = patches.reduce((sum, patch) => sum + patch.bytes, 0) - photo.size;
      expect(audioBytes).toBe(size);
      expect(resumedAt).toBeGreaterThan(0);

      const rows = await server.storage.db
        .selectFrom("attachments")
        .select(["id", "state", "sha256", "size", "storage_key", "created_by"])
        .where("id", "in", [audio.id, photo.id])
        .execute();
      expect(rows.map((row) => [row.id, row.state, row.sha256, row.created_by]).sort()).toEqual(
        [
          [audio.id, "complete", audio.sha256, `device:${device.deviceId}`],
          [photo.id, "complete", photo.sha256, `device:${device.deviceId}`],
        ].sort(),
      );
      const stored = readFileSync(
        path.join(server.dataDir, "files", rows.find((row) => row.id === audio.id)!.storage_key),
      );
      expect(sha256(stored)).toBe(audio.sha256);
      // Verified: the phone lets the Blobs go and keeps the record of them.
      for (const id of [audio.id, photo.id]) {
        const row = await device.db.media.get(id);
        expect(row?.uploadState).toBe("uploaded");
        expect(row?.blob).toBeUndefined();
      }
      const payload = await server.storage.db
        .selectFrom("inputs")
        .select("payload")
        .where("id", "=", input.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(payload.payload).media.map((media: { sha256: string }) => media.sha256)).toEqual([
        audio.sha256,
        photo.sha256,
      ]);
    } finally {
      device.close();
    }
  });

  it("refuses uploads from an unknown token and a phone's look at another phone's upload", async () => {
    const one = await makeDevice(server.url, { codes: codesFor(server) });
    const other = await makeDevice(server.url, { codes: codesFor(server) });
    try {
      const audio = await draftMedia(one.db, "audio", bytesOf(50_000, 9));
      await saveInputWithMutation(
        one.db,
        makeInput({ deviceId: one.deviceId, media: [refOf(audio)] }),
        uuidv7(),
      );
      await one.engine.sync();
      const otherToken = (await other.settings.getIdentity())!.token;
      const peek = await fetch(`${server.url}/api/v1/uploads/${audio.id}`, {
        method: "HEAD",
        headers: { "tus-resumable": "1.0.0", authorization: `Bearer ${otherToken}` },
      });
      expect(peek.status).toBe(404);
      // A file no accepted input of this phone names (or named with other bytes) is refused for good.
      const identity = (await one.settings.getIdentity())!;
      const unnamed = bytesOf(1_000, 4);
      const upload = (id: string, bytes: Uint8Array, claimed = sha256(bytes)) =>
        uploadMedia(
          { id, mime: "audio/webm", sha256: claimed, blob: new Blob([bytes as BlobPart]) },
          { baseUrl: server.url, token: identity.token, fetch, requestTimeoutMs: 5_000 },
        );
      await expect(upload(uuidv7(), unnamed)).rejects.toMatchObject({ status: 400 });
      const named = await draftMedia(one.db, "audio", bytesOf(2_000, 8));
      await saveInputWithMutation(
        one.db,
        makeInput({ deviceId: one.deviceId, media: [refOf(named)] }),
        uuidv7(),
      );
      // As if another tab had sent it already: its Blob let go, so this engine has nothing of it to send.
      await one.db.media.update(named.id, { uploadState: "uploaded", blob: undefined });
      await one.engine.sync();
      await expect(upload(named.id, unnamed)).rejects.toMatchObject({ status: 400 });
      const stranger = await fetch(`${server.url}/api/v1/uploads`, {
        method: "POST",
        headers: {
          "tus-resumable": "1.0.0",
          "upload-length": "10",
          authorization: `Bearer ${"x".repeat(43)}`,
        },
      });
      expect(stranger.status).toBe(401);
    } finally {
      one.close();
      other.close();
    }
  });

  it("keeps a file waiting, not refused, while the record that names it was not taken", async () => {
    let answerNothing = true;
    const uploads: string[] = [];
    const device = await makeDevice(server.url, {
      codes: codesFor(server),
      fetch: async (url, init) => {
        if (String(url).includes("/uploads")) uploads.push(String(init?.method));
        const response = await fetch(url, init);
        if (answerNothing && String(url).includes("/sync/push")) {
          answerNothing = false;
          // An answer that names none of the batch (a confused proxy, say): the push did not go through.
          return new Response(JSON.stringify({ results: [], serverTime: new Date().toISOString() }), {
            status: 200,
            headers: { "content-type": "application/json" },
          });
        }
        return response;
      },
    });
    try {
      const photo = await draftMedia(device.db, "photo", bytesOf(20_000, 7));
      const input = makeInput({ deviceId: device.deviceId, media: [refOf(photo)] });
      await saveInputWithMutation(device.db, input, uuidv7());
      await expect(device.engine.sync()).rejects.toMatchObject({ kind: "protocol" });
      expect(uploads).toEqual([]);
      expect((await device.db.media.get(photo.id))?.uploadState).toBe("pending");
      expect(await attentionCount(device.db)).toBe(0);

      await device.engine.sync();
      expect((await device.db.media.get(photo.id))?.uploadState).toBe("uploaded");
      expect(await device.db.outbox.count()).toBe(0);
    } finally {
      device.close();
    }
  });
  it("keeps the files of a refused record waiting, not refused, and sends them after its correction", async () => {
    const uploads: string[] = [];
    const device = await makeDevice(server.url, {
      codes: codesFor(server),
      fetch: (url, init) => {
        if (String(url).includes("/uploads")) uploads.push(String(init?.method));
        return fetch(url, init);
      },
    });
    try {
      const photo = await draftMedia(device.db, "photo", bytesOf(20_000, 11));
      // A version of the consultation the server does not know: the input is refused, for a person to correct.
      const input = makeInput({ deviceId: device.deviceId, consultationVersion: 99, media: [refOf(photo)] });
      await saveInputWithMutation(device.db, input, uuidv7());
      await device.engine.sync();
      expect((await device.db.inputs.get(input.id))?.syncState).toBe("rejected");
      expect(uploads).toEqual([]);
      expect((await device.db.media.get(photo.id))?.uploadState).toBe("pending");
      expect(await attentionCount(device.db)).toBe(1);

      await resendCorrected(device.db, input.id, { ...input, consultationVersion: 1 }, uuidv7());
      await device.engine.sync();
      expect((await device.db.media.get(photo.id))?.uploadState).toBe("uploaded");
      expect(await attentionCount(device.db)).toBe(0);
      expect(await device.db.outbox.count()).toBe(0);
      const stored = await server.storage.db
        .selectFrom("attachments")
        .select(["state", "sha256"])
        .where("id", "=", photo.id)
        .executeTakeFirst();
      expect(stored).toEqual({ state: "complete", sha256: photo.sha256 });
    } finally {
      device.close();
    }
  });
});
