// Workshops over real HTTP: saved from an enrolled phone, updated with attendance later, kept at their newest
// save whatever order saves arrive in, owned by the phone that opened them; inputs link to them.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceIdentity, signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { PushResponse } from "../../src/domain/sync-messages";
import type { Workshop } from "../../src/domain/workshop";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { makeInput, makeWorkshop } from "../support/factories";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

async function workshopMutation(phone: DeviceIdentity, workshop: Workshop, seq = 1) {
  return {
    mutationId: uuidv7(),
    seq,
    type: "workshop.save" as const,
    recordId: workshop.id,
    payload: workshop,
    createdAt: workshop.updatedAt,
    signature: await signText(phone.privateKey, canonicalJson(workshop)),
  };
}

async function push(phone: DeviceIdentity, mutations: unknown[]) {
  const response = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations });
  expect(response.status).toBe(200);
  return ((await response.json()) as PushResponse).results;
}

const stored = (id: string) =>
  server.storage.db.selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirst();

describe("workshops", () => {
  it("keeps the newest save of a workshop, even when an older save arrives last", async () => {
    const phone = await enrol(server.url, codesFor(server));
    const opened = makeWorkshop({ deviceId: phone.deviceId, attendance: {} });
    const completed = { ...opened, attendance: { total: 23 }, updatedAt: "2026-11-20T18:00:00.000Z" };
    const input = { ...makeInput({ deviceId: phone.deviceId }), workshopId: opened.id };
    const results = await push(phone, [
      await workshopMutation(phone, opened, 1),
      await signedMutation(phone, input, 2),
      await workshopMutation(phone, completed, 3),
    ]);
    expect(results.map((result) => result.status)).toEqual(["applied", "applied", "applied"]);
    expect(JSON.parse((await stored(opened.id))!.payload).attendance).toEqual({ total: 23 });
    // A retry of the first save, late: applied (it is valid) but the newer save stays.
    const late = await push(phone, [await workshopMutation(phone, opened, 4)]);
    expect(late[0]!.status).toBe("applied");
    expect(JSON.parse((await stored(opened.id))!.payload).attendance).toEqual({ total: 23 });
    const row = await server.storage.db
      .selectFrom("inputs")
      .select("payload")
      .where("id", "=", input.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).workshopId).toBe(opened.id);
  });

  it("refuses another phone's save of a workshop, and a place that does not exist, keeping both in quarantine", async () => {
    const owner = await enrol(server.url, codesFor(server));
    const other = await enrol(server.url, codesFor(server));
    const workshop = makeWorkshop({ deviceId: owner.deviceId });
    expect((await push(owner, [await workshopMutation(owner, workshop)]))[0]!.status).toBe("applied");
    const hijack = {
      ...workshop,
      deviceId: other.deviceId,
      community: "Otra",
      updatedAt: "2026-11-21T00:00:00.000Z",
    };
    const [taken] = await push(other, [await workshopMutation(other, hijack)]);
    expect(taken!.status).toBe("rejected");
    expect(taken!.problem?.type).toBe("urn:tejido:problem:record-conflict");
    expect(JSON.parse((await stored(workshop.id))!.payload).community).toBe("Aldea Xexocom");

    const nowhere = makeWorkshop({
      deviceId: other.deviceId,
      departmentCode: "13",
      municipalityCode: "1413",
    });
    const [refused] = await push(other, [await workshopMutation(other, nowhere)]);
    expect(refused!.problem).toMatchObject({
      type: "urn:tejido:problem:workshop-rejected",
      errors: [{ pointer: "/payload/municipalityCode", code: "municipality_outside_department" }],
    });
    expect(await stored(nowhere.id)).toBeUndefined();
    const quarantined = await server.storage.db
      .selectFrom("quarantine")
      .select("mutation_id")
      .where("device_id", "=", other.deviceId)
      .execute();
    expect(quarantined).toHaveLength(2);
  });
});
