// The offline transfer file (issue #14): what a facilitator's phone still has to send, carried out by hand when no
// signal comes. It holds the already-signed mutations exactly as the phone would push them, and a manifest of
// them signed by the same device key, so the server (directly, or through another phone that relays it) applies
// them as if the phone had pushed, and can tell a file cut short or altered. Documented in README ("Offline
// transfer file"): read it with any JSON reader, no app code needed.
import { z } from "zod/mini";
import { canonicalJson } from "./canonical-json";
import { MediaRef } from "./media";
import { IsoDateTime, Uuid } from "./primitives";

export const TRANSFER_FORMAT = "tejido-transfer";
export const TRANSFER_VERSION = 1;
/** At most this many entries in one file (a phone's backlog of weeks fits; a bigger one is split). */
export const TRANSFER_LIMITS = {
  entries: 20_000,
  requests: 2_000,
  media: 1_000,
  /**
   * Bytes of voice recordings and photos one file carries at most (base64 in the file: a third more), less when the
   * records take much of `fileBytes`. What does not fit waits on the phone for its own upload.
   */
  mediaBytes: 30 * 1024 * 1024,
  /** The whole file as a phone writes it, media included: within the resumable upload's limit (50 MB). */
  fileBytes: 45 * 1024 * 1024,
  bytes: 64 * 1024 * 1024,
} as const;

/** One entry of the manifest: the mutation it lists and the SHA-256 of its payload's canonical JSON. */
export const ManifestEntry = z.object({ mutationId: Uuid, payloadSha256: z.string() });

export const TransferManifest = z.object({
  format: z.literal(TRANSFER_FORMAT),
  version: z.literal(TRANSFER_VERSION),
  /** The device that made and signed every entry (never the phone that carries the file). */
  deviceId: Uuid,
  createdAt: IsoDateTime,
  entries: z.array(ManifestEntry).check(z.maxLength(TRANSFER_LIMITS.entries)),
  /**
   * Information requests taken on the phone (orally, for people who asked aloud, or the phone's own), which are not
   * signed records: the manifest's signature is what vouches for them, by the SHA-256 of each one's canonical JSON.
   */
  requests: z.optional(
    z.array(z.object({ id: Uuid, sha256: z.string() })).check(z.maxLength(TRANSFER_LIMITS.requests)),
  ),
  /** The voice recordings and photos the file carries: each one's id, size and SHA-256 of its bytes. */
  media: z.optional(
    z
      .array(z.object({ id: Uuid, size: z.number(), sha256: z.string() }))
      .check(z.maxLength(TRANSFER_LIMITS.media)),
  ),
});
export type TransferManifest = z.infer<typeof TransferManifest>;

/**
 * The file. Entries are read one by one (a damaged one never blocks the others), so they are checked loosely
 * here and each as a mutation when applied.
 */
export const TransferFile = z.object({
  manifest: TransferManifest,
  /** The device's signature (base64url ECDSA P-256, as on every mutation) over `manifestText(manifest)`. */
  signature: z.string().check(z.maxLength(512)),
  entries: z.array(z.unknown()).check(z.maxLength(TRANSFER_LIMITS.entries)),
  /** The requests as `POST /api/v1/requests` takes them; each filed once, like a re-send from the phone. */
  requests: z.optional(z.array(z.unknown()).check(z.maxLength(TRANSFER_LIMITS.requests))),
  /** The files, each a `CarriedMedia`; read one by one like the entries. */
  media: z.optional(z.array(z.unknown()).check(z.maxLength(TRANSFER_LIMITS.media))),
});
export type TransferFile = z.infer<typeof TransferFile>;

/**
 * A voice recording or photo in the file: what the signed record says of it (`MediaRef`: id, kind, type, size,
 * SHA-256) and its bytes in base64. It is stored as if the phone had uploaded it.
 */
export const CarriedMedia = z.strictObject({
  ...MediaRef.shape,
  data: z.string().check(z.maxLength(Math.ceil((TRANSFER_LIMITS.mediaBytes * 4) / 3) + 4)),
});
export type CarriedMedia = z.infer<typeof CarriedMedia>;

/** The exact text the device signs for the manifest. */
export const manifestText = (manifest: TransferManifest): string => canonicalJson(manifest);

/** What became of each entry of an imported file, and of the file as a whole. */
export const TransferOutcome = z.enum(["applied", "duplicate", "quarantined"]);
export const TransferReport = z.object({
  deviceId: Uuid,
  /** False when the manifest's signature does not match the device's key: the file was altered or made elsewhere. */
  manifestSigned: z.boolean(),
  /** Entries the manifest lists that the file does not hold (a file cut short). */
  missing: z.array(Uuid),
  /** Entries in the file that the manifest does not list, or whose payload differs from what it lists. */
  unlisted: z.array(z.nullable(z.string())),
  entries: z.array(
    z.object({
      index: z.number(),
      mutationId: z.nullable(z.string()),
      outcome: TransferOutcome,
      problem: z.optional(z.object({ type: z.string(), title: z.string(), status: z.number() })),
    }),
  ),
  counts: z.object({ applied: z.number(), duplicate: z.number(), quarantined: z.number() }),
  /** Each request of the file: filed now (with its folio), filed before, or refused (why, in `problem`). */
  requests: z.array(
    z.object({
      index: z.number(),
      id: z.nullable(z.string()),
      outcome: z.enum(["filed", "duplicate", "refused"]),
      folio: z.optional(z.string()),
      problem: z.optional(z.object({ type: z.string(), title: z.string(), status: z.number() })),
    }),
  ),
  /** Each file of the file: stored now, already there (uploaded or carried before), or refused (why). */
  media: z.array(
    z.object({
      index: z.number(),
      id: z.nullable(z.string()),
      outcome: z.enum(["stored", "duplicate", "refused"]),
      problem: z.optional(z.object({ type: z.string(), title: z.string(), status: z.number() })),
    }),
  ),
});
export type TransferReport = z.infer<typeof TransferReport>;
