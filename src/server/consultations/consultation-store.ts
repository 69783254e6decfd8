// Reads and writes consultation versions; every write also appends to the changelog devices pull.
import type { Kysely, Transaction } from "kysely";
import { Consultation } from "../../domain/consultation";
import { appendChange, lockChangelog } from "../storage/changelog";
import type { Database } from "../storage/schema";
import { DEMO_CONSULTATION_ID, demoConsultation } from "./demo-consultation";

type Db = Kysely<Database> | Transaction<Database>;

export async function saveConsultation(db: Kysely<Database>, consultation: Consultation): Promise<void> {
  await db.transaction().execute((trx) => writeConsultation(trx, consultation));
}

/** Upserts a consultation version and records the change, inside the caller's transaction. */
export async function writeConsultation(
  trx: Transaction<Database>,
  consultation: Consultation,
): Promise<void> {
  const parsed = Consultation.parse(consultation);
  await lockChangelog(trx);
  await trx
    .insertInto("consultations")
    .values({
      id: parsed.id,
      version: parsed.version,
      status: parsed.status,
      data: JSON.stringify(parsed),
      updated_at: parsed.updatedAt,
    })
    .onConflict((oc) =>
      oc.columns(["id", "version"]).doUpdateSet((eb) => ({
        status: eb.ref("excluded.status"),
        data: eb.ref("excluded.data"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
  await appendChange(trx, {
    entity: "consultation",
    entityId: parsed.id,
    entityVersion: parsed.version,
    changedAt: parsed.updatedAt,
  });
}

/** The version an input answered, with the status the consultation has now (status is consultation-wide). */
export async function findConsultationVersion(
  db: Db,
  id: string,
  version: number,
): Promise<{ consultation: Consultation; currentStatus: Consultation["status"] } | undefined> {
  const rows = await db
    .selectFrom("consultations")
    .select(["version", "status", "data"])
    .where("id", "=", id)
    .orderBy("version", "desc")
    .execute();
  const answered = rows.find((row) => row.version === version);
  if (!answered || !rows[0]) return undefined;
  return {
    consultation: Consultation.parse(JSON.parse(answered.data)),
    currentStatus: Consultation.shape.status.parse(rows[0].status),
  };
}

/** Seeds the demo consultation once; a later start leaves whatever organizers changed. */
export async function seedDemoConsultation(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db
    .selectFrom("consultations")
    .select("id")
    .where("id", "=", DEMO_CONSULTATION_ID)
    .executeTakeFirst();
  if (existing) return false;
  await saveConsultation(db, demoConsultation(now.toISOString()));
  return true;
}
