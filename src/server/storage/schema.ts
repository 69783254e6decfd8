// Table shapes as Kysely sees them. JSON columns hold text; the domain schemas give their meaning.
import type { Generated } from "kysely";

export interface ConsultationsTable {
  id: string;
  version: number;
  status: string;
  data: string;
  updated_at: string;
}

export interface InputsTable {
  id: string;
  consultation_id: string;
  consultation_version: number;
  theme_id: string;
  device_id: string;
  mutation_id: string;
  payload: string;
  payload_sha256: string;
  created_at: string;
  received_at: string;
}

/** One row per mutationId ever answered, applied or rejected: the key of idempotency. */
export interface MutationsTable {
  mutation_id: string;
  device_id: string;
  seq: number;
  type: string;
  record_id: string;
  payload_sha256: string;
  status: "applied" | "rejected";
  /** The RFC 9457 problem (JSON) of a rejected mutation. */
  problem: string | null;
  received_at: string;
}

/** A rejected mutation kept raw for review. */
export interface QuarantineTable {
  id: Generated<number>;
  device_id: string;
  mutation_id: string | null;
  raw: string;
  raw_sha256: string;
  problem: string;
  received_at: string;
}

/** Ordered log of what devices must pull; its position is the pull cursor. */
export interface ChangesTable {
  position: Generated<number>;
  entity: string;
  entity_id: string;
  entity_version: number;
  changed_at: string;
}

/** The last folio sequence handed out per institution and year. */
export interface FolioCountersTable {
  institution_id: string;
  year: number;
  last: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: "admin" | "organizer" | "officer";
  institution_id: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  token_sha256: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface LoginFailuresTable {
  email: string;
  failures: number;
  last_failure_at: string;
}

export interface Database {
  consultations: ConsultationsTable;
  inputs: InputsTable;
  mutations: MutationsTable;
  quarantine: QuarantineTable;
  changes: ChangesTable;
  folio_counters: FolioCountersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
}
