// Enrolment codes and enrolled devices: issue a code, trade it once for a token, find a device by token, revoke.
import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import {
  type DeviceSummary,
  ENROLMENT_CODE_HOURS,
  type EnrolDevice,
  newEnrolmentCode,
  normalizeEnrolmentCode,
} from "../../domain/devices";
import { sha256Hex } from "../hash";
import type { Database } from "../storage/schema";

export async function issueEnrolmentCode(
  db: Kysely<Database>,
  request: { label?: string | undefined; expiresInHours?: number | undefined },
  issuedBy: string,
  now: Date,
): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolmentCode((bytes) => {
    bytes.set(randomBytes(bytes.length));
    return bytes;
  });
  const hours = request.expiresInHours ?? ENROLMENT_CODE_HOURS.default;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto("enrolment_codes")
    .values({
      code_sha256: sha256Hex(code),
      label: request.label ?? null,
      issued_by: issuedBy,
      issued_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, expiresAt };
}

export type EnrolOutcome =
  | { ok: true; token: string; label: string | null; enrolledAt: string }
  | { ok: false; reason: "unknown" | "expired" | "used" | "device-taken" };

/**
 * Trades a code for a device token, once: the code is claimed with a conditional update, so two phones
 * racing with the same code cannot both win. A device id already enrolled (or revoked) is refused.
 */
export async function enrolDevice(
  db: Kysely<Database>,
  request: EnrolDevice,
  now: Date,
): Promise<EnrolOutcome> {
  const code = normalizeEnrolmentCode(request.code);
  if (!code) return { ok: false, reason: "unknown" };
  const codeHash = sha256Hex(code);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("enrolment_codes")
      .selectAll()
      .where("code_sha256", "=", codeHash)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "unknown" };
    if (row.used_at && row.device_id === request.deviceId) {
      // The same phone again with the same key: its first answer was lost on the way. It gets a fresh token
      // (the lost one stops working), so a dropped connection can never leave a phone unable to send.
      const device = await trx
        .selectFrom("devices")
        .select(["public_key", "revoked_at", "enrolled_at"])
        .where("id", "=", request.deviceId)
        .executeTakeFirst();
      if (device && !device.revoked_at && device.public_key === JSON.stringify(request.publicKey)) {
        const token = randomBytes(32).toString("base64url");
        await trx
          .updateTable("devices")
          .set({ token_sha256: sha256Hex(token) })
          .where("id", "=", request.deviceId)
          .execute();
        return { ok: true, token, label: row.label, enrolledAt: device.enrolled_at };
      }
    }
    if (row.used_at) return { ok: false, reason: "used" };
    if (row.expires_at <= now.toISOString()) return { ok: false, reason: "expired" };
    const taken = await trx
      .selectFrom("devices")
      .select("id")
      .where("id", "=", request.deviceId)
      .executeTakeFirst();
    if (taken) return { ok: false, reason: "device-taken" };
    const enrolledAt = now.toISOString();
    const claimed = await trx
      .updateTable("enrolment_codes")
      .set({ used_at: enrolledAt, device_id: request.deviceId })
      .where("code_sha256", "=", codeHash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: "used" };
    const token = randomBytes(32).toString("base64url");
    await trx
      .insertInto("devices")
      .values({
        id: request.deviceId,
        public_key: JSON.stringify(request.publicKey),
        token_sha256: sha256Hex(token),
        label: row.label,
        enrolled_by: row.issued_by,
        enrolled_at: enrolledAt,
        revoked_at: null,
        revoked_by: null,
        last_push_at: null,
      })
      .execute();
    return { ok: true, token, label: row.label, enrolledAt };
  });
}

export interface AuthenticatedDevice {
  id: string;
  revoked: boolean;
  /** Its enrolled ECDSA P-256 public key, as stored (JWK text): what its signatures are checked with. */
  publicKey: string;
}

/** The token of an "Authorization: Bearer <token>" header, if that is what it holds. */
export function bearerToken(header: string | null | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? "")?.[1];
}

/** The device a bearer token belongs to, revoked or not; undefined for an unknown token. */
export async function deviceForToken(
  db: Kysely<Database>,
  token: string,
): Promise<AuthenticatedDevice | undefined> {
  const row = await db
    .selectFrom("devices")
    .select(["id", "public_key", "revoked_at"])
    .where("token_sha256", "=", sha256Hex(token))
    .executeTakeFirst();
  return row ? { id: row.id, revoked: row.revoked_at !== null, publicKey: row.public_key } : undefined;
}

export async function markPushed(
  db: Kysely<Database> | Transaction<Database>,
  deviceId: string,
  at: string,
): Promise<void> {
  await db.updateTable("devices").set({ last_push_at: at }).where("id", "=", deviceId).execute();
}

/** Revokes a device; its later pushes are refused and kept in quarantine. False if there is no such device. */
export async function revokeDevice(
  db: Kysely<Database>,
  id: string,
  by: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("devices")
    .set({ revoked_at: now.toISOString(), revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return true;
  return (await db.selectFrom("devices").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** Every enrolled device, newest first, with who enrolled it and what it sent. */
export async function listDevices(db: Kysely<Database>): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom("devices")
    .leftJoin("users", "users.id", "devices.enrolled_by")
    .select([
      "devices.id",
      "devices.label",
      "devices.enrolled_at",
      "devices.revoked_at",
      "devices.last_push_at",
      "users.name as enrolled_by",
    ])
    .orderBy("devices.enrolled_at", "desc")
    .execute();
  const count = async (table: "inputs" | "quarantine") => {
    const counted = await db
      .selectFrom(table)
      .select(["device_id", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where(
        "device_id",
        "in",
        rows.map((row) => row.id),
      )
      .groupBy("device_id")
      .execute();
    return new Map(counted.map((row) => [row.device_id, Number(row.n)]));
  };
  if (rows.length === 0) return [];
  const [inputs, quarantined] = [await count("inputs"), await count("quarantine")];
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    enrolledAt: row.enrolled_at,
    enrolledBy: row.enrolled_by ?? "",
    revokedAt: row.revoked_at,
    lastPushAt: row.last_push_at,
    inputs: inputs.get(row.id) ?? 0,
    quarantined: quarantined.get(row.id) ?? 0,
  }));
}
