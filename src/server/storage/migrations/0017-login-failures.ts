// Failed sign-ins counted per client address and email, not per email alone: someone failing on purpose from
// one address can no longer keep the real person out from another. Rows carry their last failure's time, so
// old ones are pruned (unknown emails used to leave a row forever). The old counters are dropped: they only
// ever meant a short wait.
import type { Kysely, Migration } from "kysely";

export const loginFailures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("login_failures").execute();
    await db.schema
      .createTable("login_failures")
      .addColumn("address", "text", (col) => col.notNull())
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("failures", "integer", (col) => col.notNull())
      .addColumn("last_failure_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("login_failures_pk", ["address", "email"])
      .execute();
    await db.schema
      .createIndex("login_failures_last")
      .on("login_failures")
      .column("last_failure_at")
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("login_failures").execute();
    await db.schema
      .createTable("login_failures")
      .addColumn("email", "text", (col) => col.primaryKey())
      .addColumn("failures", "integer", (col) => col.notNull())
      .addColumn("last_failure_at", "text", (col) => col.notNull())
      .execute();
  },
};
