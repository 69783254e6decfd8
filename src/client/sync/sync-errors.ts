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
  | "revoked"
  /** The server no longer takes what this version of the app sends: it must be updated first. */
  | "update";

/** Why a phone cannot send its signed records (and their files) now: it stops trying until that changes. */
export type BlockReason = Extract<SyncErrorKind, "unenrolled" | "revoked" | "update">;

export class SyncError extends Error {
  /** How long the server asked to wait (Retry-After), if it did. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = "SyncError";
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The link or the server is down: whatever else the exchange would send now would fare no better. */
export const stopsTheExchange = (error: SyncError): boolean =>
  error.kind === "offline" || error.kind === "timeout" || error.kind === "server" || error.kind === "storage";

export const isBlock = (error: SyncError): error is SyncError & { kind: BlockReason } =>
  error.kind === "unenrolled" || error.kind === "revoked" || error.kind === "update";

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
