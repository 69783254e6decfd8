// Dispositions of inputs (devolución) and their history: every change kept, with its author.
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../database";

export function dispositions(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("dispositions")
        .addColumn("input_id", "text", (col) => col.primaryKey())
        .addColumn("consultation_id", "text", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("reason", "text", (col) => col.notNull())
        .addColumn("group_id", "text")
        .addColumn("author_id", "text", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("dispositions_consultation")
        .on("dispositions")
        .columns(["consultation_id", "status"])
        .execute();
      const history =
        dialect === "postgres"
          ? db.schema
              .createTable("disposition_history")
              .addColumn("id", "bigserial", (col) => col.primaryKey())
          : db.schema
              .createTable("disposition_history")
              .addColumn("id", "integer", (col) => col.primaryKey().autoIncrement());
      await history
        .addColumn("input_id", "text", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("reason", "text", (col) => col.notNull())
        .addColumn("group_id", "text")
        .addColumn("author_id", "text", (col) => col.notNull())
        .addColumn("at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("disposition_history_input")
        .on("disposition_history")
        .column("input_id")
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("disposition_history").execute();
      await db.schema.dropTable("dispositions").execute();
    },
  };
}
