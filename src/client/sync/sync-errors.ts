// The kinds of sync failure a person may need to hear about, each with its catalogue message.

export type SyncErrorKind =
  | "offline"
  | "timeout"
  | "server"
  | "rejected"
  | "protocol"
  | "storage"
  /** Inputs wait to be sent, but this phone was never enrolled (or the server no longer knows it). */
  | "unenrolled"
  /** An organizer revoked this phone: the server keeps what it sends in quarantine, for review. */
  | "revoked";

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SyncError";
  }
}

/** IndexedDB and Dexie failures: the phone's storage, not the network or the server, is the problem. */
const STORAGE_ERRORS = new Set([
  "QuotaExceededError",
  "DatabaseClosedError",
  "OpenFailedError",
  "AbortError",
  "UnknownError",
  "InvalidStateError",
  "ConstraintError",
  "DataError",
  "VersionError",
  "ReadOnlyError",
]);

/** Turns anything thrown during a sync into a kind a person can be told about. */
export function classifySyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const name = (error as { name?: string } | null)?.name ?? "";
  if (STORAGE_ERRORS.has(name)) return new SyncError("storage", String(error), { cause: error });
  return new SyncError("protocol", String(error), { cause: error });
}
