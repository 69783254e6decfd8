// Information requests: institutions, the holiday calendar, requests, their audit log and attached files.
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../database";

export function informationRequests(dialect: DialectName): Migration {
  const serialKey = (db: Kysely<unknown>, table: string) =>
    dialect === "postgres"
      ? db.schema.createTable(table).addColumn("id", "bigserial", (col) => col.primaryKey())
      : db.schema.createTable(table).addColumn("id", "integer", (col) => col.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("institutions")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("acronym", "text", (col) => col.notNull().unique())
        .addColumn("kind", "text", (col) => col.notNull())
        .addColumn("territory_code", "text")
        .addColumn("active", "integer", (col) => col.notNull())
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("holidays")
        .addColumn("date", "text", (col) => col.primaryKey())
        .addColumn("kind", "text", (col) => col.notNull())
        .addColumn("name", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("info_requests")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("folio", "text", (col) => col.notNull().unique())
        .addColumn("institution_id", "text", (col) => col.notNull())
        .addColumn("device_id", "text", (col) => col.notNull())
        .addColumn("channel", "text", (col) => col.notNull())
        .addColumn("description", "text", (col) => col.notNull())
        .addColumn("requester_name", "text", (col) => col.notNull())
        .addColumn("contact_email", "text")
        .addColumn("contact_phone", "text")
        .addColumn("delivery", "text", (col) => col.notNull())
        .addColumn("provisional_code", "text", (col) => col.notNull())
        // Only a hash of the tracking code is kept: a leaked table shows no request to anyone.
        .addColumn("tracking_sha256", "text", (col) => col.notNull())
        .addColumn("payload_sha256", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("received_at", "text", (col) => col.notNull())
        .addColumn("due_date", "text", (col) => col.notNull())
        .addColumn("extended_due_date", "text")
        .addColumn("status", "text", (col) => col.notNull())
        // Bumped by every officer action: two actions at once cannot both apply.
        .addColumn("revision", "integer", (col) => col.notNull())
        .addColumn("answer_text", "text")
        .addColumn("answered_at", "text")
        .addColumn("legal_basis", "text")
        .addColumn("referred_from", "text")
        .addColumn("referred_to", "text")
        .addColumn("appeal_filed_at", "text")
        .addColumn("appeal_reason", "text")
        .addColumn("appeal_resolution", "text")
        .addColumn("appeal_resolved_at", "text")
        .addColumn("updated_at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("info_requests_inbox")
        .on("info_requests")
        .columns(["institution_id", "due_date"])
        .execute();
      await db.schema
        .createIndex("info_requests_provisional")
        .on("info_requests")
        .column("provisional_code")
        .execute();
      await serialKey(db, "request_events")
        .addColumn("request_id", "text", (col) => col.notNull())
        .addColumn("at", "text", (col) => col.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor", "text", (col) => col.notNull())
        .addColumn("event", "text", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("note", "text")
        .addColumn("details", "text")
        .execute();
      await db.schema
        .createIndex("request_events_request")
        .on("request_events")
        .column("request_id")
        .execute();
      await db.schema
        .createTable("attachments")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("request_id", "text")
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("mime", "text", (col) => col.notNull())
        .addColumn("size", "integer", (col) => col.notNull())
        .addColumn("sha256", "text", (col) => col.notNull())
        .addColumn("state", "text", (col) => col.notNull())
        .addColumn("storage_key", "text", (col) => col.notNull())
        .addColumn("created_by", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("completed_at", "text")
        .execute();
      await db.schema.createIndex("attachments_request").on("attachments").column("request_id").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["attachments", "request_events", "info_requests", "holidays", "institutions"])
        await db.schema.dropTable(table).execute();
    },
  };
}
