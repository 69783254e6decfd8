// A phone's field work through the sync engine against the real server: inputs wait while the phone is not
// enrolled; a workshop and its inputs arrive signed; a revoked phone keeps everything and the server
// quarantines what it sends.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attentionCount, saveWorkshopWithMutation } from "../../src/client/db/outbox";
import { makeDevice } from "../support/client-device";
import { codesFor, enrol } from "../support/devices";
import { makeWorkshop } from "../support/factories";
import { postJson, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const inputsOf = (deviceId: string) =>
  server.storage.db.selectFrom("inputs").select("id").where("device_id", "=", deviceId).execute();

describe("field work through the sync engine", () => {
  it("keeps inputs on an unenrolled phone, still pulls, and sends them once the phone is enrolled", async () => {
    const paths: string[] = [];
    const device = await makeDevice(server.url, {
      fetch: (url, init) => {
        paths.push(new URL(String(url)).pathname);
        return fetch(url, init);
      },
    });
    try {
      const captured = await device.capture(3);
      const report = await device.engine.sync();
      expect(report).toMatchObject({ blocked: "unenrolled", waiting: 3, pushed: 0 });
      expect(await device.engine.sendable()).toBe(0);
      // It does not even try to push: nothing but the pull left the phone.
      expect(paths.every((path) => path === "/api/v1/sync/pull")).toBe(true);
      expect(await device.db.outbox.count()).toBe(3);
      expect(await device.db.consultations.count()).toBeGreaterThan(0);
      expect(await inputsOf(device.deviceId)).toEqual([]);

      await device.settings.setIdentity(await enrol(server.url, codesFor(server), device.deviceId));
      await device.engine.sync();
      expect(await device.db.outbox.count()).toBe(0);
      expect((await inputsOf(device.deviceId)).map((row) => row.id).sort()).toEqual(
        captured.map((input) => input.id).sort(),
      );
    } finally {
      device.close();
    }
  });

  it("sends a workshop and the inputs given in it, and marks the workshop sent", async () => {
    const device = await makeDevice(server.url, { codes: codesFor(server) });
    try {
      const workshop = makeWorkshop({ deviceId: device.deviceId, attendance: {} });
      await saveWorkshopWithMutation(device.db, workshop, uuidv7());
      await device.capture(2, { workshopId: workshop.id });
      const completed = { ...workshop, attendance: { total: 12 }, updatedAt: "2026-11-20T19:00:00.000Z" };
      await saveWorkshopWithMutation(device.db, completed, uuidv7());
      await device.engine.sync();
      expect(await device.db.outbox.count()).toBe(0);
      expect((await device.db.workshops.get(workshop.id))?.syncState).toBe("sent");
      const row = await server.storage.db
        .selectFrom("workshops")
        .select("payload")
        .where("id", "=", workshop.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.payload).attendance).toEqual({ total: 12 });
      const linked = await server.storage.db
        .selectFrom("inputs")
        .select("payload")
        .where("device_id", "=", device.deviceId)
        .execute();
      expect(linked.map((input) => JSON.parse(input.payload).workshopId)).toEqual([workshop.id, workshop.id]);
    } finally {
      device.close();
    }
  });

  it("keeps a workshop the server refused in view, and a corrected save clears it", async () => {
    const device = await makeDevice(server.url, { codes: codesFor(server) });
    try {
      const wrong = makeWorkshop({ deviceId: device.deviceId, departmentCode: "13" });
      await saveWorkshopWithMutation(device.db, wrong, uuidv7());
      await device.engine.sync();
      expect(await device.db.workshops.get(wrong.id)).toMatchObject({
        syncState: "rejected",
        problem: { type: "urn:tejido:problem:workshop-rejected" },
      });
      expect(await attentionCount(device.db)).toBe(1);
      const fixed = { ...wrong, departmentCode: "14", updatedAt: "2026-11-20T20:00:00.000Z" };
      await saveWorkshopWithMutation(device.db, fixed, uuidv7());
      expect(await attentionCount(device.db)).toBe(0);
      await device.engine.sync();
      expect((await device.db.workshops.get(wrong.id))?.syncState).toBe("sent");
    } finally {
      device.close();
    }
  });

  it("keeps a revoked phone's inputs on the phone, says it was revoked, and the server quarantines them", async () => {
    const organizer = await staffSession(server, { email: "revoca@segeplan.gob.gt", role: "organizer" });
    const device = await makeDevice(server.url, { codes: codesFor(server) });
    try {
      await device.capture(1);
      await device.engine.sync();
      const revoked = await postJson(
        `${server.url}/api/v1/organizer/devices/${device.deviceId}/revoke`,
        {},
        organizer,
      );
      expect(revoked.status).toBe(200);
      await device.capture(2);
      const report = await device.engine.sync();
      expect(report).toMatchObject({ blocked: "revoked", waiting: 2 });
      expect(await device.db.outbox.count()).toBe(2);
      // It stops trying: the next exchanges push nothing (the quarantine keeps what it sent once).
      expect(await device.engine.sendable()).toBe(0);
      expect(await device.engine.sync()).toMatchObject({ blocked: "revoked", pushed: 0 });
      expect(await inputsOf(device.deviceId)).toHaveLength(1);
      const quarantined = await server.storage.db
        .selectFrom("quarantine")
        .select("raw")
        .where("device_id", "=", device.deviceId)
        .execute();
      expect(quarantined).toHaveLength(2);
    } finally {
      device.close();
    }
  });

  it("shows on the phone how each of its inputs was considered, once organizers answer them", async () => {
    const organizer = await staffSession(server, { email: "devolucion@segeplan.gob.gt", role: "organizer" });
    const device = await makeDevice(server.url, { codes: codesFor(server) });
    try {
      const [taken, left] = await device.capture(2);
      await device.engine.sync();
      const answered = await postJson(
        `${server.url}/api/v1/organizer/consultations/${taken!.consultationId}/dispositions`,
        {
          inputIds: [taken!.id],
          status: "incorporated",
          reason: "Se incluyó en el eje de trámites en línea.",
        },
        organizer,
      );
      expect(answered.status).toBe(200);
      const report = await device.engine.sync();
      expect(report.pulled).toBe(1);
      expect((await device.db.inputs.get(taken!.id))?.disposition).toMatchObject({
        status: "incorporated",
        reason: "Se incluyó en el eje de trámites en línea.",
      });
      expect((await device.db.inputs.get(left!.id))?.disposition).toBeUndefined();
    } finally {
      device.close();
    }
  });
});
