// Enrolled devices with their public keys and token hashes, and the one-time codes that enrol them.
import type { Kysely, Migration } from "kysely";

export const devices: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Only a hash of each code and token is stored: a leaked table enrols nothing and pushes nothing.
    await db.schema
      .createTable("enrolment_codes")
      .addColumn("code_sha256", "text", (col) => col.primaryKey())
      .addColumn("label", "text")
      .addColumn("issued_by", "text", (col) => col.notNull())
      .addColumn("issued_at", "text", (col) => col.notNull())
      .addColumn("expires_at", "text", (col) => col.notNull())
      .addColumn("used_at", "text")
      .addColumn("device_id", "text")
      .execute();
    await db.schema
      .createTable("devices")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("public_key", "text", (col) => col.notNull())
      .addColumn("token_sha256", "text", (col) => col.notNull().unique())
      .addColumn("label", "text")
      .addColumn("enrolled_by", "text", (col) => col.notNull())
      .addColumn("enrolled_at", "text", (col) => col.notNull())
      .addColumn("revoked_at", "text")
      .addColumn("revoked_by", "text")
      .addColumn("last_push_at", "text")
      .execute();
    await db.schema.createIndex("quarantine_device").on("quarantine").column("device_id").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("quarantine_device").execute();
    for (const table of ["devices", "enrolment_codes"]) await db.schema.dropTable(table).execute();
  },
};
