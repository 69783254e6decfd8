// Builders and HTTP helpers for information-request tests.
import { uuidv7 } from "uuidv7";
import type { NewInfoRequest } from "../../src/domain/requests/info-request";
import { newProvisionalCode, newTrackingCode } from "../../src/domain/requests/tracking-code";
import { INSTITUTION_SEED } from "../../src/server/requests/institution-seed";

export function seededInstitution(acronym: string): { id: string; name: string; acronym: string } {
  const found = INSTITUTION_SEED.find((institution) => institution.acronym === acronym);
  if (!found) throw new Error(`No seeded institution ${acronym}`);
  return found;
}

/** A valid request to MINFIN by default; override any field. */
export function makeRequest(overrides: Partial<NewInfoRequest> = {}): NewInfoRequest {
  return {
    id: uuidv7(),
    deviceId: uuidv7(),
    institutionId: seededInstitution("MINFIN").id,
    description: "Copia del presupuesto ejecutado por la municipalidad de Nebaj en 2025.",
    requesterName: "María Ixchel Bernal",
    delivery: "electronic",
    channel: "web",
    provisionalCode: newProvisionalCode(),
    trackingCode: newTrackingCode(),
    createdAt: "2026-11-20T15:04:05.000Z",
    ...overrides,
  };
}

export function postJson(url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await postJson(`${baseUrl}/api/v1/auth/login`, { email, password });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
