// What a pulled change carries, one reader per kind of record: each reads its page's records in one query.
import type { Kysely } from "kysely";
import { Consultation } from "../../domain/consultation";
import { DispositionStatus } from "../../domain/dispositions";
import { RequestStatus } from "../../domain/requests/info-request";
import type { Change } from "../../domain/sync-messages";
import { toInstitution } from "../requests/catalogue-store";
import type { ChangeEntity } from "../storage/changelog";
import type { Database } from "../storage/schema";

/** One changelog row as the pull reads it. */
export interface ChangeRow {
  position: number;
  entity: string;
  entity_id: string;
  entity_version: number;
}

type Db = Kysely<Database>;
/**
 * The change each row becomes, by position; a row whose record is gone or not public is left out, and one
 * that cannot be read is told to `onInvalid` (an operator must look) and left out too.
 */
type Reader = (
  db: Db,
  rows: ChangeRow[],
  onInvalid: (position: number) => void,
) => Promise<Map<number, Change>>;

export interface PullReader {
  /** The oldest client protocol that can read this kind (older clients never receive it). */
  minProtocol: number;
  read: Reader;
}

const idsOf = (rows: ChangeRow[]) => [...new Set(rows.map((row) => row.entity_id))];

/** Released consultations at the version each change names; drafts never leave the server. */
const consultations: Reader = async (db, rows, onInvalid) => {
  const found = await db
    .selectFrom("consultations")
    .select(["id", "version", "data"])
    .where((eb) =>
      eb.or(
        rows.map((row) => eb.and([eb("id", "=", row.entity_id), eb("version", "=", row.entity_version)])),
      ),
    )
    .where("status", "!=", "draft")
    .execute();
  const byKey = new Map(found.map((row) => [`${row.id}@${row.version}`, row]));
  const changes = new Map<number, Change>();
  for (const row of rows) {
    const stored = byKey.get(`${row.entity_id}@${row.entity_version}`);
    if (!stored) continue;
    const data = Consultation.safeParse(JSON.parse(stored.data));
    // One unreadable row must not stop every phone from pulling.
    if (data.success) changes.set(row.position, { kind: "consultation", cursor: "", data: data.data });
    else onInvalid(row.position);
  }
  return changes;
};

/** The change each row becomes from the records read for the page, by id; a row whose record is gone is left out. */
function byId<R>(
  rows: ChangeRow[],
  found: R[],
  idOf: (record: R) => string,
  toChange: (record: R) => Change | undefined,
): Map<number, Change> {
  const records = new Map(found.map((record) => [idOf(record), record]));
  const changes = new Map<number, Change>();
  for (const row of rows) {
    const record = records.get(row.entity_id);
    const change = record && toChange(record);
    if (change) changes.set(row.position, change);
  }
  return changes;
}

/** Institutions as they are now (an inactive one tells the phone to drop it from its list). */
const institutions: Reader = async (db, rows) =>
  byId(
    rows,
    await db.selectFrom("institutions").selectAll().where("id", "in", idsOf(rows)).execute(),
    (row) => row.id,
    (row) => ({ kind: "institution", cursor: "", data: toInstitution(row) }),
  );

/** The current disposition of an input (the audience already limited it to the device that sent it). */
const dispositions: Reader = async (db, rows) =>
  byId(
    rows,
    await db
      .selectFrom("dispositions")
      .select(["input_id", "status", "reason", "updated_at"])
      .where("input_id", "in", idsOf(rows))
      .execute(),
    (row) => row.input_id,
    (row) => {
      const status = DispositionStatus.safeParse(row.status);
      if (!status.success) return undefined;
      const data = {
        inputId: row.input_id,
        status: status.data,
        reason: row.reason,
        updatedAt: row.updated_at,
      };
      return { kind: "disposition", cursor: "", data };
    },
  );

/** Where a request stands now: status and the term in force (the audience limited it to its own phone). */
const requests: Reader = async (db, rows) =>
  byId(
    rows,
    await db
      .selectFrom("info_requests")
      .select(["id", "folio", "status", "due_date", "extended_due_date", "updated_at"])
      .where("id", "in", idsOf(rows))
      .execute(),
    (row) => row.id,
    (row) => {
      const status = RequestStatus.safeParse(row.status);
      if (!status.success) return undefined;
      const dueDate = row.extended_due_date ?? row.due_date;
      const data = { id: row.id, folio: row.folio, status: status.data, dueDate, updatedAt: row.updated_at };
      return { kind: "request", cursor: "", data };
    },
  );

/** Every kind of change a phone can pull, and how it is read. A new kind adds a line here. */
export const PULL_READERS: Record<ChangeEntity, PullReader> = {
  consultation: { minProtocol: 1, read: consultations },
  institution: { minProtocol: 2, read: institutions },
  disposition: { minProtocol: 2, read: dispositions },
  request: { minProtocol: 2, read: requests },
};
