// /api/v1/organizer: the consultations an organizer runs, their exports (CSV, JSON Lines, XLSX, streamed), and the
// dispositions of their inputs.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { Consultation, textQuestionKeys } from "../../domain/consultation";
import {
  DISPOSITION_STATUSES,
  type DispositionStatus,
  InputReview,
  SetDispositions,
} from "../../domain/dispositions";
import { localize } from "../../domain/language-codes";
import { servedMediaType } from "../../domain/media-type";
import { issuesToFieldErrors } from "../../domain/problem";
import { DashboardFilters, DEFAULT_SMALL_CELL } from "../../domain/results/dashboard";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import {
  dispositionCounts,
  dispositionHistory,
  inputPage,
  reviewInput,
  setDispositions,
} from "../dispositions/disposition-store";
import { parseJsonBody } from "../http/json-body";
import type { Metrics } from "../http/metrics";
import { sendProblem } from "../http/problem-response";
import { openMedia } from "../requests/attachment-store";
import type { Database } from "../storage/schema";
import { dashboardOf } from "./dashboard-source";
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportSource, exportStream } from "./input-export";

export interface ExportRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  /** Demographic counts below this are suppressed in results (default 5). */
  smallCell?: number;
  /** Where export durations are recorded (GET /metrics). */
  metrics?: Pick<Metrics, "timeExport">;
  /** Where uploaded files are (phones' voice recordings and photos). */
  filesDir?: string;
  /** The address links to recordings start with; the one the export was asked at when not set. */
  publicUrl?: string;
}

export function exportRoutes({
  db,
  now,
  smallCell = DEFAULT_SMALL_CELL,
  metrics,
  filesDir,
  publicUrl,
}: ExportRoutesOptions): Hono<AuthEnv> {
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
    // Each consultation as the field sees it (its latest released version), noting a pending draft;
    // a consultation that never left draft is shown as that draft.
    const latest = new Map<string, { row: (typeof rows)[number]; draft: boolean }>();
    for (const row of rows) {
      const seen = latest.get(row.id);
      if (!seen) latest.set(row.id, { row, draft: row.status === "draft" });
      else if (seen.row.status === "draft" && row.status !== "draft")
        latest.set(row.id, { row, draft: true });
    }
    return c.json({
      consultations: [...latest.values()].map(({ row, draft }) => {
        const consultation = Consultation.parse(JSON.parse(row.data));
        return {
          id: row.id,
          version: row.version,
          status: row.status,
          hasDraft: draft && row.status !== "draft",
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
    // Spoken answers link to their recordings on this server (the link works for a signed-in organizer).
    const origin = publicUrl ?? new URL(c.req.url).origin;
    const source = await exportSource(db, c.req.param("id"), {
      mediaUrl: (id) => `${origin}/api/v1/organizer/media/${id}`,
    });
    if (!source) return sendProblem(c, "not-found", 404, "No such consultation");
    const stamp = now().toISOString().slice(0, 10);
    const body = exportStream(source, format, { bom: c.req.query("bom") === "1", sheetName: "Aportes" });
    return new Response(metrics ? metrics.timeExport(format, body) : body, {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="aportes-${c.req.param("id")}-${stamp}.${format}"`,
        "x-total-rows": String(source.total),
        "cache-control": "private, no-store",
      },
    });
  });
  // Role: organizer, admin. Counts and charts' data, narrowed by ?themeId, workshopId, departmentCode,
  // municipalityCode, from, to (YYYY-MM-DD); &lang=en for English labels.
  app.get("/consultations/:id/dashboard", async (c) => {
    const filters = DashboardFilters.safeParse(c.req.query());
    if (!filters.success)
      return sendProblem(c, "invalid-request", 400, "Some filters are not valid", {
        errors: issuesToFieldErrors(filters.error.issues),
      });
    const found = await dashboardOf(db, c.req.param("id"), filters.data, {
      smallCell,
      language: c.req.query("lang") === "en" ? "en" : "es",
    });
    if (!found) return sendProblem(c, "not-found", 404, "No released consultation with this id");
    return c.json(found);
  });

  // Role: organizer, admin. A disposition for one input or many (bulk), optionally grouped as similar.
  app.post("/consultations/:id/dispositions", async (c) => {
    const body = await parseJsonBody(c, SetDispositions, 512 * 1024);
    if (!body.ok) return body.response;
    const outcome = await setDispositions(db, c.req.param("id"), c.get("user").id, body.value, now());
    if (!outcome.ok)
      return sendProblem(c, "invalid-request", 422, "Some inputs are not of this consultation", {
        errors: outcome.unknownInputs
          .slice(0, 20)
          .map((id) => ({ pointer: "/inputIds", code: "unknown", detail: id })),
      });
    return c.json(outcome);
  });

  // Role: organizer, admin. Inputs with their dispositions, by id, filtered by status and words.
  app.get("/consultations/:id/inputs", async (c) => {
    const status = c.req.query("status");
    if (status && status !== "none" && !(DISPOSITION_STATUSES as readonly string[]).includes(status))
      return sendProblem(c, "invalid-request", 400, "Unknown disposition status");
    // A whole number from 1 to 500; anything else (1.5, -1, 1e2) is the caller's mistake, said as such.
    const asked = c.req.query("limit") ?? "100";
    const limit = /^[1-9]\d{0,2}$/.test(asked) ? Number(asked) : 0;
    if (limit < 1 || limit > 500)
      return sendProblem(c, "invalid-request", 400, "limit must be a whole number from 1 to 500", {
        errors: [{ pointer: "/limit", code: "range" }],
      });
    const versions = await db
      .selectFrom("consultations")
      .select("data")
      .where("id", "=", c.req.param("id"))
      .execute();
    const textQuestions = textQuestionKeys(versions.map((row) => Consultation.parse(JSON.parse(row.data))));
    const inputs = await inputPage(db, c.req.param("id"), {
      isText: (key) => textQuestions.has(key),
      limit,
      ...(c.req.query("after") ? { after: c.req.query("after") } : {}),
      ...(status ? { status: status as DispositionStatus | "none" } : {}),
      ...(c.req.query("q") ? { text: c.req.query("q") } : {}),
    });
    return c.json({
      inputs,
      next: inputs.length === limit ? inputs.at(-1)!.id : null,
      counts: await dispositionCounts(db, c.req.param("id")),
    });
  });

  // Role: organizer, admin. Reviews an input's words before they go public: publishable, with parts covered.
  app.put("/inputs/:inputId/review", async (c) => {
    const body = await parseJsonBody(c, InputReview, 64 * 1024);
    if (!body.ok) return body.response;
    // The input's own consultation, every version of it (a question may have changed since).
    const input = await db
      .selectFrom("inputs")
      .select("consultation_id")
      .where("id", "=", c.req.param("inputId"))
      .executeTakeFirst();
    if (!input) return sendProblem(c, "not-found", 404, "No such input");
    const versions = await db
      .selectFrom("consultations")
      .select("data")
      .where("id", "=", input.consultation_id)
      .execute();
    const textKeys = textQuestionKeys(versions.map((row) => Consultation.parse(JSON.parse(row.data))));
    const textQuestionsOf = (themeId: string) =>
      new Set(
        [...textKeys]
          .filter((key) => key.startsWith(`${themeId}.`))
          .map((key) => key.slice(themeId.length + 1)),
      );
    const outcome = await reviewInput(
      db,
      c.req.param("inputId"),
      body.value,
      textQuestionsOf,
      c.get("user").id,
      now(),
    );
    if (outcome === "not-found") return sendProblem(c, "not-found", 404, "No such input");
    if (outcome === "not-text")
      return sendProblem(c, "invalid-request", 422, "Only the input's own text answers can be covered", {
        errors: [{ pointer: "/answers", code: "not-text" }],
      });
    return c.body(null, 204);
  });

  // Role: organizer, admin. A phone's voice recording or photo (a spoken answer, a flipchart), to hear or see it
  // beside the input: never public (a voice is personal data), never cached on a shared computer.
  app.get("/media/:id", async (c) => {
    const file = filesDir ? await openMedia(db, filesDir, c.req.param("id")) : undefined;
    if (!file) return sendProblem(c, "not-found", 404, "No such recording or photo has arrived");
    return new Response(file.stream, {
      headers: {
        "content-type": servedMediaType(file.row.record_mime.split(";")[0]!),
        "x-content-type-options": "nosniff",
        "content-length": String(file.row.size),
        "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.row.name)}`,
        "x-content-sha256": file.row.sha256,
        "cache-control": "private, no-store",
      },
    });
  });

  // Role: organizer, admin. Every disposition an input has had, with its author.
  app.get("/inputs/:inputId/history", async (c) =>
    c.json({ history: await dispositionHistory(db, c.req.param("inputId")) }),
  );
  return app;
}
