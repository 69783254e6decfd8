// The manifest of an open-data package: every file's SHA-256 and size, the chain head of the records it
// holds, and the key that signed it. The signature (manifest.sig) covers the manifest's exact bytes.
export const MANIFEST_FORMAT = "tejido-manifest-1";

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** What the package holds: a consultation's inputs, or a commitment's milestones and updates (issue #13). */
  consultation?: { id: string; version: number; title: string };
  commitment?: { id: string; code: string; title: string };
  generatedAt: string;
  files: ManifestFile[];
  records: {
    count: number;
    /** The last link of the chain: see chainStart and chainLink. */
    chainHead: string;
    chain: string;
  };
  signature: { algorithm: "Ed25519"; keyId: string; publicKey: string };
}

export const CHAIN_DESCRIPTION =
  "SHA-256 hex; starts as sha256('tejido:' + consultation id); each input, by id, links sha256(previous + ':' + input id + ':' + SHA-256 of the input's canonical JSON)";

/** The text each chain step hashes; hashing itself is the caller's (the domain does no I/O, no crypto). */
export const chainStartText = (consultationId: string) => `tejido:${consultationId}`;
export const chainLinkText = (previous: string, inputId: string, payloadSha256: string) =>
  `${previous}:${inputId}:${payloadSha256}`;
