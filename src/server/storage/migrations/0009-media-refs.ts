// The files each accepted, signed record names: an upload from a phone is taken only if one of them matches.
import type { Kysely, Migration } from "kysely";

export const mediaRefs: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("media_refs")
      .addColumn("media_id", "text", (col) => col.primaryKey())
      .addColumn("device_id", "text", (col) => col.notNull())
      .addColumn("record_id", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("mime", "text", (col) => col.notNull())
      .addColumn("size", "integer", (col) => col.notNull())
      .addColumn("sha256", "text", (col) => col.notNull())
      .addColumn("received_at", "text", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("media_refs").execute();
  },
};
