// Sends RFC 9457 problem details with the right media type.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { makeProblem, type Problem, type ProblemFieldError, type ProblemType } from "../../domain/problem";

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    "content-type": "application/problem+json; charset=utf-8",
  });
}

export function sendProblem(
  c: Context,
  type: ProblemType,
  status: number,
  title: string,
  extra: { detail?: string; errors?: ProblemFieldError[] } = {},
): Response {
  return problemResponse(c, makeProblem(type, status, title, { instance: c.req.path, ...extra }));
}
