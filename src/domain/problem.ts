// RFC 9457 problem details: the one shape every API error takes, shared so the phone can explain it.
import { z } from "zod/mini";

/** Every problem type the API can answer with. The client maps each to a plain-language message. */
export const PROBLEM_TYPES = [
  "malformed-json",
  "payload-too-large",
  "headers-too-large",
  "unsupported-media-type",
  "invalid-request",
  "invalid-mutation",
  "unknown-consultation",
  "input-rejected",
  "mutation-id-reused",
  "record-conflict",
  "not-found",
  "method-not-allowed",
  "invalid-credentials",
  "too-many-attempts",
  "unauthenticated",
  "forbidden",
  "unknown-institution",
  "request-conflict",
  "not-allowed-now",
  "rate-limited",
  "attachment-rejected",
  "appeal-closed",
  "clarification-closed",
  "duplicate-acronym",
  "invalid-design",
  "design-conflict",
  "enrolment-code-invalid",
  "device-unknown",
  "device-revoked",
  "device-taken",
  "bad-signature",
  "workshop-rejected",
  /** A comment or amendment captured in the field that the draft cannot take (no such section any more, …). */
  "draft-comment-rejected",
  /** A voice recording or photo the server will never take (refused, or damaged every time it was sent). */
  "media-refused",
  /** The server is busy and sheds load: come back after Retry-After. */
  "overloaded",
  /** This version of the app speaks a protocol the server no longer takes. */
  "client-outdated",
  "internal",
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

const PREFIX = "urn:tejido:problem:";

export function problemTypeUri(type: ProblemType): string {
  return PREFIX + type;
}

/** The short name of a problem's type URI, or undefined for a type this build does not know. */
export function problemTypeOf(uri: string): ProblemType | undefined {
  if (!uri.startsWith(PREFIX)) return undefined;
  const name = uri.slice(PREFIX.length);
  return (PROBLEM_TYPES as readonly string[]).includes(name) ? (name as ProblemType) : undefined;
}

export const ProblemFieldError = z.object({
  pointer: z.string(),
  code: z.string(),
  detail: z.optional(z.string()),
});
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(ProblemFieldError)),
});
export type Problem = z.infer<typeof Problem>;

export function makeProblem(
  type: ProblemType,
  status: number,
  title: string,
  extra: { detail?: string; instance?: string; errors?: ProblemFieldError[] } = {},
): Problem {
  return { type: problemTypeUri(type), title, status, ...extra };
}

/** Turns zod issues into field errors with JSON Pointers. */
/** A problem as a per-entry report carries it: what and why, without the per-field detail. */
export const briefProblem = ({ type, title, status }: Problem) => ({ type, title, status });

export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
  prefix = "",
): ProblemFieldError[] {
  return issues.map((issue) => ({
    pointer:
      prefix +
      issue.path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join(""),
    code: issue.code,
    detail: issue.message,
  }));
}
