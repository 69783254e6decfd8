// Interface translations imported by an admin from community translators (issue #14, item 7): per language, the
// strings that passed the checks, as a JSON object key → text. Spanish and English ship with the app, not here.
import type { Kysely, Migration } from "kysely";

export const uiTranslations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("ui_translations")
      .addColumn("language", "text", (col) => col.primaryKey())
      .addColumn("strings", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addColumn("updated_by", "text", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("ui_translations").execute();
  },
};
