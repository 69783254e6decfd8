// The implementation tracker (issue #13): commitments, their milestones, the dated updates each side posts, and
// the evidence files they carry, kept by SHA-256. Updates and evidence are append-only: the database itself
// refuses UPDATE and DELETE of them (an update is corrected by a later one that says so; a file is never replaced).
import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

const APPEND_ONLY = ["milestone_updates", "update_evidence", "evidence_files"] as const;

export const implementationTracker: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("commitments")
      .addColumn("id", "text", (col) => col.primaryKey())
      // The action plan's code, as the OGP lists it ("GT0092").
      .addColumn("code", "text", (col) => col.notNull().unique())
      // JSON {es, en?}.
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("description", "text", (col) => col.notNull())
      .addColumn("action_plan", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("milestones")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("commitment_id", "text", (col) => col.notNull().references("commitments.id"))
      .addColumn("position", "integer", (col) => col.notNull())
      .addColumn("title", "text", (col) => col.notNull())
      // The institution responsible: its officers post the government's updates.
      .addColumn("institution_id", "text", (col) => col.notNull().references("institutions.id"))
      .addColumn("starts_on", "text", (col) => col.notNull())
      .addColumn("ends_on", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("milestones_commitment")
      .on("milestones")
      .columns(["commitment_id", "position"])
      .execute();
    await db.schema
      .createTable("milestone_updates")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("milestone_id", "text", (col) => col.notNull().references("milestones.id"))
      // "government" | "civil_society".
      .addColumn("voice", "text", (col) => col.notNull())
      .addColumn("author_id", "text", (col) => col.notNull())
      // The institution or organisation that speaks, as it was named when it posted.
      .addColumn("author", "text", (col) => col.notNull())
      .addColumn("happened_on", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("text", "text", (col) => col.notNull())
      .addColumn("corrects", "text", (col) => col.references("milestone_updates.id"))
      .addColumn("posted_at", "text", (col) => col.notNull())
      // The body as sent, canonical JSON: a re-send with the same id is answered with this update.
      .addColumn("body", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("milestone_updates_milestone")
      .on("milestone_updates")
      .columns(["milestone_id", "posted_at"])
      .execute();
    await db.schema
      .createTable("evidence_files")
      .addColumn("sha256", "text", (col) => col.primaryKey())
      .addColumn("size", "bigint", (col) => col.notNull())
      .addColumn("media_type", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("update_evidence")
      .addColumn("update_id", "text", (col) => col.notNull().references("milestone_updates.id"))
      .addColumn("sha256", "text", (col) => col.notNull().references("evidence_files.sha256"))
      .addColumn("position", "integer", (col) => col.notNull())
      // The file's name as its sender gave it (one file may carry other names in other updates).
      .addColumn("name", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("update_evidence_pk", ["update_id", "position"])
      .execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`create function tracker_append_only() returns trigger language plpgsql as $$
        begin raise exception '% is append-only', TG_TABLE_NAME; end $$`.execute(db);
      for (const table of APPEND_ONLY) {
        await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
          for each row execute function tracker_append_only()`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
          for each statement execute function tracker_append_only()`.execute(db);
      }
    } else {
      for (const table of APPEND_ONLY) {
        for (const change of ["update", "delete"]) {
          await sql`create trigger ${sql.raw(`${table}_no_${change}`)} before ${sql.raw(change)} on ${sql.table(table)}
            begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db);
        }
      }
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      "update_evidence",
      "evidence_files",
      "milestone_updates",
      "milestones",
      "commitments",
    ])
      await db.schema.dropTable(table).execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter)
      await sql`drop function if exists tracker_append_only()`.execute(db);
  },
};
