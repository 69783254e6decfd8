// A commitment's open-data package: datapackage.json, milestones.csv, updates.csv and evidence.csv, then
// manifest.json (each file's SHA-256 and size, the updates' hash chain) and manifest.sig, the server's Ed25519
// signature of the manifest's bytes. Small (a commitment has a handful of milestones), so built in memory.
import { createHash } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { canonicalJson } from "../../domain/canonical-json";
import { csvRow } from "../../domain/exports/csv";
import { MANIFEST_FORMAT, type Manifest, type ManifestFile } from "../../domain/exports/manifest";
import {
  EVIDENCE_FIELDS,
  evidenceRows,
  MILESTONE_FIELDS,
  milestoneRows,
  TRACKER_CHAIN_DESCRIPTION,
  trackerDataPackage,
  UPDATE_FIELDS,
  updateRows,
} from "../../domain/exports/tracker-package";
import type { Commitment } from "../../domain/tracker";
import { recordChain, sha256Hex } from "../hash";
import type { SigningKey } from "../signing/signing-key";

const csv = (fields: { name: string }[], rows: (string | number | null)[][]) =>
  [csvRow(fields.map((field) => field.name)), ...rows.map((row) => csvRow(row))].join("");

/** What each update's link in the chain hashes, by update id: the update as published, its evidence included. */
function updatePayloads(commitment: Commitment): [id: string, payload: string][] {
  return commitment.milestones.flatMap((milestone) =>
    // Not `correctedBy`: a later correction must not change what an earlier update's link hashes.
    milestone.updates.map(({ correctedBy: _, ...published }): [string, string] => [
      published.id,
      canonicalJson({ milestoneId: milestone.id, ...published }),
    ]),
  );
}

export function trackerPackage(
  commitment: Commitment,
  origin: string,
  now: Date,
  key: SigningKey,
): Uint8Array {
  const contents: [string, string][] = [
    ["datapackage.json", JSON.stringify(trackerDataPackage(commitment, now), null, 2)],
    ["milestones.csv", csv(MILESTONE_FIELDS, milestoneRows(commitment))],
    ["updates.csv", csv(UPDATE_FIELDS, updateRows(commitment))],
    ["evidence.csv", csv(EVIDENCE_FIELDS, evidenceRows(commitment, origin))],
  ];
  const files: Record<string, Uint8Array> = {};
  const listed: ManifestFile[] = [];
  for (const [path, text] of contents) {
    const bytes = strToU8(text);
    files[path] = bytes;
    listed.push({ path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength });
  }
  const chain = recordChain(commitment.id);
  const payloads = updatePayloads(commitment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, payload] of payloads) chain.add(id, sha256Hex(payload));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    commitment: { id: commitment.id, code: commitment.code, title: commitment.title.es },
    generatedAt: now.toISOString(),
    files: listed,
    records: { ...chain.result(), chain: TRACKER_CHAIN_DESCRIPTION },
    signature: { algorithm: "Ed25519", keyId: key.keyId, publicKey: key.publicKey },
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2));
  files["manifest.json"] = manifestBytes;
  files["manifest.sig"] = strToU8(`${key.sign(manifestBytes)}\n`);
  return zipSync(files, { level: 6 });
}
