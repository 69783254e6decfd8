// Staff accounts and their sessions in the database.

import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import { type CurrentUser, loginDelayMs, NewUser } from "../../domain/accounts";
import { sha256Hex } from "../hash";
import type { Database } from "../storage/schema";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";

type Db = Kysely<Database>;

/** Sessions end after 12 hours without use. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** And 24 hours after sign-in, however busy: a stolen cookie is worth a day at most. */
export const SESSION_MAX_MS = 24 * 60 * 60 * 1000;

export class DuplicateEmailError extends Error {}

/** Whether any staff account exists (a new deployment has none until the first is made with the CLI). */
export async function hasStaffAccount(db: Db): Promise<boolean> {
  return (await db.selectFrom("users").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export async function createUser(db: Db, input: NewUser, now: Date): Promise<CurrentUser> {
  const user = NewUser.parse(input);
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", user.email)
    .executeTakeFirst();
  if (existing) throw new DuplicateEmailError(`A user with email ${user.email} exists already`);
  const row = {
    id: uuidv7(),
    email: user.email,
    name: user.name,
    role: user.role,
    institution_id: user.institutionId ?? null,
    organisation: user.organisation ?? null,
    password_hash: await hashPassword(user.password),
    created_at: now.toISOString(),
    disabled_at: null,
  };
  await db.insertInto("users").values(row).execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role, institutionId: row.institution_id };
}

export type LoginOutcome =
  | { ok: true; token: string; user: CurrentUser; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wait"; retryAfterMs: number };

/** Failures older than this are forgotten (and their rows pruned). */
export const LOGIN_FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks an email and password. Unknown emails and wrong passwords answer the same, after the same
 * work; each failure for an email from one client address makes the next attempt from there wait longer
 * (loginDelayMs). Another address is not held back: the real person is never locked out by someone else.
 * `verify` runs the password check (the route passes one that bounds how many run at once).
 */
export async function login(
  db: Db,
  email: string,
  password: string,
  now: Date,
  address = "local",
  verify: (password: string, hash: string) => Promise<boolean> = verifyPassword,
): Promise<LoginOutcome> {
  const forgetBefore = new Date(now.getTime() - LOGIN_FAILURE_MEMORY_MS).toISOString();
  const failures = await db
    .selectFrom("login_failures")
    .selectAll()
    .where("address", "=", address)
    .where("email", "=", email)
    .where("last_failure_at", ">", forgetBefore)
    .executeTakeFirst();
  if (failures) {
    const waitUntil = Date.parse(failures.last_failure_at) + loginDelayMs(failures.failures);
    if (now.getTime() < waitUntil)
      return { ok: false, reason: "wait", retryAfterMs: waitUntil - now.getTime() };
  }
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const valid = await verify(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !valid) {
    await db
      .insertInto("login_failures")
      .values({ address, email, failures: 1, last_failure_at: now.toISOString() })
      .onConflict((oc) =>
        oc.columns(["address", "email"]).doUpdateSet((eb) => ({
          // A failure after a day of quiet starts the count again.
          failures: eb
            .case()
            .when("login_failures.last_failure_at", "<=", forgetBefore)
            .then(1)
            .else(eb("login_failures.failures", "+", 1))
            .end(),
          last_failure_at: now.toISOString(),
        })),
      )
      .execute();
    // Unknown emails leave rows too: forget every one a day old, so a flood of them cannot fill the disk.
    await db.deleteFrom("login_failures").where("last_failure_at", "<=", forgetBefore).execute();
    return { ok: false, reason: "invalid" };
  }
  await db.deleteFrom("login_failures").where("address", "=", address).where("email", "=", email).execute();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db
    .insertInto("sessions")
    .values({
      token_sha256: sha256Hex(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return {
    ok: true,
    token,
    expiresAt,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      institutionId: user.institution_id,
    },
  };
}

/** The user a session token belongs to, extending its idle expiry; undefined when unknown or expired. */
export async function userForSession(db: Db, token: string, now: Date): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.token_sha256",
      "sessions.expires_at",
      "sessions.created_at",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.institution_id",
      "users.disabled_at",
    ])
    .where("sessions.token_sha256", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  const ends = Date.parse(row.created_at) + SESSION_MAX_MS;
  if (Date.parse(row.expires_at) <= now.getTime() || ends <= now.getTime()) {
    await db.deleteFrom("sessions").where("token_sha256", "=", row.token_sha256).execute();
    return undefined;
  }
  await db
    .updateTable("sessions")
    .set({ expires_at: new Date(Math.min(now.getTime() + SESSION_IDLE_MS, ends)).toISOString() })
    .where("token_sha256", "=", row.token_sha256)
    .execute();
  return { id: row.id, email: row.email, name: row.name, role: row.role, institutionId: row.institution_id };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_sha256", "=", sha256Hex(token)).execute();
}
