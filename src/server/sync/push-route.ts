// POST /api/v1/sync/push — applies a batch of mutations, answering one result per mutation.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { issuesToFieldErrors } from "../../domain/problem";
import { clientUpdateFor, PushRequest, type PushResponse } from "../../domain/sync-messages";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { applyBatch, prepareMutation } from "./apply-batch";

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
    const { deviceId, mutations, protocol } = request.data;
    const checked = mutations.map((raw, index) => prepareMutation(raw, index, deviceId));
    // One transaction per batch, in the order the device made them: one durable commit per push.
    // If the database fails, nothing of the batch is kept and the device sends it again.
    const receivedAt = now().toISOString();
    const results = await db.transaction().execute((trx) => applyBatch(trx, deviceId, checked, receivedAt));
    const clientUpdate = clientUpdateFor(protocol);
    const response: PushResponse = {
      results,
      serverTime: receivedAt,
      ...(clientUpdate ? { clientUpdate } : {}),
    };
    return c.json(response);
  });
  return app;
}
