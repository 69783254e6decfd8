// Device enrolment over real HTTP: one-time expiring codes, tokens, signatures checked against the enrolled
// key, and revocation that refuses a phone's pushes while keeping them in quarantine.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DeviceIdentity,
  enrolThisDevice,
  newKeyPair,
  signText,
} from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { DeviceSummary } from "../../src/domain/devices";
import { problemTypeUri } from "../../src/domain/problem";
import type { PushResponse } from "../../src/domain/sync-messages";
import { pushAs, signedMutation } from "../support/devices";
import { makeInput, makeMutation } from "../support/factories";
import { postJson, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let clock = new Date("2026-11-20T15:00:00.000Z");
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({
    now: () => clock,
    enrolLimit: { limit: 15, windowMs: 60_000 },
    revokedQuarantineCap: 3,
  });
  organizer = await staffSession(server, { email: "inscribe@segeplan.gob.gt", role: "organizer" });
});
afterAll(() => server.dispose());

async function issueCode(body: unknown = {}): Promise<{ code: string; expiresAt: string }> {
  const response = await postJson(`${server.url}/api/v1/organizer/enrolment-codes`, body, organizer);
  expect(response.status).toBe(201);
  return (await response.json()) as { code: string; expiresAt: string };
}

async function enrolWith(code: string, deviceId = uuidv7()) {
  return enrolThisDevice(code, deviceId, fetch, server.url);
}

async function enrolled(): Promise<DeviceIdentity> {
  const outcome = await enrolWith((await issueCode({ label: "Ana, Nebaj" })).code);
  if (!outcome.ok) throw new Error(`enrolment failed: ${outcome.status}`);
  return outcome.identity;
}

async function devices(): Promise<DeviceSummary[]> {
  const response = await fetch(`${server.url}/api/v1/organizer/devices`, { headers: { cookie: organizer } });
  return ((await response.json()) as { devices: DeviceSummary[] }).devices;
}

const quarantined = (deviceId: string) =>
  server.storage.db.selectFrom("quarantine").selectAll().where("device_id", "=", deviceId).execute();

describe("enrolment codes", () => {
  it("enrol one phone once: a reused code is refused and says so", async () => {
    const { code } = await issueCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // Typed by hand: lower case, no dash, O for 0 and l for 1 are all read as meant.
    const typed = code.toLowerCase().replace("-", " ").replaceAll("0", "o").replaceAll("1", "l");
    const first = await enrolWith(typed);
    expect(first.ok).toBe(true);
    const second = await enrolWith(code);
    expect(second).toMatchObject({
      ok: false,
      status: 422,
      problem: {
        type: problemTypeUri("enrolment-code-invalid"),
        errors: [{ pointer: "/code", code: "used" }],
      },
    });
  });

  it("refuses an expired code and an unknown one, each with its reason", async () => {
    const { code, expiresAt } = await issueCode({ expiresInHours: 2 });
    expect(expiresAt).toBe("2026-11-20T17:00:00.000Z");
    // Time only moves forward here: the enrolment rate limit counts in windows of server time.
    clock = new Date("2026-11-20T17:00:00.000Z");
    expect(await enrolWith(code)).toMatchObject({ ok: false, problem: { errors: [{ code: "expired" }] } });
    expect(await enrolWith("ZZZZZ-ZZZZZ")).toMatchObject({
      ok: false,
      problem: { errors: [{ code: "unknown" }] },
    });
  });

  it("answers a phone whose first answer was lost, same code and key, with a new token; another key is refused", async () => {
    const { code } = await issueCode();
    const deviceId = uuidv7();
    const pair = await newKeyPair();
    const first = await enrolThisDevice(code, deviceId, fetch, server.url, pair);
    const again = await enrolThisDevice(code, deviceId, fetch, server.url, pair);
    if (!first.ok || !again.ok) throw new Error("enrolment failed");
    expect(again.identity.token).not.toBe(first.identity.token);
    const mutation = await signedMutation(again.identity, makeInput());
    const body = { deviceId, mutations: [mutation] };
    expect((await pushAs(server.url, first.identity, body)).status).toBe(401);
    expect((await pushAs(server.url, again.identity, body)).status).toBe(200);
    const otherKey = await enrolThisDevice(code, deviceId, fetch, server.url);
    expect(otherKey).toMatchObject({ ok: false, problem: { errors: [{ code: "used" }] } });
  });

  it("lets only one of two phones racing with the same code in", async () => {
    const { code } = await issueCode();
    const outcomes = await Promise.all([enrolWith(code), enrolWith(code), enrolWith(code)]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });

  it("refuses a device id already enrolled, so a code cannot take over another phone", async () => {
    const phone = await enrolled();
    const again = await enrolWith((await issueCode()).code, phone.deviceId);
    expect(again).toMatchObject({
      ok: false,
      status: 409,
      problem: { type: problemTypeUri("device-taken") },
    });
  });

  it("refuses a public key that is not P-256, and slows down guessing per address", async () => {
    const { code } = await issueCode();
    const wrongKey = await postJson(`${server.url}/api/v1/devices/enrol`, {
      code,
      deviceId: uuidv7(),
      publicKey: { kty: "RSA", n: "x", e: "AQAB" },
    });
    expect(wrongKey.status).toBe(422);
    // Shaped like a P-256 key, but its point is not on the curve (finding #15.5): refused at once, the code kept.
    const offCurve = { kty: "EC", crv: "P-256", x: "A".repeat(43), y: "B".repeat(43) };
    const deviceId = uuidv7();
    const off = await postJson(`${server.url}/api/v1/devices/enrol`, { code, deviceId, publicKey: offCurve });
    expect(off.status).toBe(422);
    expect((await off.json()).errors).toEqual([{ pointer: "/publicKey", code: "not-on-curve" }]);
    expect(
      await server.storage.db
        .selectFrom("devices")
        .select("id")
        .where("id", "=", deviceId)
        .executeTakeFirst(),
    ).toBeUndefined();
    const good = await enrolWith(code);
    expect(good.ok).toBe(true);
    let limited: Response | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      const response = await postJson(`${server.url}/api/v1/devices/enrol`, {});
      if (response.status === 429) limited = response;
    }
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    // The window passes: the next tests enrol again from this address.
    clock = new Date(clock.getTime() + 61_000);
  });
});

describe("pushes from enrolled devices", () => {
  it("needs the device's token: none, an unknown one or another device's are refused and store nothing", async () => {
    const phone = await enrolled();
    const other = await enrolled();
    const mutation = await signedMutation(phone, makeInput());
    const body = { deviceId: phone.deviceId, mutations: [mutation] };
    const none = await postJson(`${server.url}/api/v1/sync/push`, body);
    expect(none.status).toBe(401);
    expect((await none.json()).type).toBe(problemTypeUri("device-unknown"));
    expect((await pushAs(server.url, { token: "x".repeat(43) }, body)).status).toBe(401);
    expect((await pushAs(server.url, other, body)).status).toBe(403);
    const stored = await server.storage.db
      .selectFrom("inputs")
      .select("id")
      .where("id", "=", mutation.recordId)
      .execute();
    expect(stored).toEqual([]);
  });

  it("applies a signed input, and quarantines an unsigned one and one altered after signing", async () => {
    const phone = await enrolled();
    const good = await signedMutation(phone, makeInput());
    const unsigned = makeMutation(makeInput({ deviceId: phone.deviceId }), 2);
    const altered = await signedMutation(phone, makeInput(), 3);
    altered.payload = { ...altered.payload, freeText: "Texto cambiado en el camino" };
    const forged = {
      ...(await signedMutation(phone, makeInput(), 4)),
      // Signed by a key that is not the one enrolled for this device.
      signature: await signText(
        (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"])).privateKey,
        canonicalJson(makeInput()),
      ),
    };
    const response = await pushAs(server.url, phone, {
      deviceId: phone.deviceId,
      mutations: [good, unsigned, altered, forged],
    });
    const { results } = (await response.json()) as PushResponse;
    expect(results.map((result) => [result.status, result.problem?.errors?.[0]])).toEqual([
      ["applied", undefined],
      ["rejected", { pointer: "/signature", code: "missing" }],
      ["rejected", { pointer: "/signature", code: "mismatch" }],
      ["rejected", { pointer: "/signature", code: "mismatch" }],
    ]);
    const rows = await quarantined(phone.deviceId);
    expect(rows.map((row) => JSON.parse(row.problem).type)).toEqual(
      Array(3).fill(problemTypeUri("bad-signature")),
    );
    expect(rows.map((row) => row.mutation_id).sort()).toEqual(
      [unsigned.mutationId, altered.mutationId, forged.mutationId].sort(),
    );
    // The stored input is exactly what the device signed.
    const stored = await server.storage.db
      .selectFrom("inputs")
      .select("payload")
      .where("id", "=", good.recordId)
      .executeTakeFirstOrThrow();
    expect(stored.payload).toBe(canonicalJson(good.payload));
  });

  it("refuses a revoked device's later pushes with a clear problem and keeps them in quarantine", async () => {
    const phone = await enrolled();
    const before = await signedMutation(phone, makeInput());
    expect((await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [before] })).status).toBe(
      200,
    );

    const revoked = await postJson(
      `${server.url}/api/v1/organizer/devices/${phone.deviceId}/revoke`,
      {},
      organizer,
    );
    expect(revoked.status).toBe(200);
    const after = await signedMutation(phone, makeInput(), 2);
    const response = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [after] });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      type: problemTypeUri("device-revoked"),
      detail: "Its data is kept for review. Talk to the organizer of the consultation.",
    });
    const rows = await quarantined(phone.deviceId);
    expect(rows.map((row) => [row.mutation_id, JSON.parse(row.raw).payload.id])).toEqual([
      [after.mutationId, after.recordId],
    ]);
    const inputs = await server.storage.db
      .selectFrom("inputs")
      .select("id")
      .where("device_id", "=", phone.deviceId)
      .execute();
    expect(inputs.map((row) => row.id)).toEqual([before.recordId]);
    const listed = (await devices()).find((device) => device.id === phone.deviceId);
    expect(listed).toMatchObject({ label: "Ana, Nebaj", inputs: 1, quarantined: 1, enrolledBy: "inscribe" });
    expect(listed?.revokedAt).toBe(clock.toISOString());
    expect(
      (await postJson(`${server.url}/api/v1/organizer/devices/${uuidv7()}/revoke`, {}, organizer)).status,
    ).toBe(404);
    // A revoked phone cannot fill the server: past the cap (3 here) its pushes are refused and not kept.
    for (let n = 3; n < 8; n++) {
      const more = await signedMutation(phone, makeInput(), n);
      const refused = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [more] });
      expect(refused.status).toBe(403);
    }
    expect(await quarantined(phone.deviceId)).toHaveLength(3);
  });
});

describe("quarantine budget (issue #15, finding 3)", () => {
  it("keeps at most a device's byte budget of refused pushes, and still answers each one", async () => {
    const small = await startTestServer({ quarantineBytes: 10_000 });
    try {
      const cookie = await staffSession(small, { email: "org@segeplan.gob.gt", role: "organizer" });
      const issued = await postJson(`${small.url}/api/v1/organizer/enrolment-codes`, {}, cookie);
      const outcome = await enrolThisDevice(
        ((await issued.json()) as { code: string }).code,
        uuidv7(),
        fetch,
        small.url,
      );
      if (!outcome.ok) throw new Error("enrolment failed");
      const phone = outcome.identity;
      // Six pushes of junk, 3 KB each: well-formed JSON, never a mutation.
      for (let i = 0; i < 6; i++) {
        const junk = { mutationId: uuidv7(), junk: `${i}`.padEnd(3_000, "x") };
        const response = await pushAs(small.url, phone, { deviceId: phone.deviceId, mutations: [junk] });
        expect(response.status).toBe(200);
        expect(((await response.json()) as PushResponse).results[0]?.status).toBe("rejected");
      }
      const rows = await small.storage.db
        .selectFrom("quarantine")
        .select("raw")
        .where("device_id", "=", phone.deviceId)
        .execute();
      const bytes = rows.reduce((sum, row) => sum + Buffer.byteLength(row.raw), 0);
      expect(rows).toHaveLength(3);
      expect(bytes).toBeLessThanOrEqual(10_000);
      const device = await small.storage.db
        .selectFrom("devices")
        .select("quarantine_bytes")
        .where("id", "=", phone.deviceId)
        .executeTakeFirstOrThrow();
      expect(Number(device.quarantine_bytes)).toBe(bytes);
    } finally {
      await small.dispose();
    }
  });
});
