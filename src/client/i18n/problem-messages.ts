// Maps each API problem type to the plain-language sentence a person reads.
import { type Problem, type ProblemType, problemTypeOf } from "../../domain/problem";
import type { MessageKey } from "./catalogue";

const MESSAGES: Partial<Record<ProblemType, MessageKey>> = {
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
  "bad-signature": "problem.bad-signature",
  "media-refused": "problem.media-refused",
};

export function problemMessageKey(problem: Problem | undefined): MessageKey {
  const type = problem ? problemTypeOf(problem.type) : undefined;
  return (type && MESSAGES[type]) || "problem.generic";
}
