// Civil-society accounts (issue #13): the organisation an account speaks for when it assesses a milestone.
import type { Kysely, Migration } from "kysely";

export const civilSociety: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").addColumn("organisation", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("users").dropColumn("organisation").execute();
  },
};
