// An organizer's review of an input before its words go public: marked publishable, optionally with parts
// covered (the text answers and free text as they may be shown). Until an input has a review or a disposition,
// the public sees its choices and counts, not its words.
import type { Kysely, Migration } from "kysely";

export const inputReviews: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("input_reviews")
      .addColumn("input_id", "text", (col) => col.primaryKey())
      .addColumn("publishable", "integer", (col) => col.notNull())
      .addColumn("answers", "text")
      .addColumn("free_text", "text")
      .addColumn("reviewed_by", "text", (col) => col.notNull())
      .addColumn("reviewed_at", "text", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("input_reviews").execute();
  },
};
