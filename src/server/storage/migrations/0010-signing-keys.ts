// The server's Ed25519 key pair that signs export manifests (kept in the database, so every instance shares it).
import type { Kysely, Migration } from "kysely";

export const signingKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("signing_keys")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("algorithm", "text", (col) => col.notNull())
      .addColumn("public_key", "text", (col) => col.notNull())
      .addColumn("private_key", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("signing_keys").execute();
  },
};
