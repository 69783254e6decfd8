// A fixed-window rate limiter kept in the database, for anonymous routes (sign-in, enrolment, filing, status):
// every instance on one database counts the same hits, so two instances enforce one limit, not two.

import { type Kysely, PostgresAdapter, sql } from "kysely";
import { sha256Hex } from "../hash";
import type { Database } from "../storage/schema";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimiterOptions extends RateLimit {
  db: Kysely<Database>;
  /** Names this limit's keys apart from other limits' (`login`, `status`…): each counts on its own. */
  scope: string;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** Ended windows deleted at most this often per limiter, or after this many hits, whichever comes first… */
const PRUNE_EVERY_MS = 60_000;
const PRUNE_EVERY_HITS = 1_000;
/** …and at most this many at a time, so a prune never holds the table long. One row per hit at most, so
 *  pruning PRUNE_EVERY_HITS rows every PRUNE_EVERY_HITS hits keeps pace with any flood of new keys. */
const PRUNE_BATCH = 1_000;

/** The stored key: the scope and a truncated SHA-256 of who is asking, never the address or email itself. */
export function storedKey(scope: string, key: string): string {
  return `${scope}:${sha256Hex(key).slice(0, 32)}`;
}

/** Deletes up to `batch` windows that ended by `time`; answers how many went. */
export async function pruneRateLimits(
  db: Kysely<Database>,
  time: number,
  batch = PRUNE_BATCH,
): Promise<number> {
  const result = await db
    .deleteFrom("rate_limits")
    .where("key", "in", (qb) =>
      qb.selectFrom("rate_limits").select("key").where("resets_at", "<=", time).limit(batch),
    )
    // Checked again on the row itself: a window another instance has just restarted is not deleted.
    .where("resets_at", "<=", time)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Runs a limiter's write without waiting for the disk. A count lost to a power cut costs nothing (a client gets a
 * few more tries), while an fsync per hit stalls every request on SQLite, whose calls block the event loop: a
 * flood of refused sign-ins would slow the whole server. Every other write keeps full durability: SQLite's
 * setting is put back before the connection is released, and PostgreSQL's lasts only this transaction.
 */
function withoutWaitingForDisk<T>(
  db: Kysely<Database>,
  write: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit to off`.execute(trx);
      return write(trx);
    });
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = normal`.execute(connection);
    try {
      return await write(connection);
    } finally {
      await sql`pragma synchronous = full`.execute(connection);
    }
  });
}

export function createRateLimiter(
  { db, scope, limit, windowMs }: RateLimiterOptions,
  now: () => Date = () => new Date(),
) {
  let lastPrune = Number.NEGATIVE_INFINITY;
  let hitsSincePrune = 0;
  return {
    /**
     * Counts one hit for `key`; refuses once `limit` hits fall in the current window. A window begins with the
     * first hit after the last one ended. One statement per hit, atomic on SQLite and PostgreSQL alike, so hits
     * arriving at once through several instances are all counted.
     */
    async take(key: string): Promise<RateDecision> {
      const time = now().getTime();
      hitsSincePrune += 1;
      if (time - lastPrune >= PRUNE_EVERY_MS || hitsSincePrune >= PRUNE_EVERY_HITS) {
        lastPrune = time;
        hitsSincePrune = 0;
        await pruneRateLimits(db, time);
      }
      const ended = sql<boolean>`rate_limits.resets_at <= ${time}`;
      const row = await withoutWaitingForDisk(db, (writer) =>
        writer
          .insertInto("rate_limits")
          .values({ key: storedKey(scope, key), resets_at: time + windowMs, count: 1 })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({
              // Refused hits are counted too but never move the window: hammering does not lengthen the wait.
              count: sql`case when ${ended} then 1 else rate_limits.count + 1 end`,
              resets_at: sql`case when ${ended} then excluded.resets_at else rate_limits.resets_at end`,
            }),
          )
          .returning(["count", "resets_at"])
          .executeTakeFirstOrThrow(),
      );
      if (row.count <= limit) return { ok: true };
      return { ok: false, retryAfterMs: Number(row.resets_at) - time };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
