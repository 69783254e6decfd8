// Rate-limit windows kept in the database, so every server instance on it counts the same hits: behind two
// instances a client gets the limit once, not twice. Keys are hashes (no address in clear); ended windows are
// pruned by resets_at.
import type { Kysely, Migration } from "kysely";

export const rateLimits: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("rate_limits")
      .addColumn("key", "text", (col) => col.primaryKey())
      // Milliseconds since the epoch at which the current window ends and counting starts again.
      .addColumn("resets_at", "bigint", (col) => col.notNull())
      .addColumn("count", "integer", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("rate_limits_resets_at").on("rate_limits").column("resets_at").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("rate_limits").execute();
  },
};
