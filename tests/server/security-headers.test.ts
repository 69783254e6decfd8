// Every answer of the server carries the headers that keep a browser from sniffing, framing or running it — the API,
// its problems, files and CSV, not only the PWA (issue #15, findings 6 and 8) — and a stored file type can never
// carry a header of its own.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/auth/accounts-store";
import { makeRequest, postJson, seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { uploadFile } from "../support/tus";

let server: TestServer;
const PASSWORD = "cabeceras de seguridad 2026";
const minfin = seededInstitution("MINFIN");
let officer: string;

beforeAll(async () => {
  server = await startTestServer();
  await createUser(
    server.storage.db,
    {
      email: "uip@minfin.gob.gt",
      name: "UIP",
      role: "officer",
      institutionId: minfin.id,
      password: PASSWORD,
    },
    new Date(),
  );
  officer = await signIn(server.url, "uip@minfin.gob.gt", PASSWORD);
});
afterAll(() => server.dispose());

function expectHardened(response: Response, what: string) {
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  expect(response.headers.get("strict-transport-security"), what).toMatch(/^max-age=\d{7,}/);
  expect(response.headers.get("referrer-policy"), what).toBe("no-referrer");
}

describe("security headers", () => {
  it("harden JSON, problems, CSV and files alike", async () => {
    expectHardened(await fetch(`${server.url}/api/v1/health`), "health");
    expectHardened(await fetch(`${server.url}/api/v1/institutions`), "institutions");
    expectHardened(await fetch(`${server.url}/api/v1/no-such-address`), "problem 404");
    expectHardened(await fetch(`${server.url}/api/v1/statistics/requests?format=csv`), "statistics CSV");
  });

  it("sends small JSON answers as they are, with their length, and gzips large ones", async () => {
    // Gzip costs more than it saves under a kilobyte; a flood of small refusals must stay cheap to serve.
    for (const path of ["/api/v1/health", "/api/v1/no-such-address"]) {
      const small = await fetch(`${server.url}${path}`, { headers: { "accept-encoding": "gzip" } });
      expect(small.headers.get("content-encoding"), path).toBeNull();
      expect(Number(small.headers.get("content-length")), path).toBe((await small.arrayBuffer()).byteLength);
    }
    const large = await fetch(`${server.url}/api/v1/institutions`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(large.headers.get("content-encoding")).toBe("gzip");
  });

  it("stores a declared type with a line break as plain bytes, and serves every file safely", async () => {
    const request = makeRequest({ institutionId: minfin.id });
    expect((await postJson(`${server.url}/api/v1/requests`, request)).status).toBe(201);
    const bytes = new TextEncoder().encode("<script>alert(1)</script>");
    const injected = await uploadFile(server.url, officer, "nota.txt", "text/plain\r\nX-Injected: 1", bytes);
    const html = await uploadFile(server.url, officer, "pagina.html", "text/html", bytes);
    const stored = await server.storage.db
      .selectFrom("attachments")
      .select(["id", "mime"])
      .where("id", "in", [injected, html])
      .execute();
    expect(Object.fromEntries(stored.map((row) => [row.id, row.mime]))).toEqual({
      [injected]: "application/octet-stream",
      [html]: "text/html",
    });
    const answered = await postJson(
      `${server.url}/api/v1/officer/requests/${request.id}/actions`,
      {
        action: "answer",
        outcome: "delivered",
        text: "Adjuntamos dos archivos.",
        attachmentIds: [injected, html],
      },
      officer,
    );
    expect(answered.status).toBe(200);
    for (const id of [injected, html]) {
      const file = await fetch(`${server.url}/api/v1/officer/requests/${request.id}/files/${id}`, {
        headers: { cookie: officer },
      });
      expect(file.status).toBe(200);
      expect(file.headers.get("x-injected")).toBeNull();
      // HTML is handed over as bytes to save, never as a page of our origin.
      expect(file.headers.get("content-type")).toBe("application/octet-stream");
      expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
      expectHardened(file, `file ${id}`);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    }
  });

  it("serves a file stored before types were checked without breaking its headers", async () => {
    const request = makeRequest({ institutionId: minfin.id });
    expect((await postJson(`${server.url}/api/v1/requests`, request)).status).toBe(201);
    const id = await uploadFile(
      server.url,
      officer,
      "viejo.txt",
      "text/plain",
      new TextEncoder().encode("hola"),
    );
    await server.storage.db
      .updateTable("attachments")
      .set({ mime: "text/plain\r\nX-Injected: 1" })
      .where("id", "=", id)
      .execute();
    await postJson(
      `${server.url}/api/v1/officer/requests/${request.id}/actions`,
      { action: "answer", outcome: "delivered", text: "Adjuntamos el archivo.", attachmentIds: [id] },
      officer,
    );
    const file = await fetch(`${server.url}/api/v1/officer/requests/${request.id}/files/${id}`, {
      headers: { cookie: officer },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("answers a 20 KB address, and a request it cannot read, as problem+json (finding 14)", async () => {
    const long = await fetch(`${server.url}/api/v1/institutions?q=${"a".repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(long.headers.get("content-type")).toContain("application/problem+json");
    expect(await long.json()).toMatchObject({ type: "urn:tejido:problem:headers-too-large", status: 431 });
    // Not HTTP at all: Node's parser refuses it before any route.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write("HELLO THERE\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain("application/problem+json");
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 400 });
    // The server is still there.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
