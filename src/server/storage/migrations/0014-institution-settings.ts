// Settings each institution keeps: when its information unit stops receiving for the day (an institutional
// rule, not law: 16:30 and 12:00 on half days unless set) and the name of its máxima autoridad, who decides
// appeals (LAIP Art. 58).
import type { Kysely, Migration } from "kysely";

export const institutionSettings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("institutions").addColumn("office_closes", "text").execute();
    await db.schema.alterTable("institutions").addColumn("half_day_closes", "text").execute();
    await db.schema.alterTable("institutions").addColumn("highest_authority", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("institutions").dropColumn("highest_authority").execute();
    await db.schema.alterTable("institutions").dropColumn("half_day_closes").execute();
    await db.schema.alterTable("institutions").dropColumn("office_closes").execute();
  },
};
