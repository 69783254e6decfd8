import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import type { PushResponse } from "../../src/domain/sync-messages";
import { codesFor, enrol, pushAs, signedMutation, signedWorkshopMutation } from "../support/devices";
import { makeInput, makeWorkshop } from "../support/factories";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

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
      await signedWorkshopMutation(phone, opened, 1),
      await signedMutation(phone, input, 2),
      await signedWorkshopMutation(phone, completed, 3),
    ]);
    expect(results.map((result) => result.status)).toEqual(["applied", "applied", "applied"]);
    expect(JSON.parse((await stored(opened.id))!.payload).attendance).toEqual({ total: 23 });
    // A retry of the first save, late: applied (it is valid) but the newer save stays.
    const late = await push(phone, [await signedWorkshopMutation(phone, opened, 4)]);
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
    expect((await push(owner, [await signedWorkshopMutation(owner, workshop)]))[0]!.status).toBe("applied");
    const hijack = {
      ...workshop,
      deviceId: other.deviceId,
      community: "Otra",
      updatedAt: "2026-11-21T00:00:00.000Z",
    };
    const [taken] = await push(other, [await signedWorkshopMutation(other, hijack)]);
    expect(taken!.status).toBe("rejected");
    expect(taken!.problem?.type).toBe("urn:tejido:problem:record-conflict");
    expect(JSON.parse((await stored(workshop.id))!.payload).community).toBe("Aldea Xexocom");

    const nowhere = makeWorkshop({
      deviceId: other.deviceId,
      departmentCode: "13",
      municipalityCode: "1413",
    });
    const [refused] = await push(other, [await signedWorkshopMutation(other, nowhere)]);
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
