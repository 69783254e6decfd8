// /api/v1/organizer/consultations: design a consultation, version it, and move it draft → open → closed → published.
import type { Context } from "hono";
import { Hono } from "hono";
import type { Kysely } from "kysely";
import {
  ChangeStatus,
  type ConsultationDesign,
  CreateConsultation,
  designIssues,
  SaveDraft,
} from "../../domain/consultation";
import { Uuid } from "../../domain/primitives";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import {
  changeStatus,
  createConsultation,
  type DesignOutcome,
  readVersions,
  saveDraft,
} from "./consultation-store";

export interface DesignRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
}

/** A design is at most this large: 50 themes of 100 questions fit well under it. */
const MAX_DESIGN_BYTES = 512 * 1024;

export function designRoutes({ db, now }: DesignRoutesOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const organizers = requireRole({ db, now }, "organizer", "admin");

  /** 422 with a pointer per rule a design breaks beyond its schema (repeated ids, unmet bounds). */
  const refuseDesign = (c: Context, design: ConsultationDesign, prefix: string) => {
    const issues = designIssues(design);
    if (issues.length === 0) return undefined;
    return sendProblem(c, "invalid-design", 422, "The design has problems to fix", {
      errors: issues.map((issue) => ({ pointer: `${prefix}${issue.pointer}`, code: issue.code })),
    });
  };
  const answer = (c: Context, outcome: DesignOutcome, createdStatus: 200 | 201 = 201) => {
    if (!outcome.ok) {
      return outcome.reason === "not-found"
        ? sendProblem(c, "not-found", 404, "No such consultation")
        : sendProblem(c, "design-conflict", 409, outcome.detail);
    }
    return c.json({ consultation: outcome.consultation }, outcome.created ? createdStatus : 200);
  };
  const validId = (c: Context) => (Uuid.safeParse(c.req.param("id")).success ? c.req.param("id") : undefined);

  // Role: organizer, admin. Creates version 1 as a draft; re-sending the same create answers 200.
  app.post("/consultations", organizers, async (c) => {
    const body = await parseJsonBody(c, CreateConsultation, MAX_DESIGN_BYTES);
    if (!body.ok) return body.response;
    const refused = refuseDesign(c, body.value.design, "/design");
    if (refused) return refused;
    return answer(c, await createConsultation(db, body.value.id, body.value.design, now()));
  });

  // Role: organizer, admin. Every version's status, the released version and the draft being edited.
  app.get("/consultations/:id", organizers, async (c) => {
    const id = validId(c);
    const versions = id ? await readVersions(db, id) : undefined;
    if (!versions) return sendProblem(c, "not-found", 404, "No such consultation");
    return c.json(versions);
  });

  // Role: organizer, admin. Saves the draft, or starts the next version from a released one.
  app.put("/consultations/:id/draft", organizers, async (c) => {
    const id = validId(c);
    if (!id) return sendProblem(c, "not-found", 404, "No such consultation");
    const body = await parseJsonBody(c, SaveDraft, MAX_DESIGN_BYTES);
    if (!body.ok) return body.response;
    const refused = refuseDesign(c, body.value.design, "/design");
    if (refused) return refused;
    const { version, design, baseUpdatedAt } = body.value;
    return answer(c, await saveDraft(db, id, version, design, now(), baseUpdatedAt));
  });

  // Role: organizer, admin. draft → open, open → closed, closed → published (or closed → open again).
  app.post("/consultations/:id/status", organizers, async (c) => {
    const id = validId(c);
    if (!id) return sendProblem(c, "not-found", 404, "No such consultation");
    const body = await parseJsonBody(c, ChangeStatus, 1024);
    if (!body.ok) return body.response;
    const outcome = await changeStatus(db, id, body.value.status, now(), body.value.baseUpdatedAt);
    // A move the consultation's state does not allow is not an edit conflict: the page says so differently.
    if (!outcome.ok && outcome.reason === "conflict")
      return sendProblem(c, "not-allowed-now", 409, outcome.detail);
    return answer(c, outcome, 200);
  });
  return app;
}
