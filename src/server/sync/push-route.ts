// POST /api/v1/sync/push — applies a batch of mutations, answering one result per mutation.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { issuesToFieldErrors } from "../../domain/problem";
import { PushRequest, type PushResponse, type PushResult } from "../../domain/sync-messages";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { applyMutation } from "./apply-mutation";

export interface PushRouteOptions {
  db: Kysely<Database>;
  maxBodyBytes: number;
  now: () => Date;
}

/** Role: device. Until enrolment lands (issue 4) any device id is accepted; idempotency does not depend on it. */
export function pushRoute({ db, maxBodyBytes, now }: PushRouteOptions): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const body = await readJsonBody(c, maxBodyBytes);
    if (!body.ok) return body.response;
    const request = PushRequest.safeParse(body.value);
    if (!request.success) {
      return sendProblem(c, "invalid-request", 400, "The push request is not valid", {
        errors: issuesToFieldErrors(request.error.issues),
      });
    }
    const { deviceId, mutations } = request.data;
    const results: PushResult[] = [];
    // In order: a device's mutations are applied in the order it made them.
    for (const [index, mutation] of mutations.entries()) {
      results.push(await applyMutation({ db, deviceId, now }, mutation, index));
    }
    const response: PushResponse = { results, serverTime: now().toISOString() };
    return c.json(response);
  });
  return app;
}
