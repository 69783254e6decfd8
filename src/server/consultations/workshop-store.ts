// Reads the workshops held for a consultation, as their phones last saved them, by date.
import type { Kysely } from "kysely";
import type { Workshop } from "../../domain/workshop";
import type { Database } from "../storage/schema";

export async function workshopsOf(db: Kysely<Database>, consultationId: string): Promise<Workshop[]> {
  const rows = await db
    .selectFrom("workshops")
    .select("payload")
    .where("consultation_id", "=", consultationId)
    .orderBy("date")
    .orderBy("id")
    .execute();
  return rows.map((row) => JSON.parse(row.payload) as Workshop);
}
