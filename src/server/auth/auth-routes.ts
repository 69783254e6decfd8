// /api/v1/auth: staff login, logout and who-am-I, with HttpOnly SameSite=Strict session cookies.
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Kysely } from "kysely";
import { type CurrentUser, LoginRequest, type Role } from "../../domain/accounts";
import { issuesToFieldErrors } from "../../domain/problem";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { login, logout, SESSION_IDLE_MS, userForSession } from "./accounts-store";

export const SESSION_COOKIE = "tejido_session";

export interface AuthOptions {
  db: Kysely<Database>;
  now: () => Date;
}

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

export function authRoutes(options: AuthOptions): Hono<AuthEnv> {
  const { db, now } = options;
  const app = new Hono<AuthEnv>();

  // Role: anonymous.
  app.post("/login", async (c) => {
    const body = await readJsonBody(c, 16 * 1024);
    if (!body.ok) return body.response;
    const request = LoginRequest.safeParse(body.value);
    if (!request.success) {
      return sendProblem(c, "invalid-request", 400, "Email and password are required", {
        errors: issuesToFieldErrors(request.error.issues),
      });
    }
    const outcome = await login(db, request.data.email, request.data.password, now());
    if (!outcome.ok && outcome.reason === "wait") {
      c.header("Retry-After", String(Math.ceil(outcome.retryAfterMs / 1000)));
      return sendProblem(c, "too-many-attempts", 429, "Too many failed attempts: wait before trying again");
    }
    if (!outcome.ok)
      return sendProblem(c, "invalid-credentials", 401, "The email or the password is not right");
    setSessionCookie(c, outcome.token);
    return c.json({ user: outcome.user });
  });

  // Role: any signed-in user.
  app.post("/logout", requireRole(options, "admin", "organizer", "officer"), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logout(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  // Role: any signed-in user.
  app.get("/me", requireRole(options, "admin", "organizer", "officer"), (c) =>
    c.json({ user: c.get("user") }),
  );
  return app;
}
