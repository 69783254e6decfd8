// How many bytes each device has in quarantine, kept as it grows, so a device (enrolled or revoked) can be held
// to a byte budget without summing its rows on every push: 1 MB pushes of junk used to be kept without end.
import { type Kysely, type Migration, sql } from "kysely";

export const quarantineBytes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("devices")
      .addColumn("quarantine_bytes", "bigint", (col) => col.notNull().defaultTo(0))
      .execute();
    // What is there already counts (by characters: close enough to bytes for a budget).
    await sql`update devices set quarantine_bytes =
      coalesce((select sum(length(q.raw)) from quarantine q where q.device_id = devices.id), 0)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("devices").dropColumn("quarantine_bytes").execute();
  },
};
