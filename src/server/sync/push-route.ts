// POST /api/v1/sync/push — applies a batch of mutations, answering one result per mutation.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { issuesToFieldErrors } from "../../domain/problem";
import { PushRequest, type PushResponse, type PushResult } from "../../domain/sync-messages";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { applyMutation, type PreparedMutation, prepareMutation } from "./apply-mutation";

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
    const results: (PushResult | undefined)[] = [];
    const prepared: PreparedMutation[] = [];
    for (const [index, raw] of mutations.entries()) {
      const checked = prepareMutation(raw, index, deviceId);
      if ("payloadSha256" in checked) prepared.push(checked);
      else results[index] = checked;
    }
    // One transaction per batch, in the order the device made them: one durable commit per push.
    // If the database fails, nothing of the batch is kept and the device sends it again.
    const receivedAt = now().toISOString();
    await db.transaction().execute(async (trx) => {
      for (const mutation of prepared) {
        results[mutation.index] = await applyMutation(trx, deviceId, mutation, receivedAt);
      }
    });
    const response: PushResponse = { results: results as PushResult[], serverTime: receivedAt };
    return c.json(response);
  });
  return app;
}
