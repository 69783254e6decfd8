// Institutions (sujetos obligados) and the holiday calendar: seeded once, then kept by admins.
import type { Kysely } from "kysely";
import {
  type CalendarEntry,
  type CalendarScope,
  type HolidayCalendar,
  holidayCalendar,
} from "../../domain/requests/holiday-calendar";
import type { Institution, InstitutionEdit } from "../../domain/requests/info-request";
import { OFFICE_CLOSES, type OfficeHours } from "../../domain/requests/laip-deadlines";
import { appendChanges } from "../storage/changelog";
import type { Database, InstitutionsTable } from "../storage/schema";
import { INSTITUTION_SEED } from "./institution-seed";

type Db = Kysely<Database>;

/**
 * Adds the seeded institutions and national holidays that are not there yet. Rows an admin changed or
 * removed are left as they are: the seed only fills gaps, so re-running it on every start is safe.
 */
export async function seedRequestCatalogues(db: Db, now: Date): Promise<void> {
  const at = now.toISOString();
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < INSTITUTION_SEED.length; i += 100) {
    await db.transaction().execute(async (trx) => {
      const added = await trx
        .insertInto("institutions")
        .values(
          INSTITUTION_SEED.slice(i, i + 100).map((seed) => ({
            id: seed.id,
            name: seed.name,
            acronym: seed.acronym,
            kind: seed.kind,
            territory_code: seed.territoryCode,
            active: 1,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .execute();
      // Phones keep the list for filing offline: each new institution reaches them in their next pull.
      await appendChanges(
        trx,
        added.map(({ id }) => institutionChange(id, at)),
      );
    });
  }
  // The law's holidays need no seed (they are computed for any year); which years are confirmed is the admins'
  // (migration 0012 confirmed 2026 and 2027 once, so an admin's withdrawal is not undone by a restart).
}

export function toInstitution(row: InstitutionsTable): Institution {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    kind: row.kind,
    territoryCode: row.territory_code,
    active: row.active === 1,
    officeCloses: row.office_closes,
    halfDayCloses: row.half_day_closes,
    highestAuthority: row.highest_authority,
  };
}

export async function listInstitutions(
  db: Db,
  { activeOnly }: { activeOnly: boolean },
): Promise<Institution[]> {
  let query = db.selectFrom("institutions").selectAll().orderBy("name");
  if (activeOnly) query = query.where("active", "=", 1);
  return (await query.execute()).map(toInstitution);
}

export async function findInstitution(db: Db, id: string): Promise<Institution | undefined> {
  const row = await db.selectFrom("institutions").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toInstitution(row) : undefined;
}

export class DuplicateAcronymError extends Error {}
/** An acronym that already prefixes folios stays: changing it would restart their numbers and clash. */
export class AcronymInUseError extends Error {}

/** Creates (no id row yet) or updates an institution. Acronyms are unique: they prefix folios. */
export async function saveInstitution(
  db: Db,
  id: string,
  edit: InstitutionEdit,
  now: Date,
): Promise<Institution> {
  const acronym = edit.acronym.toUpperCase();
  const clash = await db
    .selectFrom("institutions")
    .select("id")
    .where("acronym", "=", acronym)
    .where("id", "!=", id)
    .executeTakeFirst();
  if (clash) throw new DuplicateAcronymError(`Another institution uses the acronym ${acronym}`);
  const current = await db
    .selectFrom("institutions")
    .select("acronym")
    .where("id", "=", id)
    .executeTakeFirst();
  if (current && current.acronym !== acronym) {
    const used = await db
      .selectFrom("folio_counters")
      .select("year")
      .where("institution_id", "=", id)
      .executeTakeFirst();
    if (used) throw new AcronymInUseError(`${current.acronym} already prefixes folios`);
  }
  // Settings the edit leaves out stay as they are.
  const settings = {
    ...(edit.officeCloses === undefined ? {} : { office_closes: edit.officeCloses }),
    ...(edit.halfDayCloses === undefined ? {} : { half_day_closes: edit.halfDayCloses }),
    ...(edit.highestAuthority === undefined ? {} : { highest_authority: edit.highestAuthority }),
  };
  const row = {
    id,
    name: edit.name,
    acronym,
    kind: edit.kind,
    territory_code: edit.territoryCode,
    active: edit.active ? 1 : 0,
    updated_at: now.toISOString(),
    ...settings,
  };
  const saved = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("institutions")
      .values(row)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          name: row.name,
          acronym: row.acronym,
          kind: row.kind,
          territory_code: row.territory_code,
          active: row.active,
          updated_at: row.updated_at,
          ...settings,
        }),
      )
      .execute();
    await appendChanges(trx, [institutionChange(id, row.updated_at)]);
    return trx.selectFrom("institutions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  });
  return toInstitution(saved);
}

/** When an institution's information unit stops receiving: its own hours, or the usual ones. */
export function officeHoursOf(
  row: Pick<InstitutionsTable, "office_closes" | "half_day_closes">,
): OfficeHours {
  return {
    closes: row.office_closes ?? OFFICE_CLOSES.closes,
    halfDayCloses: row.half_day_closes ?? OFFICE_CLOSES.halfDayCloses,
  };
}

/** An institution added, changed or set inactive: public, so every phone's list follows. */
const institutionChange = (id: string, at: string) =>
  ({ entity: "institution", entityId: id, entityVersion: 1, changedAt: at }) as const;

export async function listCalendarEntries(db: Db): Promise<CalendarEntry[]> {
  const rows = await db
    .selectFrom("calendar_entries")
    .select(["date", "scope", "kind", "name"])
    .orderBy("date")
    .orderBy("scope")
    .execute();
  return rows.map((row) => ({ ...row, scope: row.scope as CalendarScope }));
}

export async function listConfirmedYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom("calendar_years").select("year").orderBy("year").execute();
  return rows.map((row) => Number(row.year));
}

/**
 * The calendar legal terms are counted with, as admins keep it now: the law's holidays, national closures, and
 * for an institution its municipality's and its own.
 */
export async function loadCalendar(db: Db, institutionId?: string): Promise<HolidayCalendar> {
  const [entries, confirmedYears, institution] = await Promise.all([
    listCalendarEntries(db),
    listConfirmedYears(db),
    institutionId
      ? db
          .selectFrom("institutions")
          .select(["id", "territory_code"])
          .where("id", "=", institutionId)
          .executeTakeFirst()
      : undefined,
  ]);
  return holidayCalendar({
    entries,
    confirmedYears,
    place: institution
      ? { institutionId: institution.id, territoryCode: institution.territory_code }
      : undefined,
  });
}

export async function saveCalendarEntry(db: Db, entry: CalendarEntry): Promise<void> {
  await db
    .insertInto("calendar_entries")
    .values(entry)
    .onConflict((oc) => oc.columns(["date", "scope"]).doUpdateSet({ kind: entry.kind, name: entry.name }))
    .execute();
}

export async function deleteCalendarEntry(db: Db, date: string, scope: CalendarScope): Promise<boolean> {
  const result = await db
    .deleteFrom("calendar_entries")
    .where("date", "=", date)
    .where("scope", "=", scope)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** An admin says a year's closures are all entered (or, `confirmed` false, takes that back). */
export async function setYearConfirmed(
  db: Db,
  year: number,
  confirmed: boolean,
  by: string,
  at: Date,
): Promise<void> {
  if (!confirmed) {
    await db.deleteFrom("calendar_years").where("year", "=", year).execute();
    return;
  }
  await db
    .insertInto("calendar_years")
    .values({ year, confirmed_at: at.toISOString(), confirmed_by: by })
    .onConflict((oc) => oc.column("year").doUpdateSet({ confirmed_at: at.toISOString(), confirmed_by: by }))
    .execute();
}
