// Resumable uploads (tus) over real HTTP: an upload cut at half resumes from the server's offset, never from
// zero; a damaged file is refused and kept nowhere; size limits, roles and ownership hold.

import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/auth/accounts-store";
import { seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { createUpload, patchUpload, sha256Hex, uploadOffset, uploadUrl } from "../support/tus";

let server: TestServer;
const PASSWORD = "subidas reanudables 2026";
const MAX = 2 * 1024 * 1024;
let officer: string;

beforeAll(async () => {
  server = await startTestServer({ requests: { maxAttachmentBytes: MAX } });
  const db = server.storage.db;
  const minfin = seededInstitution("MINFIN").id;
  await createUser(
    db,
    { email: "a@minfin.gob.gt", name: "A", role: "officer", institutionId: minfin, password: PASSWORD },
    new Date(),
  );
  await createUser(
    db,
    { email: "b@minfin.gob.gt", name: "B", role: "officer", institutionId: minfin, password: PASSWORD },
    new Date(),
  );
  await createUser(
    db,
    { email: "org@segeplan.gob.gt", name: "O", role: "organizer", password: PASSWORD },
    new Date(),
  );
});
afterAll(() => server.dispose());
beforeEach(async () => {
  officer = await signIn(server.url, "a@minfin.gob.gt", PASSWORD);
});

/** Deterministic bytes of a given size. */
function fileOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  return bytes;
}

/**
 * Sends a PATCH that declares the whole rest of the file but the connection dies after `cutAfter` bytes,
 * as a phone's does when the signal drops. Resolves when the socket is gone.
 */
function cutPatch(
  url: string,
  cookie: string,
  offset: number,
  rest: Uint8Array,
  cutAfter: number,
): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(url, {
      method: "PATCH",
      headers: {
        "tus-resumable": "1.0.0",
        cookie,
        "upload-offset": String(offset),
        "content-type": "application/offset+octet-stream",
        "content-length": String(rest.length),
      },
    });
    request.on("error", () => resolve());
    request.on("close", () => resolve());
    request.write(rest.subarray(0, cutAfter), () => {
      // Give the server time to write what arrived, then drop the connection mid-body.
      setTimeout(() => request.destroy(), 300);
    });
  });
}

const attachment = (id: string) =>
  server.storage.db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();

describe("resumable uploads", () => {
  it("resumes an upload cut at about half from its offset, and verifies the whole file", async () => {
    const bytes = fileOf(1_500_000);
    const created = await createUpload(server.url, officer, {
      name: "acta.pdf",
      mime: "application/pdf",
      size: bytes.length,
      sha256: sha256Hex(bytes),
    });
    expect(created.status).toBe(201);
    const url = uploadUrl(server.url, created);
    const id = url.split("/").pop()!;

    await cutPatch(url, officer, 0, bytes, 750_000);
    const offset = await uploadOffset(url, officer);
    // The server kept what arrived before the cut: the next PATCH starts there, not at zero.
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(750_000);
    expect((await attachment(id))?.state).toBe("pending");
    // Starting over from zero is refused: the offset must match what the server holds.
    expect((await patchUpload(url, officer, 0, bytes)).status).toBe(409);

    const resumed = await patchUpload(url, officer, offset, bytes.subarray(offset));
    expect(resumed.status).toBe(204);
    expect(Number(resumed.headers.get("upload-offset"))).toBe(bytes.length);
    // Bytes received in all: the part before the cut plus the rest, once each.
    expect(offset + (bytes.length - offset)).toBe(bytes.length);
    expect(await attachment(id)).toMatchObject({
      state: "complete",
      size: bytes.length,
      sha256: sha256Hex(bytes),
    });
  });

  it("refuses a file whose bytes do not match its declared sha256, and keeps none of it", async () => {
    const bytes = fileOf(10_000);
    const created = await createUpload(server.url, officer, {
      name: "x.csv",
      mime: "text/csv",
      size: bytes.length,
      sha256: sha256Hex(fileOf(9_999)),
    });
    const url = uploadUrl(server.url, created);
    const id = url.split("/").pop()!;
    const patched = await patchUpload(url, officer, 0, bytes);
    expect(patched.status).toBe(460);
    expect(await attachment(id)).toBeUndefined();
    expect(existsSync(path.join(server.dataDir, "files", "uploads", id))).toBe(false);
  });

  it("never deletes a complete file, and finishes the check a stopped server left undone", async () => {
    const bytes = fileOf(20_000);
    const created = await createUpload(server.url, officer, {
      name: "oficio.pdf",
      mime: "application/pdf",
      size: bytes.length,
      sha256: sha256Hex(bytes),
    });
    const url = uploadUrl(server.url, created);
    const id = url.split("/").pop()!;
    expect((await patchUpload(url, officer, 0, bytes)).status).toBe(204);
    const deleted = await fetch(url, {
      method: "DELETE",
      headers: { "tus-resumable": "1.0.0", cookie: officer },
    });
    expect(deleted.status).toBe(403);
    expect((await attachment(id))?.state).toBe("complete");
    // As if the server had stopped between the last byte and the check: the next HEAD runs the check.
    await server.storage.db
      .updateTable("attachments")
      .set({ state: "pending", completed_at: null })
      .where("id", "=", id)
      .execute();
    expect(await uploadOffset(url, officer)).toBe(bytes.length);
    expect((await attachment(id))?.state).toBe("complete");
  });

  it("refuses a file over the limit before any byte is sent", async () => {
    const response = await createUpload(server.url, officer, {
      name: "big.zip",
      mime: "application/zip",
      size: MAX + 1,
      sha256: "a".repeat(64),
    });
    expect(response.status).toBe(413);
  });

  it("asks for a name and a sha256", async () => {
    const response = await createUpload(server.url, officer, {
      name: "",
      mime: "text/plain",
      size: 10,
      sha256: "nope",
    });
    expect(response.status).toBe(400);
  });

  it("lets staff upload (organizers: transfer files), each only to their own uploads; nobody without a session", async () => {
    const bytes = fileOf(1_000);
    const meta = { name: "a.txt", mime: "text/plain", size: bytes.length, sha256: sha256Hex(bytes) };
    expect((await createUpload(server.url, undefined, meta)).status).toBe(401);
    const organizer = await signIn(server.url, "org@segeplan.gob.gt", PASSWORD);
    const url = uploadUrl(server.url, await createUpload(server.url, officer, meta));
    const other = await signIn(server.url, "b@minfin.gob.gt", PASSWORD);
    expect((await patchUpload(url, other, 0, bytes)).status).toBe(404);
    expect((await patchUpload(url, organizer, 0, bytes)).status).toBe(404);
    expect((await patchUpload(url, officer, 0, bytes)).status).toBe(204);
    const own = await createUpload(server.url, organizer, meta);
    expect(own.status).toBe(201);
    expect((await patchUpload(uploadUrl(server.url, own), organizer, 0, bytes)).status).toBe(204);
  });
});
