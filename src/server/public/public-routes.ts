// /api/v1/public: accountability without an account — each consultation's rules, its inputs (no device, no
// personal data) and how each was considered. Drafts are never shown. Every route here is Role: anonymous.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { Consultation } from "../../domain/consultation";
import { DISPOSITION_STATUSES, type DispositionStatus } from "../../domain/dispositions";
import { dispositionCounts, inputPage } from "../dispositions/disposition-store";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";

const PAGE = 100;

export function publicRoutes({ db }: { db: Kysely<Database> }): Hono {
  const app = new Hono();

  async function latestPublic(id: string): Promise<Consultation | undefined> {
    const row = await db
      .selectFrom("consultations")
      .select(["data", "status"])
      .where("id", "=", id)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!row || row.status === "draft") return undefined;
    return Consultation.parse(JSON.parse(row.data));
  }

  // Role: anonymous.
  app.get("/consultations/:id", async (c) => {
    const consultation = await latestPublic(c.req.param("id"));
    if (!consultation) return sendProblem(c, "not-found", 404, "No such public consultation");
    c.header("Cache-Control", "public, max-age=60");
    const { id, version, status, title, description, rules, themes } = consultation;
    return c.json({
      consultation: {
        id,
        version,
        status,
        title,
        description,
        rules,
        themes: themes.map((theme) => ({ id: theme.id, title: theme.title })),
      },
      counts: await dispositionCounts(db, id),
    });
  });

  // Role: anonymous. ?after=<input id>&status=<disposition>|none
  app.get("/consultations/:id/inputs", async (c) => {
    const consultation = await latestPublic(c.req.param("id"));
    if (!consultation) return sendProblem(c, "not-found", 404, "No such public consultation");
    const status = c.req.query("status");
    if (status && status !== "none" && !(DISPOSITION_STATUSES as readonly string[]).includes(status))
      return sendProblem(c, "invalid-request", 400, "Unknown disposition status");
    const inputs = await inputPage(db, consultation.id, {
      limit: PAGE,
      ...(c.req.query("after") ? { after: c.req.query("after") } : {}),
      ...(status ? { status: status as DispositionStatus | "none" } : {}),
    });
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ inputs, next: inputs.length === PAGE ? inputs.at(-1)!.id : null });
  });
  return app;
}
