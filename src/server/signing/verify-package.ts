// Checks an open-data package offline: every file against the manifest's SHA-256 and size, nothing added or
// missing, and the manifest's Ed25519 signature; optionally that it was signed by an expected key.
import { createHash, createPublicKey, verify } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { MANIFEST_FORMAT, type Manifest } from "../../domain/exports/manifest";
import { keyIdOf } from "./signing-key";

export interface Verdict {
  ok: boolean;
  /** One line per finding, in plain words. */
  findings: string[];
  manifest?: Manifest;
}

/** `expectedKey`: the publisher's key id (16 hex) or public key (SPKI DER base64, or PEM), from their site. */
export function verifyPackage(zip: Uint8Array, expectedKey?: string): Verdict {
  const findings: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    return { ok: false, findings: [`Not a readable zip: ${(error as Error).message}`] };
  }
  const manifestBytes = files["manifest.json"];
  const signature = files["manifest.sig"];
  if (!manifestBytes || !signature)
    return { ok: false, findings: ["manifest.json or manifest.sig is missing"] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as Manifest;
  } catch {
    return { ok: false, findings: ["manifest.json is not valid JSON"] };
  }
  if (manifest.format !== MANIFEST_FORMAT)
    findings.push(`Unknown manifest format: ${String(manifest.format)}`);

  const publicDer = Buffer.from(manifest.signature?.publicKey ?? "", "base64");
  let signed = false;
  try {
    const key = createPublicKey({ key: publicDer, format: "der", type: "spki" });
    signed = verify(null, manifestBytes, key, Buffer.from(strFromU8(signature).trim(), "base64"));
  } catch {
    signed = false;
  }
  if (!signed)
    findings.push(
      "The signature does not match manifest.json: the manifest was changed or not signed by this key",
    );
  const keyId = keyIdOf(publicDer);
  if (keyId !== manifest.signature?.keyId)
    findings.push("The manifest's key id does not match its public key");
  if (expectedKey && !sameKey(expectedKey, publicDer, keyId))
    findings.push(`Signed by key ${keyId}, not by the expected key`);

  const listed = new Set<string>();
  for (const entry of manifest.files ?? []) {
    listed.add(entry.path);
    const bytes = files[entry.path];
    if (!bytes) {
      findings.push(`${entry.path} is listed but missing`);
      continue;
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (sha256 !== entry.sha256 || bytes.byteLength !== entry.bytes)
      findings.push(`${entry.path} was changed: its SHA-256 or size differs from the manifest`);
  }
  for (const path of Object.keys(files)) {
    if (!listed.has(path) && path !== "manifest.json" && path !== "manifest.sig")
      findings.push(`${path} is not in the manifest`);
  }
  return { ok: findings.length === 0, findings, manifest };
}

function sameKey(expected: string, publicDer: Buffer, keyId: string): boolean {
  const text = expected.trim();
  if (/^[0-9a-f]{16}$/i.test(text)) return text.toLowerCase() === keyId;
  try {
    const key = text.startsWith("-----BEGIN")
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, "base64"), format: "der", type: "spki" });
    return Buffer.compare(key.export({ type: "spki", format: "der" }), publicDer) === 0;
  } catch {
    return false;
  }
}
