// The open-data package is verifiable offline: a manifest of every file's SHA-256 and the records' hash chain,
// signed with the server's Ed25519 key; `npm run verify` accepts it as served and names every kind of tampering.

import { spawnSync } from "node:child_process";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { Manifest } from "../../src/domain/exports/manifest";
import type { Input } from "../../src/domain/input";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID, demoConsultation } from "../../src/server/consultations/demo-consultation";
import { keyIdOf } from "../../src/server/signing/signing-key";
import { verifyPackage } from "../../src/server/signing/verify-package";
import { makeInput } from "../support/factories";
import { pushInputs } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let zip: Uint8Array;
const inputs: Input[] = [];
const work = mkdtempSync(path.join(tmpdir(), "tejido-verify-"));
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 300; i++)
    inputs.push(makeInput({ answers: { "tramite-dificil": `Trámite ${i}`, "canal-preferido": "telefono" } }));
  await pushInputs(server, inputs);
  await saveConsultation(server.storage.db, {
    ...demoConsultation("2026-11-25T12:00:00.000Z"),
    status: "published",
  });
  const response = await fetch(
    `${server.url}/api/v1/public/consultations/${DEMO_CONSULTATION_ID}/datapackage.zip`,
  );
  expect(response.status).toBe(200);
  zip = new Uint8Array(await response.arrayBuffer());
});
afterAll(async () => {
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The same package with one file's bytes changed (and, unless told, the manifest left as it was). */
function tampered(change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(zip);
  change(files);
  return zipSync(files);
}

/**
 * The package as a forger would remake it: a CSV changed, the manifest's hash and size brought in line, and the
 * manifest signed again with the forger's own key, named in the manifest. Intact on its own terms.
 */
function forged(): Uint8Array {
  const files = unzipSync(zip);
  const csv = strToU8(strFromU8(files["inputs.csv"]!).replace("Trámite 7,", "Trámite 8,"));
  files["inputs.csv"] = csv;
  const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as Manifest;
  const entry = manifest.files.find((file) => file.path === "inputs.csv")!;
  entry.sha256 = createHash("sha256").update(csv).digest("hex");
  entry.bytes = csv.length;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const der = publicKey.export({ format: "der", type: "spki" });
  manifest.signature = { algorithm: "Ed25519", keyId: keyIdOf(der), publicKey: der.toString("base64") };
  const bytes = strToU8(JSON.stringify(manifest, null, 2));
  files["manifest.json"] = bytes;
  files["manifest.sig"] = strToU8(sign(null, bytes, privateKey).toString("base64"));
  return zipSync(files);
}

describe("signed open-data package", () => {
  it("is valid as served, signed by the key the server publishes, with the records' chain head", async () => {
    const published = (await (await fetch(`${server.url}/api/v1/public/signing-key`)).json()) as {
      keyId: string;
      publicKeyPem: string;
    };
    const verdict = verifyPackage(zip, published.keyId);
    expect(verdict).toMatchObject({ ok: true, findings: [] });
    expect(verifyPackage(zip, published.publicKeyPem).ok).toBe(true);
    const manifest = verdict.manifest as Manifest;
    expect(manifest.files.map((file) => file.path)).toEqual([
      "datapackage.json",
      "inputs.csv",
      "dispositions.csv",
      "workshops.csv",
    ]);
    // Anyone holding the stored inputs recomputes the head: by id, each link over the input's canonical JSON.
    let head = sha256(`tejido:${DEMO_CONSULTATION_ID}`);
    const deviceId = inputs[0]!.deviceId;
    for (const input of [...inputs].sort((a, b) => (a.id < b.id ? -1 : 1)))
      head = sha256(`${head}:${input.id}:${sha256(canonicalJson({ ...input, deviceId }))}`);
    expect(manifest.records).toMatchObject({ count: 300, chainHead: head });
  });

  it("names a changed CSV, a changed manifest, an extra file and another key", () => {
    const csv = verifyPackage(
      tampered((files) => {
        files["inputs.csv"] = strToU8(strFromU8(files["inputs.csv"]!).replace(",telefono,", ",presencial,"));
      }),
    );
    expect(csv).toMatchObject({
      ok: false,
      findings: ["inputs.csv was changed: its SHA-256 or size differs from the manifest"],
    });

    const manifest = verifyPackage(
      tampered((files) => {
        const text = strFromU8(files["manifest.json"]!);
        const edited = JSON.parse(text) as Manifest;
        edited.files[1]!.sha256 = sha256("otro contenido");
        files["manifest.json"] = strToU8(JSON.stringify(edited, null, 2));
      }),
    );
    expect(manifest.ok).toBe(false);
    expect(manifest.findings[0]).toMatch(/^The signature does not match manifest.json/);

    const extra = verifyPackage(
      tampered((files) => {
        files["extra.csv"] = strToU8("a,b\r\n");
      }),
    );
    expect(extra.findings).toEqual(["extra.csv is not in the manifest"]);
    expect(verifyPackage(zip, "0123456789abcdef").findings).toEqual([
      expect.stringMatching(/^Signed by key [0-9a-f]{16}, not by the expected key$/),
    ]);
  });

  it("is checked by `npm run verify` offline against the publisher's key: 0 valid, 1 not, 3 signer unknown", async () => {
    const published = (await (await fetch(`${server.url}/api/v1/public/signing-key`)).json()) as {
      keyId: string;
      publicKeyPem: string;
    };
    const good = path.join(work, "paquete.zip");
    const bad = path.join(work, "alterado.zip");
    const resigned = path.join(work, "refirmado.zip");
    const pem = path.join(work, "clave.pem");
    writeFileSync(good, zip);
    writeFileSync(resigned, forged());
    writeFileSync(pem, published.publicKeyPem);
    writeFileSync(
      bad,
      tampered((files) => {
        files["dispositions.csv"] = strToU8("input_id\r\n");
      }),
    );
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/server/signing/verify-cli.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        encoding: "utf8",
      });
    for (const key of [published.keyId, pem]) {
      const valid = run(good, "--key", key);
      expect(valid.status).toBe(0);
      expect(valid.stdout).toContain("VALID: every file matches the manifest signed by the publisher's key.");
      expect(valid.stdout).toContain("300 records, chain head");
    }
    const invalid = run(bad, "--key", published.keyId);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain("- dispositions.csv was changed");
    // Re-signed by someone else (finding #15.12): with the publisher's key it is refused…
    const forgery = run(resigned, "--key", published.keyId);
    expect(forgery.status).toBe(1);
    expect(forgery.stdout).toMatch(/Signed by key [0-9a-f]{16}, not by the expected key/);
    // …and without it, never called valid: intact only on its own terms, the signer unchecked.
    for (const file of [resigned, good]) {
      const unchecked = run(file);
      expect(unchecked.status).toBe(3);
      expect(unchecked.stdout).not.toContain("VALID:");
      expect(unchecked.stdout).toContain("SIGNER NOT CHECKED");
    }
  });
});
