// A consultation feeds its draft (issue #13, item 6): the inputs a comment or amendment rests on, as a JSON array of
// input ids (null when it cites none); and, for a comment written offline in the field, the version its writer read.
import type { Kysely, Migration } from "kysely";

export const draftCitations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("draft_comments").addColumn("input_ids", "text").execute();
    await db.schema.alterTable("draft_comments").addColumn("read_version", "integer").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("draft_comments").dropColumn("read_version").execute();
    await db.schema.alterTable("draft_comments").dropColumn("input_ids").execute();
  },
};
