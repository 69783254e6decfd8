// Audio prompts of a consultation (issue #14, item 5): per target (introduction, theme, question) and language, the
// organizer's recording, stored as an upload (attachments) and named here.
import type { Kysely, Migration } from "kysely";

export const consultationPrompts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("consultation_prompts")
      .addColumn("consultation_id", "text", (col) => col.notNull())
      .addColumn("target", "text", (col) => col.notNull())
      .addColumn("language", "text", (col) => col.notNull())
      .addColumn("attachment_id", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addColumn("updated_by", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("consultation_prompts_pk", ["consultation_id", "target", "language"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("consultation_prompts").execute();
  },
};
