// Builders and HTTP helpers for information-request tests.
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import type { Input } from "../../src/domain/input";
import type { NewInfoRequest } from "../../src/domain/requests/info-request";
import { newProvisionalCode, newTrackingCode } from "../../src/domain/requests/tracking-code";
import { createUser } from "../../src/server/auth/accounts-store";
import { INSTITUTION_SEED } from "../../src/server/requests/institution-seed";
import type { Storage } from "../../src/server/storage/database";
import type { Database } from "../../src/server/storage/schema";
import { codesFor, enrol, pushAs, signedMutation } from "./devices";

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

const enrolled = new Map<string, DeviceIdentity>();

/**
 * Pushes inputs as their phone would: enrolled (once per server and device id: the first input's), signed,
 * in batches of 200, expecting each applied.
 */
export async function pushInputs(
  server: { url: string; storage: Storage },
  inputs: readonly Input[],
): Promise<DeviceIdentity> {
  const deviceId = inputs[0]?.deviceId;
  if (!deviceId) throw new Error("pushInputs needs at least one input");
  const key = `${server.url} ${deviceId}`;
  let identity = enrolled.get(key);
  if (!identity) {
    identity = await enrol(server.url, codesFor(server), deviceId);
    enrolled.set(key, identity);
  }
  for (let i = 0; i < inputs.length; i += 200) {
    const mutations = await Promise.all(
      inputs.slice(i, i + 200).map((input, n) => signedMutation(identity, input, i + n + 1)),
    );
    const response = await pushAs(server.url, identity, { deviceId, mutations });
    const body = (await response.json()) as { results?: { status: string }[] };
    if (response.status !== 200 || body.results?.some((result) => result.status === "rejected"))
      throw new Error(`push answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return identity;
}

/** Makes a staff account in the server's database and signs it in over HTTP; returns the session cookie. */
export async function staffSession(
  server: { url: string; storage: { db: Kysely<Database> } },
  user: { email: string; role: "admin" | "organizer" | "officer"; institutionId?: string },
  password = "una contraseña de prueba larga",
): Promise<string> {
  await createUser(server.storage.db, { name: user.email.split("@")[0]!, password, ...user }, new Date());
  return signIn(server.url, user.email, password);
}
