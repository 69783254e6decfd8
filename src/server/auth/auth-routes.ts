// /api/v1/auth: staff login, logout and who-am-I, with HttpOnly SameSite=Strict session cookies.
import { availableParallelism } from "node:os";
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Kysely } from "kysely";
import { type CurrentUser, LoginRequest, ROLES, type Role } from "../../domain/accounts";
import { issuesToFieldErrors } from "../../domain/problem";
import { clientAddress, limited } from "../http/client-address";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { createRateLimiter, type RateLimit } from "../http/rate-limit";
import type { Database } from "../storage/schema";
import { hasStaffAccount, login, logout, SESSION_IDLE_MS, userForSession } from "./accounts-store";
import { verifyPassword } from "./passwords";
import { createWorkGate, GateFull } from "./work-gate";

export const SESSION_COOKIE = "tejido_session";

export interface AuthOptions {
  db: Kysely<Database>;
  now: () => Date;
}

/** What the sign-in route adds: who is asking, and the limits on asking. */
export interface LoginOptions extends AuthOptions {
  trustProxyHops?: number;
  /** Sign-in attempts per client address (default 60 per 10 minutes). */
  loginLimit?: RateLimit;
  /** Password checks running at once and waiting (default 2 and 16): scrypt must not fill the thread pool. */
  hashing?: { running: number; waiting: number };
}

export const DEFAULT_LOGIN_LIMIT: RateLimit = { limit: 60, windowMs: 10 * 60_000 };

export type AuthEnv = { Variables: { user: CurrentUser } };

function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    // Behind TLS the cookie never travels in clear; on plain http (a laptop in the field) it still works.
    secure: new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
    path: "/",
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

/** Lets a request through only with a live session whose user has one of `roles`. */
export function requireRole({ db, now }: AuthOptions, ...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await userForSession(db, token, now()) : undefined;
    if (!user) return sendProblem(c, "unauthenticated", 401, "Sign in first");
    if (!roles.includes(user.role)) return sendProblem(c, "forbidden", 403, "Your role may not do this");
    c.set("user", user);
    await next();
  };
}

export function authRoutes(options: LoginOptions): Hono<AuthEnv> {
  const { db, now, trustProxyHops = 0 } = options;
  const app = new Hono<AuthEnv>();
  const attempts = createRateLimiter(
    { db, scope: "login", ...(options.loginLimit ?? DEFAULT_LOGIN_LIMIT) },
    now,
  );
  // Password hashing keeps one core free for everything else: on a 2-core machine one hash runs at a time.
  const hashing = createWorkGate(
    options.hashing ?? { running: Math.max(1, Math.min(2, availableParallelism() - 1)), waiting: 16 },
  );

  // Role: anonymous. Limited per address before any password is hashed; hashing itself is bounded.
  app.post("/login", async (c) => {
    const refused = await limited(c, attempts, trustProxyHops);
    if (refused) return refused;
    const body = await readJsonBody(c, 16 * 1024);
    if (!body.ok) return body.response;
    const request = LoginRequest.safeParse(body.value);
    if (!request.success) {
      return sendProblem(c, "invalid-request", 400, "Email and password are required", {
        errors: issuesToFieldErrors(request.error.issues),
      });
    }
    let outcome: Awaited<ReturnType<typeof login>>;
    try {
      outcome = await login(
        db,
        request.data.email,
        request.data.password,
        now(),
        clientAddress(c, trustProxyHops),
        (password, hash) => hashing.run(() => verifyPassword(password, hash)),
      );
    } catch (error) {
      if (!(error instanceof GateFull)) throw error;
      c.header("Retry-After", "2");
      return sendProblem(c, "overloaded", 503, "Too many sign-ins at once: try again in a moment");
    }
    if (!outcome.ok && outcome.reason === "wait") {
      c.header("Retry-After", String(Math.ceil(outcome.retryAfterMs / 1000)));
      return sendProblem(c, "too-many-attempts", 429, "Too many failed attempts: wait before trying again");
    }
    if (!outcome.ok)
      return sendProblem(c, "invalid-credentials", 401, "The email or the password is not right");
    setSessionCookie(c, outcome.token);
    // Named for the audit log: a sign-in is the first line of a staff member's session.
    c.set("user", outcome.user);
    return c.json({ user: outcome.user });
  });

  // Role: any signed-in user.
  app.post("/logout", requireRole(options, ...ROLES), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logout(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  // Role: anonymous. Whether any staff account exists yet: on a new deployment the sign-in page then says how to
  // make the first one. Says nothing about who the accounts are.
  app.get("/first-start", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ staffAccounts: await hasStaffAccount(db) });
  });

  // Role: any signed-in user.
  app.get("/me", requireRole(options, ...ROLES), (c) => c.json({ user: c.get("user") }));
  return app;
}
