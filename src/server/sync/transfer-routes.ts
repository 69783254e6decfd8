// Offline transfer files over HTTP (issue #14): an organizer imports one (POST /api/v1/organizer/transfers), or
// another enrolled phone relays it (POST /api/v1/sync/relay). Both apply it as its own device's push.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { z } from "zod/mini";
import { Uuid } from "../../domain/primitives";
import { issuesToFieldErrors } from "../../domain/problem";
import { TRANSFER_LIMITS, TransferFile } from "../../domain/transfer";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { bearerToken, deviceForToken } from "../devices/device-store";
import { type SignatureChecker, sharedSignatureChecker } from "../devices/signature-checker";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { importTransfer } from "./transfer-import";

interface TransferOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** Where finished uploads are (an organizer's large file arrives by resumable upload). */
  filesDir?: string;
  signatures?: SignatureChecker;
  quarantineBytes?: number;
}

const FromUpload = z.strictObject({ uploadId: Uuid });

/**
 * Reads, checks and applies a transfer file: sent as the body, or, from the organizer's screen, uploaded first
 * over the resumable upload and named by its id (`{ "uploadId": … }`). The answer is its per-entry report.
 */
async function apply(
  c: Context,
  { db, now, filesDir, signatures = sharedSignatureChecker(), quarantineBytes }: TransferOptions,
  uploader?: string,
): Promise<Response> {
  // Signed entries are kept as they are: no cleaning of their text (it would break their signatures).
  const body = await readJsonBody(c, TRANSFER_LIMITS.bytes);
  if (!body.ok) return body.response;
  let value = body.value;
  const named = FromUpload.safeParse(value);
  if (named.success && uploader && filesDir) {
    const upload = await db
      .selectFrom("attachments")
      .select("storage_key")
      .where("id", "=", named.data.uploadId)
      .where("created_by", "=", uploader)
      .where("state", "=", "complete")
      .where("request_id", "is", null)
      .executeTakeFirst();
    if (!upload)
      return sendProblem(c, "attachment-rejected", 422, "No finished upload of yours has this id", {
        errors: [{ pointer: "/uploadId", code: "unknown" }],
      });
    try {
      value = JSON.parse(await readFile(path.join(filesDir, upload.storage_key), "utf8"));
    } catch {
      value = undefined;
    }
  }
  const file = TransferFile.safeParse(value);
  if (!file.success)
    return sendProblem(c, "invalid-request", 400, "This is not a Tejido transfer file, or it is damaged", {
      errors: issuesToFieldErrors(file.error.issues),
    });
  const outcome = await importTransfer(db, file.data, signatures, now, {
    ...(quarantineBytes === undefined ? {} : { quarantineBytes }),
    ...(filesDir === undefined ? {} : { filesDir }),
  });
  if (outcome.ok) return c.json({ report: outcome.report });
  if (outcome.reason === "device-unknown")
    return sendProblem(c, "device-unknown", 422, "The phone that made this file is not enrolled here", {
      errors: [{ pointer: "/manifest/deviceId", code: "unknown" }],
    });
  return c.json(outcome.problem, 403, { "content-type": "application/problem+json" });
}

/** Mounted under /api/v1/organizer. Role: organizer, admin. */
export function organizerTransferRoutes(options: TransferOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.post("/transfers", requireRole(options, "organizer", "admin"), (c) =>
    apply(c, options, c.get("user").id),
  );
  return app;
}

/**
 * Mounted at /api/v1/sync/relay. Role: device (an enrolled phone, not revoked) carrying another phone's file: the
 * entries keep their own device's id and signature, and are checked against that device's key.
 */
export function relayRoute(options: TransferOptions): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const token = bearerToken(c.req.header("authorization"));
    const carrier = token ? await deviceForToken(options.db, token) : undefined;
    if (!carrier)
      return sendProblem(c, "device-unknown", 401, "This device is not enrolled", {
        detail: "Enrol it with a one-time code from an organizer, then relay again.",
      });
    if (carrier.revoked)
      return sendProblem(c, "device-revoked", 403, "This device was revoked by an organizer");
    return apply(c, options);
  });
  return app;
}
