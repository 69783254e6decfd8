// The staff audit log's rows and its chain check, as the server keeps them and the admin screen reads them.
import { z } from "zod/mini";

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

export const AuditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string(),
  actorEmail: z.string(),
  actorRole: z.string(),
  action: z.string(),
  target: z.string(),
  status: z.number(),
  detail: z.nullable(z.string()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** The chain recomputed: GET /api/v1/admin/audit/verify. */
export const AuditChainReport = z.object({
  valid: z.boolean(),
  entries: z.number(),
  /** The last row's hash (the genesis value when empty): write it down to prove later that nothing changed. */
  head: z.string(),
  /** The first row that does not fit, and why. */
  broken: z.optional(z.object({ seq: z.number(), reason: z.enum(["gap", "prev-hash", "hash"]) })),
});
export type AuditChainReport = z.infer<typeof AuditChainReport>;
