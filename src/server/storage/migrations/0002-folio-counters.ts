// Folio counters: one row per institution and year, the last sequence handed out.
import type { Kysely, Migration } from "kysely";

export const folioCounters: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("folio_counters")
      .addColumn("institution_id", "text", (col) => col.notNull())
      .addColumn("year", "integer", (col) => col.notNull())
      .addColumn("last", "integer", (col) => col.notNull())
      .addPrimaryKeyConstraint("folio_counters_pk", ["institution_id", "year"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("folio_counters").execute();
  },
};
