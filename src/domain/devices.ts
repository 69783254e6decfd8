// Enrolling a phone: the one-time code an organizer issues, and what the phone sends to register its key.
import { z } from "zod/mini";
import { normalizeSymbols, randomSymbols } from "./crockford";
import { IsoDateTime, Uuid } from "./primitives";

/** 10 symbols, 50 bits: short enough to type on a phone, far beyond guessing under the enrolment rate limit. */
export const ENROLMENT_CODE_SYMBOLS = 10;
/** How long a code stays valid unless the organizer asks otherwise, and the longest they may ask for. */
export const ENROLMENT_CODE_HOURS = { default: 48, max: 24 * 7 } as const;

const grouped = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** A fresh code such as "7KQ2M-9XD4R" from the given source of random bytes. */
export function newEnrolmentCode(random: (bytes: Uint8Array) => Uint8Array): string {
  return grouped(randomSymbols(ENROLMENT_CODE_SYMBOLS, random));
}

/** A code as typed, made canonical ("7kq2m 9xd4r" → "7KQ2M-9XD4R"); undefined if it cannot be one. */
export function normalizeEnrolmentCode(text: string): string | undefined {
  const plain = normalizeSymbols(text, ENROLMENT_CODE_SYMBOLS);
  return plain ? grouped(plain) : undefined;
}

/** What an organizer asks for: a code, optionally for a named facilitator, valid for some hours. */
export const IssueEnrolmentCode = z.strictObject({
  label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  expiresInHours: z.optional(z.int().check(z.gte(1), z.lte(ENROLMENT_CODE_HOURS.max))),
});

/** An ECDSA P-256 public key as WebCrypto exports it (JWK); the private half never leaves the phone. */
export const DevicePublicKey = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type DevicePublicKey = z.infer<typeof DevicePublicKey>;

export const EnrolDevice = z.strictObject({
  code: z.string().check(z.maxLength(40)),
  deviceId: Uuid,
  publicKey: DevicePublicKey,
});
export type EnrolDevice = z.infer<typeof EnrolDevice>;

export const EnrolResponse = z.object({
  deviceId: Uuid,
  /** Sent as "Authorization: Bearer …" with every push; the server keeps only its hash. */
  token: z.string(),
  label: z.nullable(z.string()),
  enrolledAt: IsoDateTime,
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** A device as the organizer's list shows it. */
export const DeviceSummary = z.object({
  id: z.string(),
  label: z.nullable(z.string()),
  enrolledAt: z.string(),
  enrolledBy: z.string(),
  revokedAt: z.nullable(z.string()),
  lastPushAt: z.nullable(z.string()),
  inputs: z.number(),
  quarantined: z.number(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
