// Messages to requesters waiting to be sent: written in the same transaction as the status change they tell of,
// sent afterwards with retries, so a mail server that is down delays a message but never loses or blocks one.
import type { Kysely, Migration } from "kysely";

export const mailOutbox: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("mail_outbox")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("request_id", "text", (col) => col.notNull())
      .addColumn("to_address", "text", (col) => col.notNull())
      .addColumn("subject", "text", (col) => col.notNull())
      .addColumn("body", "text", (col) => col.notNull())
      // The answer this message delivers, if it does: once sent, the requester counts as notified of it.
      .addColumn("answered_at", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "text", (col) => col.notNull())
      .addColumn("sent_at", "text")
      .addColumn("last_error", "text")
      .execute();
    await db.schema
      .createIndex("mail_outbox_due")
      .on("mail_outbox")
      .columns(["sent_at", "next_attempt_at"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("mail_outbox").execute();
  },
};
