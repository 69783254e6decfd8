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

/** One row per mutationId ever applied: the key of idempotency. */
export interface MutationsTable {
  mutation_id: string;
  device_id: string;
  seq: number;
  type: string;
  record_id: string;
  payload_sha256: string;
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

export interface Database {
  consultations: ConsultationsTable;
  inputs: InputsTable;
  mutations: MutationsTable;
  changes: ChangesTable;
}
