// Records every staff action into the audit log: any request that changes something (not GET, HEAD or OPTIONS),
// made with a session, that succeeded. The route that ran sets the user (requireRole, sign-in); this only writes
// down what it did, after it did it.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { routePath } from "hono/route";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../domain/accounts";
import { SESSION_COOKIE } from "../auth/auth-routes";
import { jsonBodies } from "../http/json-body";
import type { Logger } from "../logger";
import type { Database } from "../storage/schema";
import { appendAudit, redactedDetail } from "./audit-log";

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
    await next();
    const user = c.get("user");
    if (!user || c.res.status >= 400) return;
    try {
      // The body as the route read it (within its own size limit); one it never read is only described.
      const body = jsonBodies.get(c.req.raw);
      const length = c.req.header("content-length");
      let detail: string | null = null;
      if (body !== undefined) detail = redactedDetail(body);
      else if ((length && length !== "0") || c.req.header("transfer-encoding"))
        detail = JSON.stringify({
          contentType: c.req.header("content-type") ?? null,
          bytes: length ? Number(length) : null,
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
