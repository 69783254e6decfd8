// Enrolled test devices: one-time codes issued in the server's own database, enrolment over HTTP with the
// phone's real code (WebCrypto keys), and signed pushes.
import { uuidv7 } from "uuidv7";
import { type DeviceIdentity, enrolThisDevice, signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { Input } from "../../src/domain/input";
import type { InputCreateMutation } from "../../src/domain/sync-messages";
import type { Workshop } from "../../src/domain/workshop";
import { issueEnrolmentCode } from "../../src/server/devices/device-store";
import { openStorage, type Storage } from "../../src/server/storage/database";
import { makeMutation } from "./factories";

/** Hands out fresh enrolment codes for one server. */
export type CodeSource = () => Promise<string>;

const ISSUER = "test-organizer";

/** Codes from an in-process test server's database (as an organizer's POST would make them). */
export function codesFor(server: { storage: Storage }): CodeSource {
  return async () =>
    (await issueEnrolmentCode(server.storage.db, { label: "Prueba" }, ISSUER, new Date())).code;
}

/** Codes for a spawned server, written to its database (SQLite data dir or PostgreSQL schema) from here. */
export function codesForProcess(where: {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}): CodeSource {
  return async () => {
    const storage = await openStorage(
      where.databaseUrl
        ? {
            dataDir: where.dataDir,
            databaseUrl: where.databaseUrl,
            ...(where.databaseSchema ? { databaseSchema: where.databaseSchema } : {}),
          }
        : { dataDir: where.dataDir },
    );
    try {
      return (await issueEnrolmentCode(storage.db, { label: "Prueba" }, ISSUER, new Date())).code;
    } finally {
      await storage.close();
    }
  };
}

/** Enrols a device id over HTTP as the phone does; throws if the server refuses. */
export async function enrol(
  baseUrl: string,
  codes: CodeSource,
  deviceId: string = uuidv7(),
): Promise<DeviceIdentity> {
  const outcome = await enrolThisDevice(await codes(), deviceId, fetch, baseUrl);
  if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.status} ${JSON.stringify(outcome.problem)}`);
  return outcome.identity;
}

/** A mutation for an input, signed by the device over the canonical JSON of its payload. */
export async function signedMutation(
  identity: DeviceIdentity,
  input: Input,
  seq = 1,
  overrides: Partial<InputCreateMutation> = {},
): Promise<InputCreateMutation> {
  const payload = { ...input, deviceId: identity.deviceId };
  return {
    ...makeMutation(payload, seq, overrides),
    signature: await signText(identity.privateKey, canonicalJson(payload)),
  };
}

/** A workshop's save, signed by the device over the canonical JSON of the workshop. */
export async function signedWorkshopMutation(identity: DeviceIdentity, workshop: Workshop, seq = 1) {
  return {
    mutationId: uuidv7(),
    seq,
    type: "workshop.save" as const,
    recordId: workshop.id,
    payload: workshop,
    createdAt: workshop.updatedAt,
    signature: await signText(identity.privateKey, canonicalJson(workshop)),
  };
}

/** POSTs a push body with the device's token. */
export function pushAs(
  baseUrl: string,
  identity: Pick<DeviceIdentity, "token">,
  body: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/sync/push`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${identity.token}` },
    body: JSON.stringify(body),
  });
}
