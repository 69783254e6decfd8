// The law's holidays are computed for any year now (holiday-calendar.ts): the table keeps only what admins add,
// each closure with where it applies, and which years an admin has confirmed.
import { type Kysely, type Migration, sql } from "kysely";

/** What the seed of earlier versions wrote for 2026–2027: the law's days (now computed) and Holy Wednesday. */
const OLD_SEED = new Set([
  "2026-01-01 full",
  "2026-04-01 half",
  "2026-04-02 full",
  "2026-04-03 full",
  "2026-04-04 full",
  "2026-05-01 full",
  "2026-06-29 full",
  "2026-09-15 full",
  "2026-10-20 full",
  "2026-11-01 full",
  "2026-12-24 half",
  "2026-12-25 full",
  "2026-12-31 half",
  "2027-01-01 full",
  "2027-03-24 half",
  "2027-03-25 full",
  "2027-03-26 full",
  "2027-03-27 full",
  "2027-05-01 full",
  "2027-06-28 full",
  "2027-09-15 full",
  "2027-10-20 full",
  "2027-11-01 full",
  "2027-12-24 half",
  "2027-12-25 full",
  "2027-12-31 half",
]);

export const calendarEntries: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("calendar_entries")
      .addColumn("date", "text", (col) => col.notNull())
      // "national", "municipality:<territory code>" or "institution:<id>".
      .addColumn("scope", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("calendar_entries_pk", ["date", "scope"])
      .execute();
    await db.schema
      .createTable("calendar_years")
      .addColumn("year", "integer", (col) => col.primaryKey())
      .addColumn("confirmed_at", "text", (col) => col.notNull())
      // null: confirmed by the seed (2026 and 2027 were reviewed when it was written).
      .addColumn("confirmed_by", "text")
      .execute();
    const { rows } = await sql<{ date: string; kind: string; name: string }>`
      select date, kind, name from holidays order by date`.execute(db);
    // What an admin added (or changed) stays, as a national closure; the old seed's rows go. Holy Wednesday with
    // them: the law does not name it (an admin adds it back where it is kept).
    for (const row of rows) {
      if (OLD_SEED.has(`${row.date} ${row.kind}`)) continue;
      await sql`insert into calendar_entries (date, scope, kind, name)
        values (${row.date}, 'national', ${row.kind}, ${row.name})`.execute(db);
    }
    await db.schema.dropTable("holidays").execute();
    // 2026 and 2027 were reviewed for decreed closures when this version was written; later years wait for an
    // admin. Once, here, so that an admin who withdraws a confirmation is not overruled at the next start.
    const at = new Date().toISOString();
    for (const year of [2026, 2027])
      await sql`insert into calendar_years (year, confirmed_at, confirmed_by) values (${year}, ${at}, null)`.execute(
        db,
      );
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("holidays")
      .addColumn("date", "text", (col) => col.primaryKey())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .execute();
    await sql`insert into holidays (date, kind, name)
      select date, kind, name from calendar_entries where scope = 'national'`.execute(db);
    await db.schema.dropTable("calendar_years").execute();
    await db.schema.dropTable("calendar_entries").execute();
  },
};
