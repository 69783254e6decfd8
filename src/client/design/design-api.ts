// The designer's calls to /api/v1/organizer/consultations, each answered as a value the screen can explain.
import type { Consultation, ConsultationDesign } from "../../domain/consultation";
import { Problem } from "../../domain/problem";
import { ConsultationAnswer, ConsultationVersions } from "../../domain/staff-answers";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";
import type { FieldIssue } from "./design-issues";

const BASE = "/api/v1/organizer/consultations";
const jsonHeaders = { "content-type": "application/json", accept: "application/json" };

export { ConsultationSummary, ConsultationVersions } from "../../domain/staff-answers";

/** A consultation's versions; "new" when the server has none yet (its id was just made on this page). */
export function loadVersions(id: string): Promise<StaffLoad<ConsultationVersions> | { state: "new" }> {
  return loadStaffJson(`${BASE}/${id}`, ConsultationVersions, { state: "new" as const });
}

export type SendOutcome =
  | { ok: true; consultation: Consultation }
  | { ok: false; reason: "conflict" | "signed-out" | "offline" | "failed" }
  | { ok: false; reason: "invalid"; errors: FieldIssue[] };

async function send(method: "POST" | "PUT", url: string, body: unknown): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: jsonHeaders, body: JSON.stringify(body) });
  } catch {
    return { ok: false, reason: "offline" };
  }
  if (response.ok) {
    const saved = await readAnswer(response, ConsultationAnswer);
    return saved ? { ok: true, consultation: saved.consultation } : { ok: false, reason: "failed" };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: "signed-out" };
  if (response.status === 409) return { ok: false, reason: "conflict" };
  if (response.status === 422) {
    const problem = await readAnswer(response, Problem);
    return { ok: false, reason: "invalid", errors: problem?.errors ?? [] };
  }
  return { ok: false, reason: "failed" };
}

/** Creates version 1 as a draft; sending the same create again is answered with the same draft. */
export function createConsultation(id: string, design: ConsultationDesign): Promise<SendOutcome> {
  return send("POST", BASE, { id, design });
}

/** Saves draft `version`, or starts the next version from the released one (`version` = latest + 1). */
export function saveDraft(
  id: string,
  version: number,
  design: ConsultationDesign,
  baseUpdatedAt?: string,
): Promise<SendOutcome> {
  return send("PUT", `${BASE}/${id}/draft`, { version, design, ...(baseUpdatedAt ? { baseUpdatedAt } : {}) });
}

/** `baseUpdatedAt`: the moved version as this page saw it; another organizer's change since is a conflict. */
export function changeStatus(
  id: string,
  status: "open" | "closed" | "published",
  baseUpdatedAt?: string,
): Promise<SendOutcome> {
  return send("POST", `${BASE}/${id}/status`, { status, ...(baseUpdatedAt ? { baseUpdatedAt } : {}) });
}

/** The design of a stored version, without what the server keeps (id, version, status, time). */
export function designOf(consultation: Consultation): ConsultationDesign {
  const { id: _id, version: _version, status: _status, updatedAt: _updatedAt, ...design } = consultation;
  return design;
}
