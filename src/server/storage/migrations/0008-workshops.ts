// Workshops held in the field, as their phones last saved them.
import type { Kysely, Migration } from "kysely";

export const workshops: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("workshops")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("consultation_id", "text", (col) => col.notNull())
      .addColumn("device_id", "text", (col) => col.notNull())
      .addColumn("municipality_code", "text", (col) => col.notNull())
      .addColumn("date", "text", (col) => col.notNull())
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("payload_sha256", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addColumn("received_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("workshops_consultation")
      .on("workshops")
      .columns(["consultation_id", "date"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("workshops").execute();
  },
};
