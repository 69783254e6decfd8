// POST /api/v1/sync/push — applies a batch of mutations from an enrolled device, one result per mutation.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { issuesToFieldErrors, makeProblem } from "../../domain/problem";
import { clientUpdateFor, PushRequest, type PushResponse } from "../../domain/sync-messages";
import { bearerToken, deviceForToken, markPushed } from "../devices/device-store";
import { type SignatureChecker, sharedSignatureChecker } from "../devices/signature-checker";
import { readJsonBody } from "../http/json-body";
import type { Metrics } from "../http/metrics";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import {
  applyBatch,
  prepareMutations,
  QUARANTINE_BYTES_PER_DEVICE,
  quarantine,
  rawText,
  readMutationId,
} from "./apply-batch";

export interface PushRouteOptions {
  db: Kysely<Database>;
  maxBodyBytes: number;
  now: () => Date;
  /** Rows a revoked device may still add to quarantine (a phone's honest backlog fits well under it). */
  revokedQuarantineCap?: number;
  /** Bytes any device may have in quarantine (QUARANTINE_BYTES_PER_DEVICE by default). */
  quarantineBytes?: number;
  /** Where signatures are checked (worker threads by default). */
  signatures?: SignatureChecker;
  /** Where push results are counted once committed (GET /metrics). */
  metrics?: Pick<Metrics, "countPushResults" | "countRevoked">;
}

const REVOKED_QUARANTINE_CAP = 20_000;

/** Role: device (enrolled, with its bearer token). Every mutation must carry the device's signature. */
export function pushRoute({
  db,
  maxBodyBytes,
  now,
  revokedQuarantineCap = REVOKED_QUARANTINE_CAP,
  quarantineBytes = QUARANTINE_BYTES_PER_DEVICE,
  signatures = sharedSignatureChecker(),
  metrics,
}: PushRouteOptions): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const token = bearerToken(c.req.header("authorization"));
    const device = token ? await deviceForToken(db, token) : undefined;
    if (!device) {
      return sendProblem(c, "device-unknown", 401, "This device is not enrolled", {
        detail: "Enrol it with a one-time code from an organizer, then send again.",
      });
    }
    const body = await readJsonBody(c, maxBodyBytes);
    if (!body.ok) return body.response;
    const request = PushRequest.safeParse(body.value);
    if (!request.success) {
      return sendProblem(c, "invalid-request", 400, "The push request is not valid", {
        errors: issuesToFieldErrors(request.error.issues),
      });
    }
    const { deviceId, mutations, protocol } = request.data;
    if (deviceId !== device.id) {
      return sendProblem(c, "forbidden", 403, "This token belongs to another device", {
        errors: [{ pointer: "/deviceId", code: "mismatch" }],
      });
    }
    const receivedAt = now().toISOString();
    if (device.revoked) {
      // Refused, but never lost: what a revoked phone sends is kept raw for an organizer to review.
      const problem = makeProblem("device-revoked", 403, "This device was revoked by an organizer", {
        detail: "Its data is kept for review. Talk to the organizer of the consultation.",
      });
      // A revoked (perhaps stolen) phone cannot fill the server: past a cap, its pushes are refused unkept.
      const { n } = await db
        .selectFrom("quarantine")
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .where("device_id", "=", device.id)
        .executeTakeFirstOrThrow();
      if (Number(n) < revokedQuarantineCap) {
        await db.transaction().execute((trx) =>
          quarantine(
            trx,
            device.id,
            mutations.map((raw) => ({ mutationId: readMutationId(raw), raw: rawText(raw), problem })),
            receivedAt,
            quarantineBytes,
          ),
        );
      }
      metrics?.countRevoked(mutations.length);
      return c.json(problem, 403, { "content-type": "application/problem+json" });
    }
    // Signatures are checked all at once, on a worker thread, before the batch's transaction opens.
    const checked = await prepareMutations(mutations, deviceId, (items) =>
      signatures.check(device.publicKey, items),
    );
    // One transaction per batch, in the order the device made them: one durable commit per push.
    // If the database fails, nothing of the batch is kept and the device sends it again.
    const results = await db.transaction().execute(async (trx) => {
      const answered = await applyBatch(trx, deviceId, checked, receivedAt, quarantineBytes);
      // In the batch's own transaction: one durable commit per push, not two.
      await markPushed(trx, deviceId, receivedAt);
      return answered;
    });
    metrics?.countPushResults(results);
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
