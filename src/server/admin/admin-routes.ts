// /api/v1/admin: what admins keep — institutions and their officers, the holiday calendar, staff accounts — and
// the audit log of what every staff member did.
// Every route here is Role: admin.
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import { z } from "zod/mini";
import { NewUser } from "../../domain/accounts";
import { type CalendarScope, lawHolidays } from "../../domain/requests/holiday-calendar";
import { InstitutionEdit } from "../../domain/requests/info-request";
import { LEGAL_TIME_ZONE } from "../../domain/requests/laip-deadlines";
import { localDateTimeIn } from "../../domain/requests/local-time";
import { auditPage, verifyAuditChain } from "../audit/audit-log";
import { createUser, DuplicateEmailError } from "../auth/accounts-store";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import {
  AcronymInUseError,
  DuplicateAcronymError,
  deleteCalendarEntry,
  findInstitution,
  listCalendarEntries,
  listConfirmedYears,
  listInstitutions,
  loadCalendar,
  saveCalendarEntry,
  saveInstitution,
  setYearConfirmed,
} from "../requests/catalogue-store";
import { recountOpenTerms } from "../requests/request-store";
import type { Database } from "../storage/schema";

export interface AdminRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
}

const parseBody = <T>(c: Context, schema: z.ZodMiniType<T>) => parseJsonBody(c, schema, 64 * 1024);

export function adminRoutes({ db, now }: AdminRoutesOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const admin = requireRole({ db, now }, "admin");
  app.use("*", admin);

  // Role: admin. Every institution, active or not.
  app.get("/institutions", async (c) =>
    c.json({ institutions: await listInstitutions(db, { activeOnly: false }) }),
  );

  // Role: admin.
  app.post("/institutions", async (c) => {
    const body = await parseBody(c, InstitutionEdit);
    if (!body.ok) return body.response;
    return saveOrClash(c, uuidv7(), body.value, 201);
  });

  // Role: admin. Edits, or deactivates with active: false (old requests keep their institution).
  app.put("/institutions/:id", async (c) => {
    if (!(await findInstitution(db, c.req.param("id"))))
      return sendProblem(c, "not-found", 404, "No such institution");
    const body = await parseBody(c, InstitutionEdit);
    if (!body.ok) return body.response;
    return saveOrClash(c, c.req.param("id"), body.value, 200);
  });

  async function saveOrClash(c: Context, id: string, edit: InstitutionEdit, status: 200 | 201) {
    try {
      return c.json(await saveInstitution(db, id, edit, now()), status);
    } catch (error) {
      if (error instanceof AcronymInUseError)
        return sendProblem(
          c,
          "duplicate-acronym",
          409,
          "This acronym already prefixes folios and cannot change",
          {
            errors: [{ pointer: "/acronym", code: "in-use" }],
          },
        );
      if (error instanceof DuplicateAcronymError)
        return sendProblem(c, "duplicate-acronym", 409, "Another institution uses this acronym", {
          errors: [{ pointer: "/acronym", code: "duplicate" }],
        });
      throw error;
    }
  }

  // Role: admin. The staff of an institution's information unit.
  app.get("/institutions/:id/officers", async (c) =>
    c.json({
      officers: await db
        .selectFrom("users")
        .select(["id", "email", "name", "disabled_at as disabledAt"])
        .where("institution_id", "=", c.req.param("id"))
        .where("role", "=", "officer")
        .orderBy("name")
        .execute(),
    }),
  );

  // Role: admin. Creates a staff account (officers name their institution).
  app.post("/users", async (c) => {
    const body = await parseBody(c, NewUser);
    if (!body.ok) return body.response;
    if (
      body.value.role === "officer" &&
      !(body.value.institutionId && (await findInstitution(db, body.value.institutionId)))
    )
      return sendProblem(c, "unknown-institution", 422, "An officer needs an existing institution", {
        errors: [{ pointer: "/institutionId", code: "unknown" }],
      });
    if (body.value.role === "civil_society" && !body.value.organisation)
      return sendProblem(c, "invalid-request", 422, "A civil-society account names its organisation", {
        errors: [{ pointer: "/organisation", code: "required" }],
      });
    try {
      return c.json({ user: await createUser(db, body.value, now()) }, 201);
    } catch (error) {
      if (error instanceof DuplicateEmailError)
        return sendProblem(c, "invalid-request", 409, "A user with this email exists already", {
          errors: [{ pointer: "/email", code: "duplicate" }],
        });
      throw error;
    }
  });

  const Holiday = z.strictObject({
    kind: z.enum(["full", "half"]),
    name: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
    scope: z.optional(z.string().check(z.maxLength(80))),
  });
  /** A real calendar day (2026-02-31 is not one). */
  const isDate = (text: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T12:00:00Z`)) &&
    new Date(`${text}T12:00:00Z`).toISOString().slice(0, 10) === text;
  const isYear = (text: string | undefined): text is string => !!text && /^(19|20|21)\d{2}$/.test(text);
  /** A scope that names a place there is: every institution of a municipality, or one institution. */
  async function scopeOf(text: string | undefined): Promise<CalendarScope | undefined> {
    if (text === undefined || text === "national") return "national";
    const municipality = /^municipality:(\d{2,6})$/.exec(text)?.[1];
    if (municipality) {
      const found = await db
        .selectFrom("institutions")
        .select("id")
        .where("territory_code", "=", municipality)
        .executeTakeFirst();
      return found ? `municipality:${municipality}` : undefined;
    }
    const institutionId = /^institution:(.+)$/.exec(text)?.[1];
    if (institutionId && (await findInstitution(db, institutionId))) return `institution:${institutionId}`;
    return undefined;
  }
  const badScope = (c: Context) =>
    sendProblem(
      c,
      "invalid-request",
      422,
      "The place of a closure must be national, a municipality or an institution",
      {
        errors: [{ pointer: "/scope", code: "unknown" }],
      },
    );

  // Role: admin. The calendar legal terms are counted with: the law's holidays of a year (computed, not
  // editable), every closure admins added, and the years whose closures are confirmed. New requests use it, and a
  // closure added or removed moves the terms still running through its day (recountOpenTerms).
  app.get("/holidays", async (c) => {
    const asked = c.req.query("year");
    const year = isYear(asked)
      ? Number(asked)
      : Number(localDateTimeIn(now(), LEGAL_TIME_ZONE).date.slice(0, 4));
    return c.json({
      year,
      law: lawHolidays(year),
      holidays: await listCalendarEntries(db),
      confirmedYears: await listConfirmedYears(db),
    });
  });

  // Role: admin. A closure on a day, for the whole country (the default), a municipality or one institution.
  app.put("/holidays/:date", async (c) => {
    const date = c.req.param("date");
    if (!isDate(date))
      return sendProblem(c, "invalid-request", 400, "The date must be a real day, YYYY-MM-DD");
    const body = await parseBody(c, Holiday);
    if (!body.ok) return body.response;
    const scope = await scopeOf(body.value.scope);
    if (!scope) return badScope(c);
    const entry = { date, kind: body.value.kind, name: body.value.name, scope };
    await saveCalendarEntry(db, entry);
    const moved = await recountOpenTerms(db, date, entry.name, now(), (id) => loadCalendar(db, id));
    return c.json({ ...entry, movedTerms: moved });
  });

  // Role: admin. ?scope= names the place (national when absent).
  app.delete("/holidays/:date", async (c) => {
    // Only the form of the place: a closure whose municipality or institution is gone can still be removed.
    const asked = c.req.query("scope") ?? "national";
    const scope = /^(national|municipality:\d{2,6}|institution:[\w-]{1,64})$/.test(asked)
      ? (asked as CalendarScope)
      : undefined;
    const date = c.req.param("date");
    if (!scope || !(await deleteCalendarEntry(db, date, scope)))
      return sendProblem(c, "not-found", 404, "No closure on that date there");
    await recountOpenTerms(db, date, "Se quitó un día de cierre", now(), (id) => loadCalendar(db, id));
    return c.body(null, 204);
  });

  // Role: admin. Says every closure of a year is entered (or takes it back): due dates reaching an unconfirmed
  // year tell the officer they may still move.
  app.put("/calendar-years/:year", async (c) => {
    const year = c.req.param("year");
    if (!isYear(year)) return sendProblem(c, "invalid-request", 400, "The year is not valid");
    const body = await parseBody(c, z.strictObject({ confirmed: z.boolean() }));
    if (!body.ok) return body.response;
    await setYearConfirmed(db, Number(year), body.value.confirmed, c.get("user").id, now());
    return c.json({ year: Number(year), confirmed: body.value.confirmed });
  });

  // Role: admin. Every staff account, without secrets.
  app.get("/users", async (c) =>
    c.json({
      users: await db
        .selectFrom("users")
        .select([
          "id",
          "email",
          "name",
          "role",
          "institution_id as institutionId",
          "disabled_at as disabledAt",
        ])
        .orderBy("email")
        .execute(),
    }),
  );

  // Role: admin. Disables (its sessions stop at once) or enables an account; an admin cannot disable themself.
  app.put("/users/:id/disabled", async (c) => {
    const body = await parseBody(c, z.strictObject({ disabled: z.boolean() }));
    if (!body.ok) return body.response;
    if (c.req.param("id") === c.get("user").id)
      return sendProblem(c, "not-allowed-now", 409, "You cannot disable your own account");
    const result = await db
      .updateTable("users")
      .set({ disabled_at: body.value.disabled ? now().toISOString() : null })
      .where("id", "=", c.req.param("id"))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return sendProblem(c, "not-found", 404, "No such user");
    // Disabled means signed out everywhere: enabling the account again must not bring old sessions back.
    if (body.value.disabled)
      await db.deleteFrom("sessions").where("user_id", "=", c.req.param("id")).execute();
    return c.body(null, 204);
  });

  // Role: admin. The audit log, newest first, 50 at a time (?before=<seq> for the next page, ?actor=<user id>).
  app.get("/audit", async (c) => {
    const query = z
      .object({
        before: z.optional(z.string().check(z.regex(/^[1-9]\d{0,8}$/))),
        actor: z.optional(z.string().check(z.maxLength(64))),
      })
      .safeParse(c.req.query());
    if (!query.success)
      return sendProblem(c, "invalid-request", 400, "before must be a row number; actor a user id");
    const limit = 50;
    const entries = await auditPage(db, {
      limit,
      ...(query.data.before ? { before: Number(query.data.before) } : {}),
      ...(query.data.actor ? { actorId: query.data.actor } : {}),
    });
    c.header("Cache-Control", "private, no-store");
    return c.json({ entries, next: entries.length === limit ? entries.at(-1)!.seq : null });
  });

  // Role: admin. Recomputes the whole chain: valid, how many rows, the head hash, and the first row that breaks.
  app.get("/audit/verify", async (c) => {
    c.header("Cache-Control", "private, no-store");
    return c.json(await verifyAuditChain(db));
  });
  return app;
}
