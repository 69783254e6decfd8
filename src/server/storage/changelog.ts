// The changelog devices pull from. Its positions must become visible in order: a reader must never skip one.
import { PostgresAdapter, sql, type Transaction } from "kysely";
import type { Database } from "./schema";

/** Any fixed number: the key of the advisory lock that orders changelog writers on PostgreSQL. */
const CHANGELOG_LOCK = 7_265_321;

export interface Change {
  entity: string;
  entityId: string;
  entityVersion: number;
  changedAt: string;
}

/**
 * Appends a change inside the caller's transaction. On PostgreSQL a sequence hands out positions
 * in insert order, but transactions commit in any order: a reader could see position 11 before 10
 * commits, move its cursor past 10 and never see it. The transaction-scoped advisory lock makes
 * writers take positions and commit one after another, so visible positions never have holes
 * that fill later. (SQLite has a single writer, so its order is commit order already.)
 */
export async function appendChange(trx: Transaction<Database>, change: Change): Promise<void> {
  await lockChangelog(trx);
  await trx
    .insertInto("changes")
    .values({
      entity: change.entity,
      entity_id: change.entityId,
      entity_version: change.entityVersion,
      changed_at: change.changedAt,
    })
    .execute();
}

/**
 * Takes the changelog lock for the rest of the transaction (re-entrant). A writer that changes
 * records and then appends changes should take it first, so every writer locks in the same order.
 */
export async function lockChangelog(trx: Transaction<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${CHANGELOG_LOCK})`.execute(trx);
  }
}
