// The staff audit log: one append-only table of who did what, each row chained to the one before by SHA-256, so
// a row altered or removed behind the database's back shows as a break when the chain is recomputed.
import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { AuditChainReport, AuditEntry, AuditRow } from "../../domain/audit";
import { canonicalJson } from "../../domain/canonical-json";
import { sha256Hex } from "../hash";
import type { AuditLogTable, Database } from "../storage/schema";

export type { AuditChainReport, AuditEntry, AuditRow };

/** Any fixed number (not the changelog's): the advisory lock that orders audit writers on PostgreSQL. */
const AUDIT_LOCK = 7_265_322;

/** What the first row names as the one before it. */
export const AUDIT_GENESIS = sha256Hex("tejido audit log v1");

/** The hash a row must carry: over the previous row's hash and the canonical JSON of its own fields. */
export function auditHash(prevHash: string, seq: number, entry: AuditEntry): string {
  return sha256Hex(`${prevHash}\n${canonicalJson({ seq, ...entry })}`);
}

/**
 * Appends one entry. Writers take the next number and the previous hash under a lock (SQLite has one writer;
 * PostgreSQL takes a transaction-scoped advisory lock), so the chain never forks and numbers have no gaps.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<AuditRow> {
  // Several processes on one SQLite file have no shared lock before the write: one may lose the race for the
  // next number (a unique-key error) or find the file busy. It reads the new last row and tries again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await appendOnce(db, entry);
    } catch (error) {
      if (attempt >= 8 || !/unique|duplicate key|SQLITE_BUSY|database is locked/i.test(String(error)))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

function appendOnce(db: Kysely<Database>, entry: AuditEntry): Promise<AuditRow> {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter)
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
    const last = await trx
      .selectFrom("audit_log")
      .select(["seq", "hash"])
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const seq = (last ? Number(last.seq) : 0) + 1;
    const prevHash = last?.hash ?? AUDIT_GENESIS;
    const hash = auditHash(prevHash, seq, entry);
    await trx
      .insertInto("audit_log")
      .values({
        seq,
        at: entry.at,
        actor_id: entry.actorId,
        actor_email: entry.actorEmail,
        actor_role: entry.actorRole,
        action: entry.action,
        target: entry.target,
        status: entry.status,
        detail: entry.detail,
        prev_hash: prevHash,
        hash,
      })
      .execute();
    return { seq, prevHash, hash, ...entry };
  });
}

function fromRow(row: AuditLogTable): AuditRow {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorRole: row.actor_role,
    action: row.action,
    target: row.target,
    status: Number(row.status),
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Newest first: `limit` rows before `before` (exclusive), optionally one actor's. */
export async function auditPage(
  db: Kysely<Database>,
  { before, limit, actorId }: { before?: number; limit: number; actorId?: string },
): Promise<AuditRow[]> {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(limit);
  if (before !== undefined) query = query.where("seq", "<", before);
  if (actorId !== undefined) query = query.where("actor_id", "=", actorId);
  return (await query.execute()).map(fromRow);
}

/** Recomputes the whole chain, a page at a time (memory stays flat however long the log). */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 1_000): Promise<AuditChainReport> {
  let head = AUDIT_GENESIS;
  let expected = 1;
  for (;;) {
    const rows = (
      await db
        .selectFrom("audit_log")
        .selectAll()
        .where("seq", ">=", expected)
        .orderBy("seq")
        .limit(pageSize)
        .execute()
    ).map(fromRow);
    for (const row of rows) {
      const entries = expected - 1;
      if (row.seq !== expected)
        return { valid: false, entries, head, broken: { seq: expected, reason: "gap" } };
      if (row.prevHash !== head)
        return { valid: false, entries, head, broken: { seq: row.seq, reason: "prev-hash" } };
      const { seq, prevHash, hash, ...entry } = row;
      if (auditHash(prevHash, seq, entry) !== hash)
        return { valid: false, entries, head, broken: { seq: row.seq, reason: "hash" } };
      head = hash;
      expected += 1;
    }
    if (rows.length < pageSize) return { valid: true, entries: expected - 1, head };
  }
}

const SECRET_KEY = /pass(word)?|secret|token/i;
const DETAIL_MAX = 8_000;

/**
 * What a request's JSON body said, for the log: values under keys that name a secret are covered, and a body
 * longer than DETAIL_MAX characters keeps its start only.
 */
export function redactedDetail(body: unknown): string {
  const text = JSON.stringify(cover(body));
  if (text.length <= DETAIL_MAX) return text;
  return JSON.stringify({
    truncated: true,
    bytes: Buffer.byteLength(text),
    start: text.slice(0, DETAIL_MAX),
  });
}

function cover(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cover);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? "[oculto]" : cover(item)]),
  );
}
