// /api/v1/organizer: the consultations an organizer runs, and their exports (CSV, JSON Lines, XLSX), streamed.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { Consultation } from "../../domain/consultation";
import { localize } from "../../domain/language-codes";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportSource, exportStream } from "./input-export";

export interface ExportRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
}

export function exportRoutes({ db, now }: ExportRoutesOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use("*", requireRole({ db, now }, "organizer", "admin"));

  // Role: organizer, admin. Each consultation's latest version, with its number of inputs.
  app.get("/consultations", async (c) => {
    const rows = await db
      .selectFrom("consultations")
      .select(["id", "version", "status", "data"])
      .orderBy("id")
      .orderBy("version", "desc")
      .execute();
    const counts = await db
      .selectFrom("inputs")
      .select(["consultation_id", (eb) => eb.fn.countAll<string | number>().as("n")])
      .groupBy("consultation_id")
      .execute();
    const inputs = new Map(counts.map((row) => [row.consultation_id, Number(row.n)]));
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!latest.has(row.id)) latest.set(row.id, row);
    return c.json({
      consultations: [...latest.values()].map((row) => {
        const consultation = Consultation.parse(JSON.parse(row.data));
        return {
          id: row.id,
          version: row.version,
          status: row.status,
          title: localize(consultation.title, "es"),
          inputs: inputs.get(row.id) ?? 0,
        };
      }),
    });
  });

  // Role: organizer, admin. ?format=csv|jsonl|xlsx (&bom=1 for Excel's CSV). X-Total-Rows lets the page show progress.
  app.get("/consultations/:id/export", async (c) => {
    const format = (c.req.query("format") ?? "csv") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format))
      return sendProblem(c, "invalid-request", 400, "format must be csv, jsonl or xlsx");
    const source = await exportSource(db, c.req.param("id"));
    if (!source) return sendProblem(c, "not-found", 404, "No such consultation");
    const stamp = now().toISOString().slice(0, 10);
    return new Response(
      exportStream(source, format, { bom: c.req.query("bom") === "1", sheetName: "Aportes" }),
      {
        headers: {
          "content-type": CONTENT_TYPES[format],
          "content-disposition": `attachment; filename="aportes-${c.req.param("id")}-${stamp}.${format}"`,
          "x-total-rows": String(source.total),
          "cache-control": "private, no-store",
        },
      },
    );
  });
  return app;
}
