// Maps each API problem type to the plain-language sentence a person reads. Total: a new problem type in
// src/domain/problem.ts fails the typecheck until it has its sentence here.
import { type Problem, type ProblemType, problemTypeOf } from "../../domain/problem";
import type { MessageKey } from "./catalogue";

const MESSAGES: Record<ProblemType, MessageKey> = {
  "input-rejected": "problem.input-rejected",
  "invalid-mutation": "problem.invalid-mutation",
  "unknown-consultation": "problem.unknown-consultation",
  "record-conflict": "problem.record-conflict",
  "mutation-id-reused": "problem.mutation-id-reused",
  "payload-too-large": "problem.payload-too-large",
  "unknown-institution": "problem.unknown-institution",
  "request-conflict": "problem.request-conflict",
  "clarification-closed": "problem.clarification-closed",
  "workshop-rejected": "problem.workshop-rejected",
  "draft-comment-rejected": "problem.draft-comment-rejected",
  "bad-signature": "problem.bad-signature",
  "media-refused": "problem.media-refused",
  "malformed-json": "problem.malformed-json",
  "headers-too-large": "problem.headers-too-large",
  "unsupported-media-type": "problem.unsupported-media-type",
  "invalid-request": "problem.invalid-request",
  "not-found": "problem.not-found",
  "method-not-allowed": "problem.method-not-allowed",
  "invalid-credentials": "problem.invalid-credentials",
  "too-many-attempts": "problem.too-many-attempts",
  unauthenticated: "problem.unauthenticated",
  forbidden: "problem.forbidden",
  "not-allowed-now": "problem.not-allowed-now",
  "rate-limited": "problem.rate-limited",
  "attachment-rejected": "problem.attachment-rejected",
  "appeal-closed": "problem.appeal-closed",
  "duplicate-acronym": "problem.duplicate-acronym",
  "invalid-design": "problem.invalid-design",
  "design-conflict": "problem.design-conflict",
  "enrolment-code-invalid": "problem.enrolment-code-invalid",
  "device-unknown": "problem.device-unknown",
  "device-revoked": "problem.device-revoked",
  "device-taken": "problem.device-taken",
  overloaded: "problem.overloaded",
  "client-outdated": "problem.client-outdated",
  internal: "problem.internal",
};

export function problemMessageKey(problem: Problem | undefined): MessageKey {
  const type = problem ? problemTypeOf(problem.type) : undefined;
  // A type this build does not know (a newer server's) reads as the general sentence.
  return type ? MESSAGES[type] : "problem.generic";
}
