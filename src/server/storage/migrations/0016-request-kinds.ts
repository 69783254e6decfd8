// What LAIP Arts. 33–35 and 42 inciso 2 add to a request: its kind (public information, or one's own personal
// data to see or correct), how the requester's identity was accredited for personal data (the means and the day,
// never the document's number), the clarification the unit asked for and the reply, and the type of information
// asked, which the officer records for the yearly report (Art. 48).
import { type Kysely, type Migration, sql } from "kysely";

const COLUMNS = [
  "clarification_question",
  "clarification_asked_at",
  "clarification_due",
  "clarification_reply",
  "clarification_replied_at",
  "clarification_reply_id",
  "identity_accredited_at",
  "identity_accredited_via",
  "information_type",
] as const;

export const requestKinds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("info_requests")
      .addColumn("request_kind", "text", (column) => column.notNull().defaultTo(sql`'information'`))
      .execute();
    for (const column of COLUMNS)
      await db.schema.alterTable("info_requests").addColumn(column, "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of [...COLUMNS].reverse())
      await db.schema.alterTable("info_requests").dropColumn(column).execute();
    await db.schema.alterTable("info_requests").dropColumn("request_kind").execute();
  },
};
