// The changelog devices pull from. Its positions must become visible in order: a reader must never skip one.
import { PostgresAdapter, sql, type Transaction } from "kysely";
import type { Database } from "./schema";

/** Any fixed number: the key of the advisory lock that orders changelog writers on PostgreSQL. */
const CHANGELOG_LOCK = 7_265_321;

/** The kinds of record a phone pulls, each read by its own reader (`sync/pull-readers.ts`). */
export type ChangeEntity = "consultation" | "institution" | "disposition" | "request";

export interface Change {
  entity: ChangeEntity;
  entityId: string;
  entityVersion: number;
  changedAt: string;
  /** Who may pull it (see `audienceOfDevice`, `audienceOfReader`); anyone when absent. */
  audience?: string | null;
}

/** The audience of a change meant for one enrolled device only. */
export const audienceOfDevice = (deviceId: string): string => `d:${deviceId}`;
/** The audience of a change meant for the phone holding the reader key with this SHA-256. */
export const audienceOfReader = (readerSha256: string): string => `r:${readerSha256}`;

/**
 * Appends a change inside the caller's transaction. On PostgreSQL a sequence hands out positions
 * in insert order, but transactions commit in any order: a reader could see position 11 before 10
 * commits, move its cursor past 10 and never see it. The transaction-scoped advisory lock makes
 * writers take positions and commit one after another, so visible positions never have holes
 * that fill later. (SQLite has a single writer, so its order is commit order already.)
 */
export async function appendChange(trx: Transaction<Database>, change: Change): Promise<void> {
  await appendChanges(trx, [change]);
}

/** Appends several changes, in the given order, inside the caller's transaction (see appendChange). */
export async function appendChanges(trx: Transaction<Database>, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  await lockChangelog(trx);
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < changes.length; i += 500) {
    await trx
      .insertInto("changes")
      .values(
        changes.slice(i, i + 500).map((change) => ({
          entity: change.entity,
          entity_id: change.entityId,
          entity_version: change.entityVersion,
          changed_at: change.changedAt,
          audience: change.audience ?? null,
        })),
      )
      .execute();
  }
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
