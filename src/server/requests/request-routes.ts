// Information requests over HTTP: anonymous filing, status and appeal; the officer's inbox and actions;
// admins' institutions and holidays; public statistics. Every route states its role.
import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import type { Kysely } from "kysely";
import type { z } from "zod/mini";
import { csvRow, UTF8_BOM } from "../../domain/exports/csv";
import { servedMediaType } from "../../domain/media-type";
import {
  AppealFiling,
  ClarificationReply,
  NewInfoRequest,
  OfficerAction,
  StatusQuery,
} from "../../domain/requests/info-request";
import { LEGAL_TIME_ZONE } from "../../domain/requests/laip-deadlines";
import { localDateTimeIn } from "../../domain/requests/local-time";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { limited } from "../http/client-address";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { createRateLimiter, type RateLimit } from "../http/rate-limit";
import type { Mailer } from "../mail/mailer";
import type { Database } from "../storage/schema";
import { article48Report } from "./article-48";
import { openAttachment } from "./attachment-store";
import { findInstitution, listInstitutions, loadCalendar } from "./catalogue-store";
import {
  applyOfficerAction,
  fileAppeal,
  fileRequest,
  findByFolioAndCode,
  inbox,
  noticeOnStatusPage,
  officerView,
  publicStatus,
  replyToClarification,
  requestStatistics,
} from "./request-store";

export interface RequestRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  filesDir: string;
  /** Read by the upload routes (tus), which share these options. */
  maxAttachmentBytes?: number;
  /** See clientKey: how many reverse proxies' X-Forwarded-For to believe. */
  trustProxyHops?: number;
  /** Anonymous status queries and appeals per client address. */
  statusLimit?: RateLimit;
  /** Anonymous filings per client address (a community centre may share one). */
  filingLimit?: RateLimit;
  /** With mail set up, requesters who left an address are told of each status change. */
  mail?: { mailer: Pick<Mailer, "poke">; statusPageUrl: string };
}

const JSON_LIMIT = 64 * 1024;
export const DEFAULT_STATUS_LIMIT: RateLimit = { limit: 30, windowMs: 10 * 60_000 };
/** Largest file an answer may carry (uploads are resumable, so a slow link still gets there). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const DEFAULT_FILING_LIMIT: RateLimit = { limit: 120, windowMs: 10 * 60_000 };

const parseBody = <T>(c: Context, schema: z.ZodMiniType<T>) => parseJsonBody(c, schema, JSON_LIMIT);

const notFound = (c: Context) =>
  sendProblem(c, "not-found", 404, "No request matches this folio and tracking code");

export function requestRoutes(options: RequestRoutesOptions): Hono<AuthEnv> {
  const { db, now, filesDir, trustProxyHops = 0 } = options;
  const statusLimiter = createRateLimiter(
    { db, scope: "status", ...(options.statusLimit ?? DEFAULT_STATUS_LIMIT) },
    now,
  );
  const filingLimiter = createRateLimiter(
    { db, scope: "filing", ...(options.filingLimit ?? DEFAULT_FILING_LIMIT) },
    now,
  );
  const auth = { db, now };
  const app = new Hono<AuthEnv>();

  // Role: anonymous. The active institutions a request can go to; phones keep a copy for offline filing.
  app.get("/institutions", etag(), async (c) => {
    c.header("Cache-Control", "no-cache");
    return c.json({ institutions: await listInstitutions(db, { activeOnly: true }) });
  });

  // Role: anonymous (no account, ever). Idempotent by request id: 201 the first time, 200 on a re-send.
  app.post("/requests", async (c) => {
    const refused = await limited(c, filingLimiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseBody(c, NewInfoRequest);
    if (!body.ok) return body.response;
    const outcome = await fileRequest(
      db,
      body.value,
      await loadCalendar(db, body.value.institutionId),
      now(),
    );
    switch (outcome.kind) {
      case "filed":
        return c.json(outcome.request, 201);
      case "duplicate":
        return c.json(outcome.request, 200);
      case "conflict":
        return sendProblem(c, "request-conflict", 409, "Another request already has this id");
      case "unknown-institution":
        return sendProblem(
          c,
          "unknown-institution",
          422,
          "The institution does not exist or takes no requests",
          {
            errors: [{ pointer: "/institutionId", code: "unknown" }],
          },
        );
    }
  });

  // Role: anonymous with folio + tracking code. A wrong code and a missing folio answer the same 404.
  app.post("/requests/status", async (c) => {
    const refused = await limited(c, statusLimiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseBody(c, StatusQuery);
    if (!body.ok) return body.response;
    const found = await findByFolioAndCode(db, body.value.folio, body.value.trackingCode);
    if (!found) return notFound(c);
    // Seeing the answer here is being notified of it: the appeal window starts now (LAIP Art. 54).
    const row = await noticeOnStatusPage(db, found, now());
    c.header("Cache-Control", "no-store");
    return c.json(await publicStatus(db, row, await loadCalendar(db, row.institution_id), now()));
  });

  // Role: anonymous with folio + tracking code. The recurso de revisión, within its window.
  app.post("/requests/appeal", async (c) => {
    const refused = await limited(c, statusLimiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseBody(c, AppealFiling);
    if (!body.ok) return body.response;
    const found = await findByFolioAndCode(db, body.value.folio, body.value.trackingCode);
    if (!found) return notFound(c);
    const row = await noticeOnStatusPage(db, found, now());
    const calendar = await loadCalendar(db, row.institution_id);
    const outcome = await fileAppeal(db, row, body.value.reason, calendar, now());
    if (!outcome.ok)
      return sendProblem(c, "appeal-closed", 409, "An appeal cannot be filed for this request now");
    return c.json(await publicStatus(db, outcome.row, calendar, now()), 201);
  });

  // Role: anonymous with folio + tracking code. The requester's clarification (LAIP Art. 42 inciso 2), sent
  // from the status page, often saved offline first: the same reply sent again answers 200, not a second reply.
  app.post("/requests/clarification", async (c) => {
    const refused = await limited(c, statusLimiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseBody(c, ClarificationReply);
    if (!body.ok) return body.response;
    const found = await findByFolioAndCode(db, body.value.folio, body.value.trackingCode);
    if (!found) return notFound(c);
    const calendar = await loadCalendar(db, found.institution_id);
    const outcome = await replyToClarification(db, found, body.value, calendar, now());
    if (!outcome.ok)
      return sendProblem(c, "clarification-closed", 409, "This request is not waiting for a clarification");
    c.header("Cache-Control", "no-store");
    return c.json(await publicStatus(db, outcome.row, calendar, now()), outcome.duplicate ? 200 : 201);
  });

  // Role: anonymous with folio + tracking code (in the body, never in the address, so logs never hold it).
  app.post("/requests/files/:fileId", async (c) => {
    const refused = await limited(c, statusLimiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseBody(c, StatusQuery);
    if (!body.ok) return body.response;
    const row = await findByFolioAndCode(db, body.value.folio, body.value.trackingCode);
    if (!row) return notFound(c);
    return sendFile(c, row.id, c.req.param("fileId"));
  });

  async function sendFile(c: Context, requestId: string, fileId: string): Promise<Response> {
    const file = await openAttachment(db, filesDir, fileId, requestId);
    if (!file) return sendProblem(c, "not-found", 404, "No such file");
    return new Response(file.stream, {
      headers: {
        // Rows stored before types were checked are made safe on the way out too.
        "content-type": servedMediaType(file.row.mime),
        "x-content-type-options": "nosniff",
        "content-length": String(file.row.size),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.row.name)}`,
        "x-content-sha256": file.row.sha256,
        "cache-control": "private, no-store",
      },
    });
  }

  // Role: anonymous. Per institution, for a year: received, answered on time / late, overdue, denied; JSON or CSV.
  app.get("/statistics/requests", async (c) => {
    const current = Number(localDateTimeIn(now(), LEGAL_TIME_ZONE).date.slice(0, 4));
    const year = Number(c.req.query("year") ?? current);
    if (!Number.isInteger(year) || year < 2008 || year > current + 1)
      return sendProblem(c, "invalid-request", 400, "The year is not valid");
    const rows = await requestStatistics(db, year, now());
    if (c.req.query("format") !== "csv")
      return c.json({ year, generatedAt: now().toISOString(), institutions: rows });
    const header = [
      "institucion",
      "siglas",
      "recibidas",
      "respondidas_a_tiempo",
      "respondidas_tarde",
      "vencidas_sin_respuesta",
      "denegadas",
      "en_tramite",
      "datos_personales",
    ];
    const text =
      (c.req.query("bom") === "1" ? UTF8_BOM : "") +
      csvRow(header) +
      rows
        .map((r) =>
          csvRow([
            r.name,
            r.acronym,
            r.received,
            r.answeredOnTime,
            r.answeredLate,
            r.overdue,
            r.denied,
            r.open,
            r.personalData,
          ]),
        )
        .join("");
    return c.body(text, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="solicitudes-${year}.csv"`,
    });
  });

  // ---- Officers: one institution each.
  const officer = requireRole(auth, "officer");
  const institutionOf = (c: Context<AuthEnv>) => c.get("user").institutionId;

  // Role: officer. Their institution's requests, open ones first by due date.
  // Role: officer. Their institution's LAIP Art. 48 report for a year (by reception), as JSON or as CSV (one row
  // per request, with the reasons of extensions, denials and withdrawals).
  app.get("/officer/report", officer, async (c) => {
    const institutionId = institutionOf(c);
    if (!institutionId) return sendProblem(c, "forbidden", 403, "Your account is bound to no institution");
    const current = Number(localDateTimeIn(now(), LEGAL_TIME_ZONE).date.slice(0, 4));
    const year = Number(c.req.query("year") ?? current - 1);
    if (!Number.isInteger(year) || year < 2008 || year > current)
      return sendProblem(c, "invalid-request", 400, "The year is not valid");
    const report = await article48Report(
      db,
      institutionId,
      year,
      await loadCalendar(db, institutionId),
      now(),
    );
    if (!report) return sendProblem(c, "not-found", 404, "No such institution");
    c.header("Cache-Control", "private, no-store");
    if (c.req.query("format") !== "csv") return c.json(report);
    const header = [
      "folio",
      "recibida",
      "canal",
      "tipo_solicitud",
      "clase_informacion",
      "estado",
      "respondida_el",
      "dias_habiles",
      "a_tiempo",
      "ampliada",
      "motivo_ampliacion",
      "denegada_por",
      "fundamento",
      "motivo_retiro",
      "recurso_presentado",
      "recurso_resuelto",
    ];
    const yesNo = (value: boolean | null) => (value === null ? "" : value ? "si" : "no");
    const text =
      (c.req.query("bom") === "1" ? UTF8_BOM : "") +
      csvRow(header) +
      report.lines
        .map((line) =>
          csvRow([
            line.folio,
            line.receivedAt,
            line.channel,
            line.kind,
            line.informationType ?? "",
            line.status,
            line.answeredOn ?? "",
            line.businessDays ?? "",
            yesNo(line.onTime),
            yesNo(line.extended),
            line.extensionReason ?? "",
            line.denialGround === "reserved"
              ? "reservada"
              : line.denialGround === "confidential"
                ? "confidencial"
                : line.denialGround === "not-clarified"
                  ? "sin_aclaracion"
                  : "",
            line.legalBasis ?? "",
            line.withdrawalNote ?? "",
            line.appealFiledAt ?? "",
            line.appealOutcome ?? "",
          ]),
        )
        .join("");
    return c.body(text, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="informe-art48-${report.institution.acronym}-${year}.csv"`,
    });
  });

  app.get("/officer/requests", officer, async (c) => {
    const institutionId = institutionOf(c);
    if (!institutionId) return sendProblem(c, "forbidden", 403, "Your account is bound to no institution");
    const institution = await findInstitution(db, institutionId);
    return c.json({
      institution,
      requests: await inbox(db, institutionId, await loadCalendar(db, institutionId), now()),
    });
  });

  // Role: officer of the request's institution.
  app.get("/officer/requests/:id", officer, async (c) => {
    const institutionId = institutionOf(c);
    const view = institutionId
      ? await officerView(db, institutionId, c.req.param("id"), await loadCalendar(db, institutionId), now())
      : undefined;
    return view ? c.json(view) : sendProblem(c, "not-found", 404, "No such request in your institution");
  });

  // Role: officer of the request's institution. Every action is kept in the audit log.
  app.post("/officer/requests/:id/actions", officer, async (c) => {
    const user = c.get("user");
    if (!user.institutionId)
      return sendProblem(c, "forbidden", 403, "Your account is bound to no institution");
    const body = await parseBody(c, OfficerAction);
    if (!body.ok) return body.response;
    const calendar = await loadCalendar(db, user.institutionId);
    const outcome = await applyOfficerAction(
      db,
      { id: user.id, institutionId: user.institutionId },
      c.req.param("id"),
      body.value,
      calendar,
      now(),
      options.mail ? { statusPageUrl: options.mail.statusPageUrl } : undefined,
    );
    // The message queued with the change goes out now, after the commit, without holding the answer.
    if (outcome.ok) void options.mail?.mailer.poke();
    if (!outcome.ok) {
      switch (outcome.reason) {
        case "not-found":
          return sendProblem(c, "not-found", 404, "No such request in your institution");
        case "not-allowed":
          return sendProblem(
            c,
            "not-allowed-now",
            409,
            "This action is not allowed in the request's current state",
          );
        case "term-ended":
          return sendProblem(
            c,
            "not-allowed-now",
            409,
            "The first term has ended: it can no longer be extended",
          );
        case "unknown-institution":
          return sendProblem(c, "unknown-institution", 422, "Refer to another active institution", {
            errors: [{ pointer: "/institutionId", code: "unknown" }],
          });
        case "bad-attachment":
          return sendProblem(c, "attachment-rejected", 422, "An attached file is not yours or not complete", {
            errors: [{ pointer: "/attachmentIds", code: "unknown" }],
          });
      }
    }
    return c.json(await officerView(db, user.institutionId, c.req.param("id"), calendar, now()));
  });

  // Role: officer of the request's institution.
  app.get("/officer/requests/:id/files/:fileId", officer, async (c) => {
    const institutionId = institutionOf(c);
    const owned = institutionId
      ? await db
          .selectFrom("info_requests")
          .select("id")
          .where("id", "=", c.req.param("id"))
          .where("institution_id", "=", institutionId)
          .executeTakeFirst()
      : undefined;
    if (!owned) return sendProblem(c, "not-found", 404, "No such request in your institution");
    return sendFile(c, owned.id, c.req.param("fileId"));
  });

  return app;
}
