// Every staff action in one append-only table: each row names the one before by its hash, so a row changed or
// removed behind the database's back breaks the chain that GET /admin/audit/verify recomputes. The database
// itself refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of it.
import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

export const auditLog: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("audit_log")
      // 1, 2, 3… with no gaps: given out under a lock by the writer (storage/audit-log.ts).
      .addColumn("seq", "integer", (col) => col.primaryKey())
      .addColumn("at", "text", (col) => col.notNull())
      .addColumn("actor_id", "text", (col) => col.notNull())
      .addColumn("actor_email", "text", (col) => col.notNull())
      .addColumn("actor_role", "text", (col) => col.notNull())
      // The route pattern acted through (`PUT /api/v1/admin/users/:id/disabled`), and the concrete path.
      .addColumn("action", "text", (col) => col.notNull())
      .addColumn("target", "text", (col) => col.notNull())
      .addColumn("status", "integer", (col) => col.notNull())
      // The request's JSON body with secrets covered, or what kind of body it was.
      .addColumn("detail", "text")
      .addColumn("prev_hash", "text", (col) => col.notNull())
      .addColumn("hash", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("audit_log_actor").on("audit_log").columns(["actor_id", "seq"]).execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    } else {
      await sql`create trigger audit_log_no_update before update on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("audit_log").execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter)
      await sql`drop function if exists audit_log_append_only()`.execute(db);
  },
};
