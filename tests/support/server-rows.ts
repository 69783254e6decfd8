// Reads a spawned server's embedded SQLite file directly, read-only, as the tests judged from outside do.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";

/** The rows a query gives on the server's database in `dataDir` (opened for this query alone). */
export function serverRowsIn<T = Record<string, unknown>>(
  dataDir: string,
  sql: string,
  ...params: unknown[]
): T[] {
  const db = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
