// The staff audit log's rows and its chain check, as the server keeps them and the admin screen reads them.

export interface AuditEntry {
  at: string;
  actorId: string;
  actorEmail: string;
  actorRole: string;
  /** Method and route pattern: `PUT /api/v1/admin/users/:id/disabled`. */
  action: string;
  /** The concrete path acted on. */
  target: string;
  status: number;
  /** JSON text of the request, secrets covered; null when there was no body. */
  detail: string | null;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The chain recomputed: GET /api/v1/admin/audit/verify. */
export interface AuditChainReport {
  valid: boolean;
  entries: number;
  /** The last row's hash (the genesis value when empty): write it down to prove later that nothing changed. */
  head: string;
  /** The first row that does not fit, and why. */
  broken?: { seq: number; reason: "gap" | "prev-hash" | "hash" };
}
