// Device enrolment: organizers issue one-time codes and revoke devices; a phone trades a code for a token.
import { createPublicKey } from "node:crypto";
import { Hono } from "hono";
import type { Kysely } from "kysely";
import {
  type DevicePublicKey,
  EnrolDevice,
  type EnrolResponse,
  IssueEnrolmentCode,
} from "../../domain/devices";
import { Uuid } from "../../domain/primitives";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { limited } from "../http/client-address";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { createRateLimiter, type RateLimit } from "../http/rate-limit";
import type { Database } from "../storage/schema";
import { enrolDevice, issueEnrolmentCode, listDevices, revokeDevice } from "./device-store";

export interface DeviceRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  trustProxyHops?: number;
  /** Enrolment attempts per client address: codes are short, so guessing must be slow. */
  enrolLimit?: RateLimit;
}

const DEFAULT_ENROL_LIMIT: RateLimit = { limit: 20, windowMs: 10 * 60_000 };

const CODE_PROBLEMS = {
  unknown: "This enrolment code does not exist; check it with the organizer",
  expired: "This enrolment code has expired; ask the organizer for a new one",
  used: "This enrolment code was already used; each code enrols one phone",
} as const;

/** Whether a P-256 JWK names a real point of the curve (Node refuses to import one that does not). */
function isCurvePoint(key: DevicePublicKey): boolean {
  try {
    createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y }, format: "jwk" });
    return true;
  } catch {
    return false;
  }
}

export function deviceRoutes({ db, now, trustProxyHops = 0, enrolLimit }: DeviceRoutesOptions): {
  organizer: Hono<AuthEnv>;
  devices: Hono;
} {
  const organizer = new Hono<AuthEnv>();
  const organizers = requireRole({ db, now }, "organizer", "admin");

  // Role: organizer, admin. A one-time code (and its QR link) for enrolling one phone.
  organizer.post("/enrolment-codes", organizers, async (c) => {
    const body = await parseJsonBody(c, IssueEnrolmentCode, 4096);
    if (!body.ok) return body.response;
    const issued = await issueEnrolmentCode(db, body.value, c.get("user").id, now());
    return c.json(issued, 201);
  });

  // Role: organizer, admin. Enrolled devices with what each sent and what is in quarantine.
  organizer.get("/devices", organizers, async (c) => c.json({ devices: await listDevices(db) }));

  // Role: organizer, admin. Later pushes from this device are refused and kept in quarantine.
  organizer.post("/devices/:id/revoke", organizers, async (c) => {
    const id = c.req.param("id");
    if (!Uuid.safeParse(id).success || !(await revokeDevice(db, id, c.get("user").id, now())))
      return sendProblem(c, "not-found", 404, "No such device");
    return c.json({ devices: await listDevices(db) });
  });

  const devices = new Hono();
  const limiter = createRateLimiter({ db, scope: "enrol", ...(enrolLimit ?? DEFAULT_ENROL_LIMIT) }, now);
  // Role: anonymous (with a one-time code). Registers the phone's public key and answers its token.
  devices.post("/enrol", async (c) => {
    const refused = await limited(c, limiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseJsonBody(c, EnrolDevice, 4096);
    if (!body.ok) return body.response;
    // A key shaped like P-256 whose point is not on the curve would verify nothing, ever: refused before the
    // code is spent, so the phone can try again with a good key.
    if (!isCurvePoint(body.value.publicKey))
      return sendProblem(c, "invalid-request", 422, "The public key is not a point of the P-256 curve", {
        errors: [{ pointer: "/publicKey", code: "not-on-curve" }],
      });
    const outcome = await enrolDevice(db, body.value, now());
    if (!outcome.ok) {
      if (outcome.reason === "device-taken")
        return sendProblem(c, "device-taken", 409, "This device is already enrolled", {
          errors: [{ pointer: "/deviceId", code: "taken" }],
        });
      return sendProblem(c, "enrolment-code-invalid", 422, CODE_PROBLEMS[outcome.reason], {
        errors: [{ pointer: "/code", code: outcome.reason }],
      });
    }
    const response: EnrolResponse = {
      deviceId: body.value.deviceId,
      token: outcome.token,
      label: outcome.label,
      enrolledAt: outcome.enrolledAt,
    };
    return c.json(response, 201);
  });
  return { organizer, devices };
}
