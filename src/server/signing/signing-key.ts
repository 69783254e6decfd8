// The server's Ed25519 signing key: made on first use, kept in the database so every instance signs alike.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";

export interface SigningKey {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER): what a verifier compares. */
  keyId: string;
  /** SPKI DER, base64. */
  publicKey: string;
  publicKeyPem: string;
  sign(data: Uint8Array): string;
}

let cached: { db: Kysely<Database>; key: Promise<SigningKey> } | undefined;

export function signingKey(db: Kysely<Database>): Promise<SigningKey> {
  if (cached?.db !== db) cached = { db, key: loadOrCreate(db) };
  return cached.key;
}

async function loadOrCreate(db: Kysely<Database>): Promise<SigningKey> {
  let row = await db.selectFrom("signing_keys").selectAll().where("id", "=", "primary").executeTakeFirst();
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    // Two instances starting together: one key wins, and both use it.
    await db
      .insertInto("signing_keys")
      .values({
        id: "primary",
        algorithm: "Ed25519",
        public_key: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
        private_key: privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    row = await db
      .selectFrom("signing_keys")
      .selectAll()
      .where("id", "=", "primary")
      .executeTakeFirstOrThrow();
  }
  const privateKey = createPrivateKey({
    key: Buffer.from(row.private_key, "base64"),
    format: "der",
    type: "pkcs8",
  });
  const publicDer = Buffer.from(row.public_key, "base64");
  const publicKey = createPublicKey({ key: publicDer, format: "der", type: "spki" });
  return {
    keyId: keyIdOf(publicDer),
    publicKey: row.public_key,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (data) => sign(null, data, privateKey).toString("base64"),
  };
}

export function keyIdOf(spkiDer: Uint8Array): string {
  return createHash("sha256").update(spkiDer).digest("hex").slice(0, 16);
}
