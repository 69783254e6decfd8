// Table shapes as Kysely sees them. JSON columns hold text; the domain schemas give their meaning.
import type { ColumnType, Generated } from "kysely";

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
  /** Who may pull it: null for anyone, "d:<deviceId>" for one device, "r:<sha256>" for one reader key. */
  audience: string | null;
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
  role: "admin" | "organizer" | "officer" | "civil_society";
  institution_id: string | null;
  /** The organisation a civil-society account speaks for; null for other roles. */
  organisation: string | null;
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

/** An organizer's review of an input's words before they go public (redacted text answers as JSON). */
export interface InputReviewsTable {
  input_id: string;
  publishable: number;
  answers: string | null;
  free_text: string | null;
  reviewed_by: string;
  reviewed_at: string;
}

/** Rate-limit windows shared by all instances; key is scope + truncated SHA-256, never an address. */
/** One staff action; append-only, each row chained to the one before by `prev_hash` (storage/audit-log.ts). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string;
  actor_email: string;
  actor_role: string;
  action: string;
  target: string;
  status: number;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface RateLimitsTable {
  key: string;
  /** Epoch milliseconds at which the window ends. */
  resets_at: number;
  count: number;
}

/** Failed sign-ins per client address and email (pruned a day after the last one). */
export interface LoginFailuresTable {
  address: string;
  email: string;
  failures: number;
  last_failure_at: string;
}

export interface InstitutionsTable {
  id: string;
  name: string;
  acronym: string;
  kind: string;
  territory_code: string | null;
  /** 1 or 0: the same column type on SQLite and PostgreSQL. */
  active: number;
  updated_at: string;
  /** "HH:MM" the information unit stops receiving for the day; null: 16:30. */
  office_closes: string | null;
  /** "HH:MM" it stops on a half holiday; null: 12:00. */
  half_day_closes: string | null;
  /** The máxima autoridad (name and office) who decides appeals; null: not given. */
  highest_authority: string | null;
}

/** A message to a requester about their request, sent after the change it tells of (src/server/mail/). */
export interface MailOutboxTable {
  id: string;
  request_id: string;
  to_address: string;
  subject: string;
  body: string;
  answered_at: string | null;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
}

/** A closure an admin added; the law's holidays are computed, not stored (holiday-calendar.ts). */
export interface CalendarEntriesTable {
  date: string;
  /** "national", "municipality:<territory code>" or "institution:<id>". */
  scope: string;
  kind: "full" | "half";
  name: string;
}

/** A year whose closures an admin confirmed: due dates that reach other years say they may still move. */
export interface CalendarYearsTable {
  year: number;
  confirmed_at: string;
  /** The admin's user id; null when the seed confirmed it. */
  confirmed_by: string | null;
}

export interface InfoRequestsTable {
  id: string;
  folio: string;
  institution_id: string;
  device_id: string;
  channel: string;
  description: string;
  requester_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  delivery: string;
  provisional_code: string;
  tracking_sha256: string;
  payload_sha256: string;
  created_at: string;
  received_at: string;
  due_date: string;
  extended_due_date: string | null;
  status: string;
  revision: number;
  answer_text: string | null;
  answered_at: string | null;
  /** When the requester learned of the answer (the appeal window counts from it); null until then. */
  notified_at: string | null;
  /** "status-page", "in-person", "email", or "recorded" for answers from before notices were kept. */
  notified_via: string | null;
  legal_basis: string | null;
  referred_from: string | null;
  referred_to: string | null;
  appeal_filed_at: string | null;
  appeal_reason: string | null;
  appeal_resolution: string | null;
  appeal_resolved_at: string | null;
  updated_at: string;
  /** SHA-256 of the filing phone's reader key: that phone pulls this request's status. */
  reader_sha256: string | null;
  /** "information" (LAIP Art. 42), "personal-data-access" (Art. 33) or "personal-data-correction" (Art. 34). */
  request_kind: string;
  /** What the unit asked the requester to clarify (Art. 42 inciso 2), when, and the last day to reply. */
  clarification_question: string | null;
  clarification_asked_at: string | null;
  clarification_due: string | null;
  clarification_reply: string | null;
  clarification_replied_at: string | null;
  /** The id the requester's phone gave its reply: a re-send of it is the same reply. */
  clarification_reply_id: string | null;
  /** Personal data (Arts. 33–34): when and by which means the requester proved who they are; no document numbers. */
  identity_accredited_at: string | null;
  identity_accredited_via: string | null;
  /** The type of information asked, recorded by the officer for the Art. 48 report. */
  information_type: string | null;
}

/** The audit log of a request: every change, when and by whom. */
export interface RequestEventsTable {
  id: Generated<number>;
  request_id: string;
  at: string;
  actor_id: string | null;
  actor: "requester" | "officer" | "system";
  event: string;
  status: string;
  note: string | null;
  details: string | null;
}

export interface AttachmentsTable {
  id: string;
  request_id: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  state: "pending" | "complete";
  storage_key: string;
  created_by: string;
  created_at: string;
  completed_at: string | null;
}

export interface DispositionsTable {
  input_id: string;
  consultation_id: string;
  status: string;
  reason: string;
  group_id: string | null;
  author_id: string;
  updated_at: string;
}

export interface DispositionHistoryTable {
  id: Generated<number>;
  input_id: string;
  status: string;
  reason: string;
  group_id: string | null;
  author_id: string;
  at: string;
}

/** A one-time enrolment code, by the hash of its canonical form. */
export interface EnrolmentCodesTable {
  code_sha256: string;
  label: string | null;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

/** An enrolled phone: its public key (JWK), the hash of its token, and whether it was revoked. */
export interface DevicesTable {
  id: string;
  public_key: string;
  token_sha256: string;
  label: string | null;
  enrolled_by: string;
  enrolled_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_push_at: string | null;
  /** Bytes of this device's rows in quarantine (held under a budget). */
  quarantine_bytes: ColumnType<number | string, number | undefined, number | string>;
}

/** A workshop, as the phone that opened it last saved it (payload: the Workshop's canonical JSON). */
export interface WorkshopsTable {
  id: string;
  consultation_id: string;
  device_id: string;
  municipality_code: string;
  date: string;
  payload: string;
  payload_sha256: string;
  updated_at: string;
  received_at: string;
}

/** A file named by an accepted record: the signed size and SHA-256 an upload must match. */
export interface MediaRefsTable {
  media_id: string;
  device_id: string;
  record_id: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  received_at: string;
}

/** An organizer's audio prompt (issue #14, item 5): one per consultation, target and language. */
export interface ConsultationPromptsTable {
  consultation_id: string;
  /** "intro", "theme:<themeId>" or "question:<themeId>.<questionId>". */
  target: string;
  language: string;
  attachment_id: string;
  updated_at: string;
  updated_by: string;
}

/** An interface language translated by a community (issue #14, item 7): the strings that passed the checks. */
export interface UiTranslationsTable {
  language: string;
  /** JSON object: message key → translated text. */
  strings: string;
  updated_at: string;
  updated_by: string;
}

/** The server's signing key: SPKI and PKCS#8 DER, base64. "primary" is the one in use. */
export interface SigningKeysTable {
  id: string;
  algorithm: string;
  public_key: string;
  private_key: string;
  created_at: string;
}

/** A commitment of an action plan (issue #13); title and description are JSON {es, en?}. */
export interface CommitmentsTable {
  id: string;
  code: string;
  title: string;
  description: string;
  action_plan: string;
  created_at: string;
}

export interface MilestonesTable {
  id: string;
  commitment_id: string;
  position: number;
  /** JSON {es, en?}. */
  title: string;
  institution_id: string;
  starts_on: string;
  ends_on: string;
}

/** Append-only: an update is corrected by a later one (`corrects`), never changed. */
export interface MilestoneUpdatesTable {
  id: string;
  milestone_id: string;
  voice: "government" | "civil_society";
  author_id: string;
  author: string;
  happened_on: string;
  status: string;
  text: string;
  corrects: string | null;
  posted_at: string;
  /** The body as sent (canonical JSON), to answer a re-send with the same id. */
  body: string;
}

/** Append-only, content-addressed: the file is DATA_DIR/files/evidence/<sha256>. */
export interface EvidenceFilesTable {
  sha256: string;
  size: ColumnType<number, number, never>;
  media_type: string;
  created_at: string;
}

export interface UpdateEvidenceTable {
  update_id: string;
  sha256: string;
  position: number;
  name: string;
}

/** A draft document written together (issue #13); title is JSON {es, en?, …}. */
export interface DraftsTable {
  id: string;
  title: string;
  consultation_id: string | null;
  created_by: string;
  created_at: string;
}

/** One version of a draft; sections are JSON [{id, heading, text}]. A published version never changes. */
export interface DraftVersionsTable {
  draft_id: string;
  version: number;
  sections: string;
  status: "editing" | "published";
  updated_at: string;
  published_at: string | null;
}

/** A comment or proposed amendment on a section of a published version, and the organizer's answer. */
export interface DraftCommentsTable {
  id: string;
  draft_id: string;
  version: number;
  section_id: string;
  kind: "comment" | "amendment";
  text: string;
  proposed_text: string | null;
  /** JSON array of the consultation's input ids the comment cites; null when none. */
  input_ids: string | null;
  /** A field comment's version as its writer read it; null from the web. */
  read_version: number | null;
  channel: "web" | "field";
  device_id: string | null;
  created_at: string;
  body: string;
  outcome: "accepted" | "partly_accepted" | "not_accepted" | null;
  reason: string | null;
  responded_by: string | null;
  responded_at: string | null;
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
  input_reviews: InputReviewsTable;
  institutions: InstitutionsTable;
  calendar_entries: CalendarEntriesTable;
  mail_outbox: MailOutboxTable;
  calendar_years: CalendarYearsTable;
  info_requests: InfoRequestsTable;
  request_events: RequestEventsTable;
  attachments: AttachmentsTable;
  dispositions: DispositionsTable;
  disposition_history: DispositionHistoryTable;
  enrolment_codes: EnrolmentCodesTable;
  devices: DevicesTable;
  workshops: WorkshopsTable;
  media_refs: MediaRefsTable;
  signing_keys: SigningKeysTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  commitments: CommitmentsTable;
  milestones: MilestonesTable;
  milestone_updates: MilestoneUpdatesTable;
  evidence_files: EvidenceFilesTable;
  update_evidence: UpdateEvidenceTable;
  drafts: DraftsTable;
  ui_translations: UiTranslationsTable;
  consultation_prompts: ConsultationPromptsTable;
  draft_versions: DraftVersionsTable;
  draft_comments: DraftCommentsTable;
}
