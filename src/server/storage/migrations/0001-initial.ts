// First schema: consultations, inputs, the idempotency log of mutations and the changelog.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("data", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("consultations_pk", ["id", "version"])
    .execute();

  await db.schema
    .createTable("inputs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("consultation_id", "text", (col) => col.notNull())
    .addColumn("consultation_version", "integer", (col) => col.notNull())
    .addColumn("theme_id", "text", (col) => col.notNull())
    .addColumn("device_id", "text", (col) => col.notNull())
    .addColumn("mutation_id", "text", (col) => col.notNull())
    .addColumn("payload", "text", (col) => col.notNull())
    .addColumn("payload_sha256", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("received_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("inputs_consultation")
    .on("inputs")
    .columns(["consultation_id", "theme_id"])
    .execute();

  await db.schema
    .createTable("mutations")
    .addColumn("mutation_id", "text", (col) => col.primaryKey())
    .addColumn("device_id", "text", (col) => col.notNull())
    .addColumn("seq", "integer", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("record_id", "text", (col) => col.notNull())
    .addColumn("payload_sha256", "text", (col) => col.notNull())
    .addColumn("received_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("changes")
    .addColumn("position", "integer", (col) => col.primaryKey().autoIncrement())
    .addColumn("entity", "text", (col) => col.notNull())
    .addColumn("entity_id", "text", (col) => col.notNull())
    .addColumn("entity_version", "integer", (col) => col.notNull())
    .addColumn("changed_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["changes", "mutations", "inputs", "consultations"]) {
    await db.schema.dropTable(table).execute();
  }
}
