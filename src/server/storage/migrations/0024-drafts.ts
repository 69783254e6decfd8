// Participatory drafting (issue #13): drafts, their versions (sections as JSON; a published version never
// changes), and the comments and amendments on a published version's sections, each answered by an organizer.
import type { Kysely, Migration } from "kysely";

export const drafts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("drafts")
      .addColumn("id", "text", (col) => col.primaryKey())
      // JSON {es, en?, …}.
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("consultation_id", "text")
      .addColumn("created_by", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createTable("draft_versions")
      .addColumn("draft_id", "text", (col) => col.notNull().references("drafts.id"))
      .addColumn("version", "integer", (col) => col.notNull())
      // JSON [{id, heading, text}], in order.
      .addColumn("sections", "text", (col) => col.notNull())
      // "editing" | "published".
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addColumn("published_at", "text")
      .addPrimaryKeyConstraint("draft_versions_pk", ["draft_id", "version"])
      .execute();
    await db.schema
      .createTable("draft_comments")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("draft_id", "text", (col) => col.notNull().references("drafts.id"))
      .addColumn("version", "integer", (col) => col.notNull())
      .addColumn("section_id", "text", (col) => col.notNull())
      // "comment" | "amendment".
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("text", "text", (col) => col.notNull())
      .addColumn("proposed_text", "text")
      // "web" | "field".
      .addColumn("channel", "text", (col) => col.notNull())
      .addColumn("device_id", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      // The body as sent (canonical JSON): a re-send with the same id is answered with the same comment.
      .addColumn("body", "text", (col) => col.notNull())
      .addColumn("outcome", "text")
      .addColumn("reason", "text")
      .addColumn("responded_by", "text")
      .addColumn("responded_at", "text")
      .execute();
    await db.schema
      .createIndex("draft_comments_version")
      .on("draft_comments")
      .columns(["draft_id", "version", "created_at"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ["draft_comments", "draft_versions", "drafts"])
      await db.schema.dropTable(table).execute();
  },
};
