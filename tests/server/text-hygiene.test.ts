// Text with a NUL byte, other control characters or bidirectional overrides (issue #15, finding 4): a citizen's
// filing is stored without them (on PostgreSQL a NUL used to answer 500), a file name cannot read backwards in
// the inbox, and a signed input holding them is refused with a pointer and kept in quarantine, never half stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/auth/accounts-store";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { makeRequest, postJson, seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";
import { uploadFile } from "../support/tus";

let server: TestServer;
const minfin = seededInstitution("MINFIN");
const PASSWORD = "texto limpio sin controles";

beforeAll(async () => {
  server = await startTestServer();
  await createUser(
    server.storage.db,
    {
      email: "uip@minfin.gob.gt",
      name: "UIP",
      role: "officer",
      institutionId: minfin.id,
      password: PASSWORD,
    },
    new Date(),
  );
});
afterAll(() => server.dispose());

describe("text hygiene", () => {
  it("stores a filing without NUL, controls or bidirectional overrides, and finds it again by a re-send", async () => {
    const request = makeRequest({
      institutionId: minfin.id,
      description: "El presupuesto\u0000 de 2025\u0007 por renglón,\ncon sus compras.",
      requesterName: "Ana \u202Egpj.exe\u202C Tzul",
    });
    const filed = await postJson(`${server.url}/api/v1/requests`, request);
    expect(filed.status).toBe(201);
    const row = await server.storage.db
      .selectFrom("info_requests")
      .select(["description", "requester_name"])
      .where("id", "=", request.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      description: "El presupuesto de 2025 por renglón,\ncon sus compras.",
      requester_name: "Ana gpj.exe Tzul",
    });
    // The phone sends it again as it has it: the same request, not a conflict.
    const again = await postJson(`${server.url}/api/v1/requests`, request);
    expect(again.status).toBe(200);
  });

  it("keeps a file's name from reading backwards", async () => {
    const cookie = await signIn(server.url, "uip@minfin.gob.gt", PASSWORD);
    const id = await uploadFile(
      server.url,
      cookie,
      "factura\u202Efdp.exe",
      "application/pdf",
      new Uint8Array([1, 2]),
    );
    const row = await server.storage.db
      .selectFrom("attachments")
      .select("name")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("facturafdp.exe");
  });

  it("refuses a signed input holding a NUL with a pointer, quarantines it, and applies the rest", async () => {
    const identity = await enrol(server.url, codesFor(server));
    const bad = makeInput({ deviceId: identity.deviceId, freeText: "Que atiendan\u0000 en k'iche'." });
    const good = makeInput({ deviceId: identity.deviceId });
    const response = await pushAs(server.url, identity, {
      deviceId: identity.deviceId,
      mutations: [await signedMutation(identity, bad, 1), await signedMutation(identity, good, 2)],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as {
      results: { status: string; problem?: { errors?: { pointer: string; code: string }[] } }[];
    };
    expect(results.map((result) => result.status)).toEqual(["rejected", "applied"]);
    expect(results[0]?.problem?.errors).toEqual([
      { pointer: "/payload/freeText", code: "control-character" },
    ]);
    const stored = await server.storage.db
      .selectFrom("inputs")
      .select("id")
      .where("id", "in", [bad.id, good.id])
      .execute();
    expect(stored.map((row) => row.id)).toEqual([good.id]);
    const quarantined = await server.storage.db
      .selectFrom("quarantine")
      .select("raw")
      .where("device_id", "=", identity.deviceId)
      .execute();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.raw).toContain(bad.id);
  });
});
