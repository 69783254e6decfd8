// Staff accounts: who may design consultations, answer requests, or administer. Citizens never need one.
import { z } from "zod/mini";

/** `civil_society`: an organisation (of the Mesa Técnica de Gobierno Abierto or another) that posts its own
 * assessment of each milestone beside the government's. */
export const ROLES = ["admin", "organizer", "officer", "civil_society"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Long passphrases beat complex short ones; 12 characters is the floor, 256 keeps hashing bounded. */
export const PASSWORD_LIMITS = { min: 12, max: 256 } as const;

/**
 * How the first account is made on a new deployment (there is no sign-up page: staff accounts are made by an
 * admin). Shown by the server's log, the sign-in page and the README while no account exists.
 */
export const FIRST_ACCOUNT_COMMAND =
  'npm run admin -- create-user --email ana@institucion.gob.gt --name "Ana López" --role admin --password-stdin';

/** Emails are compared trimmed and lower-cased. */
export const Email = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email().check(z.maxLength(254)));

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_LIMITS.max)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const NewUser = z.strictObject({
  email: Email,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  role: Role,
  /** Officers answer for one institution; others have none. */
  institutionId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The organisation a civil-society account speaks for (required for that role). */
  organisation: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(200))),
  password: z.string().check(z.minLength(PASSWORD_LIMITS.min), z.maxLength(PASSWORD_LIMITS.max)),
});
export type NewUser = z.infer<typeof NewUser>;

export const CurrentUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  institutionId: z.nullable(z.string()),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/** Growing delay after failed logins for one email: 0.5 s, 1 s, 2 s … capped at 60 s. */
export function loginDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(60_000, 500 * 2 ** (failures - 1));
}
