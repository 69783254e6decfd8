// When the requester was notified of the answer (LAIP Art. 54 counts the appeal window from notification, not
// from when the officer recorded it), and how: the status page opened, delivered in person, or by email.
import { type Kysely, type Migration, sql } from "kysely";

export const notice: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("info_requests").addColumn("notified_at", "text").execute();
    await db.schema.alterTable("info_requests").addColumn("notified_via", "text").execute();
    // Answers recorded before this version were counted from their recording: they keep that date.
    await sql`update info_requests set notified_at = answered_at, notified_via = 'recorded'
      where answered_at is not null`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("info_requests").dropColumn("notified_via").execute();
    await db.schema.alterTable("info_requests").dropColumn("notified_at").execute();
  },
};
