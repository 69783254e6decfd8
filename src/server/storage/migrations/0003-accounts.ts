// Staff accounts, their sessions, and failed-login counters for the growing delay.
import type { Kysely, Migration } from "kysely";

export const accounts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("email", "text", (col) => col.notNull().unique())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("institution_id", "text")
      .addColumn("password_hash", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("disabled_at", "text")
      .execute();
    // Only a hash of each session token is stored: a leaked table opens no session.
    await db.schema
      .createTable("sessions")
      .addColumn("token_sha256", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("expires_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
    await db.schema
      .createTable("login_failures")
      .addColumn("email", "text", (col) => col.primaryKey())
      .addColumn("failures", "integer", (col) => col.notNull())
      .addColumn("last_failure_at", "text", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["login_failures", "sessions", "users"]) await db.schema.dropTable(table).execute();
  },
};
