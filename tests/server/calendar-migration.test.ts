// Migration 0012 on a real SQLite file that earlier versions filled: the old seed's holidays go (the law's days
// are computed now, Holy Wednesday is no longer assumed), what an admin added stays, and going back restores it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "../../src/server/storage/migrations";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openAt(): { db: Kysely<unknown>; migrator: Migrator } {
  const dir = mkdtempSync(path.join(tmpdir(), "tejido-calendar-"));
  dirs.push(dir);
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(dir, "tejido.sqlite")) }),
  });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations("sqlite") } });
  return { db, migrator };
}

describe("migration 0012: calendar entries", () => {
  it("keeps what admins added, drops the old seed, and goes back", async () => {
    const { db, migrator } = openAt();
    expect((await migrator.migrateTo("0011-changelog-audience")).error).toBeUndefined();
    // As earlier versions left it: the seed (with Holy Wednesday as a half day), one seeded day an admin made
    // a full day, and two days an admin added.
    await sql`insert into holidays (date, kind, name) values
      ('2026-04-01', 'half', 'Miércoles Santo (desde las 12:00)'),
      ('2026-04-02', 'full', 'Jueves Santo'),
      ('2026-12-24', 'full', 'Nochebuena (todo el día, acuerdo gubernativo)'),
      ('2026-12-25', 'full', 'Navidad'),
      ('2027-03-24', 'half', 'Miércoles Santo (desde las 12:00)'),
      ('2026-08-15', 'full', 'Feria de la Asunción'),
      ('2028-01-02', 'full', 'Asueto decretado')`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { rows } = await sql<{ date: string; scope: string; kind: string }>`
      select date, scope, kind from calendar_entries order by date`.execute(db);
    expect(rows).toEqual([
      { date: "2026-08-15", scope: "national", kind: "full" },
      { date: "2026-12-24", scope: "national", kind: "full" },
      { date: "2028-01-02", scope: "national", kind: "full" },
    ]);

    expect((await migrator.migrateTo("0011-changelog-audience")).error).toBeUndefined();
    const back = await sql<{ date: string }>`select date from holidays order by date`.execute(db);
    expect(back.rows.map((row) => row.date)).toEqual(["2026-08-15", "2026-12-24", "2028-01-02"]);
    await db.destroy();
  });
});
