// Exports read a consultation's inputs in id order, page after page (keyset): this index serves each page
// directly, instead of sorting the consultation's inputs once per page.
import type { Kysely, Migration } from "kysely";

export const inputExportOrder: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex("inputs_consultation_id")
      .on("inputs")
      .columns(["consultation_id", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("inputs_consultation_id").execute();
  },
};
