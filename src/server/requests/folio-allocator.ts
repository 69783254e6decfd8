// Hands out folios unique and without gaps per institution and year, inside the caller's transaction.
import type { Transaction } from "kysely";
import { formatFolio } from "../../domain/requests/folio";
import { LEGAL_TIME_ZONE } from "../../domain/requests/laip-deadlines";
import { localDateTimeIn } from "../../domain/requests/local-time";
import type { Database } from "../storage/schema";

export interface Institution {
  id: string;
  acronym: string;
}

/**
 * Takes the next folio of the institution for the year of `receivedAt` (server time, in Guatemala).
 * The counter row is incremented with an upsert in the caller's transaction: concurrent requests wait on
 * that row (PostgreSQL) or on the single writer (SQLite), so no two get the same number; and if the
 * request is not stored after all, the rollback returns the number, so the sequence has no gaps.
 */
export async function allocateFolio(
  trx: Transaction<Database>,
  institution: Institution,
  receivedAt: Date,
): Promise<string> {
  const year = Number(localDateTimeIn(receivedAt, LEGAL_TIME_ZONE).date.slice(0, 4));
  const row = await trx
    .insertInto("folio_counters")
    .values({ institution_id: institution.id, year, last: 1 })
    .onConflict((oc) =>
      oc
        .columns(["institution_id", "year"])
        .doUpdateSet((eb) => ({ last: eb("folio_counters.last", "+", 1) })),
    )
    .returning("last")
    .executeTakeFirstOrThrow();
  return formatFolio(institution.acronym, year, row.last);
}
