// The changelog carries more than consultations: institutions (public), dispositions (to the phone that sent
// the input) and request statuses (to the phone that filed the request). `audience` says who may pull a change.
import { type Kysely, type Migration, sql } from "kysely";

export const changelogAudience: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // null: anyone; "d:<deviceId>": one enrolled device; "r:<sha256>": the phone holding that reader key.
    await db.schema.alterTable("changes").addColumn("audience", "text").execute();
    // The SHA-256 of the reader key of the phone that filed the request; null for requests filed before.
    await db.schema.alterTable("info_requests").addColumn("reader_sha256", "text").execute();
    // Phones that pulled before learn the whole institution list from their next pull.
    await sql`insert into changes (entity, entity_id, entity_version, changed_at)
      select 'institution', id, 1, updated_at from institutions order by name`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`delete from changes where entity = 'institution'`.execute(db);
    await db.schema.alterTable("info_requests").dropColumn("reader_sha256").execute();
    await db.schema.alterTable("changes").dropColumn("audience").execute();
  },
};
