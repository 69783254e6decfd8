// First schema: consultations, inputs, the idempotency log of mutations, the quarantine and the changelog.
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../database";

export function initialSchema(dialect: DialectName): Migration {
  /** An auto-numbered key: integer autoincrement on SQLite, bigserial on PostgreSQL. */
  const serialKey = (table: string, column: string) => (db: Kysely<unknown>) =>
    dialect === "postgres"
      ? db.schema.createTable(table).addColumn(column, "bigserial", (col) => col.primaryKey())
      : db.schema.createTable(table).addColumn(column, "integer", (col) => col.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>): Promise<void> {
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
      await db.schema.createIndex("inputs_device").on("inputs").column("device_id").execute();

      // Every mutationId ever answered, applied or rejected: re-sending gets the same answer.
      await db.schema
        .createTable("mutations")
        .addColumn("mutation_id", "text", (col) => col.primaryKey())
        .addColumn("device_id", "text", (col) => col.notNull())
        .addColumn("seq", "integer", (col) => col.notNull())
        .addColumn("type", "text", (col) => col.notNull())
        .addColumn("record_id", "text", (col) => col.notNull())
        .addColumn("payload_sha256", "text", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("problem", "text")
        .addColumn("received_at", "text", (col) => col.notNull())
        .execute();
      await db.schema.createIndex("mutations_device").on("mutations").column("device_id").execute();

      // Rejected mutations, kept raw for review: nothing a device sends is ever dropped silently.
      await serialKey(
        "quarantine",
        "id",
      )(db)
        .addColumn("device_id", "text", (col) => col.notNull())
        .addColumn("mutation_id", "text")
        .addColumn("raw", "text", (col) => col.notNull())
        .addColumn("raw_sha256", "text", (col) => col.notNull())
        .addColumn("problem", "text", (col) => col.notNull())
        .addColumn("received_at", "text", (col) => col.notNull())
        .addUniqueConstraint("quarantine_once", ["device_id", "raw_sha256"])
        .execute();

      await serialKey(
        "changes",
        "position",
      )(db)
        .addColumn("entity", "text", (col) => col.notNull())
        .addColumn("entity_id", "text", (col) => col.notNull())
        .addColumn("entity_version", "integer", (col) => col.notNull())
        .addColumn("changed_at", "text", (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["changes", "quarantine", "mutations", "inputs", "consultations"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
