// Records every staff action into the audit log: any request that changes something (not GET, HEAD or OPTIONS),
// made with a session, that succeeded. The route that ran sets the user (requireRole, sign-in); this only writes
// down what it did, after it did it.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { routePath } from "hono/route";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../domain/accounts";
import { SESSION_COOKIE } from "../auth/auth-routes";
import type { Logger } from "../logger";
import type { Database } from "../storage/schema";
import { appendAudit, redactedDetail } from "./audit-log";

/** A JSON body longer than this is not copied for the log (no staff form sends one; files go by upload). */
const COPY_LIMIT = 256 * 1024;

export function auditStaffActions({
  db,
  now,
  logger,
}: {
  db: Kysely<Database>;
  now: () => Date;
  logger: Logger;
}): MiddlewareHandler<{ Variables: { user?: CurrentUser } }> {
  return async (c, next) => {
    const method = c.req.method;
    const changes = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
    // Sign-in carries no session yet; everything else staff do does. Devices and citizens never have one.
    const staff = getCookie(c, SESSION_COOKIE) !== undefined || c.req.path === "/api/v1/auth/login";
    // A file's chunks (tus PATCH) are part of one upload, recorded when it was created.
    if (!changes || !staff || (method === "PATCH" && c.req.path.startsWith("/api/v1/uploads/")))
      return next();
    const type = c.req.header("content-type") ?? "";
    const length = Number(c.req.header("content-length") ?? Number.NaN);
    const copy =
      type.startsWith("application/json") && !(length > COPY_LIMIT) ? c.req.raw.clone() : undefined;
    await next();
    const user = c.get("user");
    if (!user || c.res.status >= 400) {
      // Not awaited: cancelling one branch of a tee settles only once the other (the route's) is done too.
      copy?.body?.cancel().catch(() => {});
      return;
    }
    try {
      let detail: string | null = null;
      if (copy) {
        const text = await copy.text();
        detail = text ? redactedDetail(text) : null;
      } else if (c.req.header("content-length") || c.req.header("transfer-encoding"))
        detail = JSON.stringify({
          contentType: type || null,
          bytes: Number.isFinite(length) ? length : null,
        });
      // What a creation made (an upload's address, say) is the target, not the collection it was made in.
      const location = c.res.status === 201 ? c.res.headers.get("location") : null;
      await appendAudit(db, {
        at: now().toISOString(),
        actorId: user.id,
        actorEmail: user.email,
        actorRole: user.role,
        action: `${method} ${routePath(c)}`,
        target: location ? new URL(location, c.req.url).pathname : c.req.path,
        status: c.res.status,
        detail,
      });
    } catch (error) {
      // The action itself is done and committed; losing its line is reported loudly, not turned into a failure.
      logger.error({ err: error, method, path: c.req.path, user: user.id }, "audit log write failed");
    }
  };
}
