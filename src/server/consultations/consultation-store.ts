// Reads and writes consultation versions; every write also appends to the changelog devices pull.
import type { Kysely, Transaction } from "kysely";
import { canonicalJson } from "../../domain/canonical-json";
import { Consultation, type ConsultationDesign } from "../../domain/consultation";
import type { ConsultationStatus } from "../../domain/consultation-status";
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
  const answered = rows.find((row) => row.version === version && row.status !== "draft");
  // The consultation's status is its latest released version's: a draft being edited changes nothing yet.
  const current = rows.find((row) => row.status !== "draft");
  if (!answered || !current) return undefined;
  return {
    consultation: Consultation.parse(JSON.parse(answered.data)),
    currentStatus: Consultation.shape.status.parse(current.status),
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

/** Every version of a consultation, newest first, parsed. */
async function versionsOf(db: Db, id: string): Promise<Consultation[]> {
  const rows = await db
    .selectFrom("consultations")
    .select("data")
    .where("id", "=", id)
    .orderBy("version", "desc")
    .execute();
  return rows.map((row) => Consultation.parse(JSON.parse(row.data)));
}

/** The latest version that left draft: what devices, the public and the exports see. */
export async function currentConsultation(db: Db, id: string): Promise<Consultation | undefined> {
  return (await versionsOf(db, id)).find((version) => version.status !== "draft");
}

export interface ConsultationVersions {
  versions: { version: number; status: ConsultationStatus; updatedAt: string }[];
  /** The latest released version, if any. */
  current: Consultation | null;
  /** The version being edited, if any: always the newest. */
  draft: Consultation | null;
}

export async function readVersions(db: Db, id: string): Promise<ConsultationVersions | undefined> {
  const versions = await versionsOf(db, id);
  if (versions.length === 0) return undefined;
  return {
    versions: versions.map(({ version, status, updatedAt }) => ({ version, status, updatedAt })),
    current: versions.find((version) => version.status !== "draft") ?? null,
    draft: versions[0]?.status === "draft" ? versions[0] : null,
  };
}

export type DesignOutcome =
  | { ok: true; consultation: Consultation; created: boolean }
  | { ok: false; reason: "not-found" | "conflict"; detail: string };

/**
 * Creates version 1 as a draft. A re-sent create with the same design answers the stored draft;
 * the same id with another design, or once the draft has moved on, is a conflict.
 */
export async function createConsultation(
  db: Kysely<Database>,
  id: string,
  design: ConsultationDesign,
  now: Date,
): Promise<DesignOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockChangelog(trx);
    const existing = await versionsOf(trx, id);
    if (existing.length > 0) {
      const first = existing.at(-1)!;
      const same = existing.length === 1 && first.status === "draft" && sameDesign(first, design);
      return same
        ? { ok: true, consultation: first, created: false }
        : { ok: false, reason: "conflict", detail: "A consultation with this id already exists" };
    }
    const consultation: Consultation = {
      id,
      version: 1,
      status: "draft",
      ...design,
      updatedAt: now.toISOString(),
    };
    await writeConsultation(trx, consultation);
    return { ok: true, consultation, created: true };
  });
}

/**
 * Saves the draft. A released version is never changed: editing one creates the next version as a draft
 * (`version` is then the latest + 1). Saving over another organizer's newer draft is a conflict.
 */
export async function saveDraft(
  db: Kysely<Database>,
  id: string,
  version: number,
  design: ConsultationDesign,
  now: Date,
  baseUpdatedAt?: string,
): Promise<DesignOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockChangelog(trx);
    const latest = (await versionsOf(trx, id))[0];
    if (!latest) return { ok: false, reason: "not-found", detail: "No such consultation" };
    const editsDraft = latest.status === "draft" && latest.version === version;
    const startsNext = latest.status !== "draft" && latest.version + 1 === version;
    if (editsDraft && baseUpdatedAt !== undefined && latest.updatedAt !== baseUpdatedAt) {
      return { ok: false, reason: "conflict", detail: "Someone else saved this draft since you opened it" };
    }
    if (!editsDraft && !startsNext) {
      return {
        ok: false,
        reason: "conflict",
        detail: `Version ${version} cannot be edited: the latest is version ${latest.version} (${latest.status})`,
      };
    }
    const consultation: Consultation = {
      id,
      version,
      status: "draft",
      ...design,
      updatedAt: now.toISOString(),
    };
    await writeConsultation(trx, consultation);
    return { ok: true, consultation, created: startsNext };
  });
}

/**
 * Moves a consultation on: "open" releases the draft (or reopens a closed consultation that has none),
 * "closed" stops new captures, "published" makes a closed consultation's results public.
 */
export async function changeStatus(
  db: Kysely<Database>,
  id: string,
  status: "open" | "closed" | "published",
  now: Date,
  baseUpdatedAt?: string,
): Promise<DesignOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockChangelog(trx);
    const versions = await versionsOf(trx, id);
    if (versions.length === 0) return { ok: false, reason: "not-found", detail: "No such consultation" };
    const draft = versions[0]?.status === "draft" ? versions[0] : undefined;
    const current = versions.find((version) => version.status !== "draft");
    const target =
      status === "open" ? (draft ?? (current?.status === "closed" ? current : undefined)) : current;
    const from: Partial<Record<typeof status, ConsultationStatus>> = { closed: "open", published: "closed" };
    if (!target || (from[status] && target.status !== from[status])) {
      return {
        ok: false,
        reason: "conflict",
        detail: `Cannot move to ${status} from ${current?.status ?? "draft"}${draft ? " (a draft is pending)" : ""}`,
      };
    }
    if (baseUpdatedAt !== undefined && target.updatedAt !== baseUpdatedAt) {
      return { ok: false, reason: "conflict", detail: `Version ${target.version} changed since you saw it` };
    }
    const consultation: Consultation = { ...target, status, updatedAt: laterThan(target.updatedAt, now) };
    await writeConsultation(trx, consultation);
    return { ok: true, consultation, created: false };
  });
}

/**
 * A version's new updatedAt: now, or a millisecond after the previous one when the clock has not moved on,
 * so every save is told apart from the one before (pages detect others' changes by it).
 */
function laterThan(previous: string, now: Date): string {
  const at = Math.max(now.getTime(), Date.parse(previous) + 1);
  return new Date(at).toISOString();
}

function sameDesign(consultation: Consultation, design: ConsultationDesign): boolean {
  const { id: _id, version: _version, status: _status, updatedAt: _updatedAt, ...stored } = consultation;
  return canonicalJson(stored) === canonicalJson(design);
}
