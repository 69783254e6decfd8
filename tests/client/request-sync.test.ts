// Requests filed on a phone reach the real server exactly once through the sync engine, whatever happens to
// the answers; a refused one stays on the phone with its reason; the institution list is kept for offline use.

import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../src/client/db/outbox";
import { forgetTrackingCode, readerSha256Of, saveRequest } from "../../src/client/requests/request-store";
import { cachedStatus } from "../../src/client/requests/status-cache";
import { makeDevice } from "../support/client-device";
import { makeRequest, postJson, seededInstitution, staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const minfin = seededInstitution("MINFIN");
const serverRequests = () => server.storage.db.selectFrom("info_requests").select(["id", "folio"]).execute();

describe("information requests through the sync engine", () => {
  it("sends a request once even when the first answer is lost, and keeps the folio on the phone", async () => {
    let dropped = 0;
    // The first answer to a filing is lost after the server stored the request (the phone never sees it).
    const losingFetch: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (String(url).endsWith("/api/v1/requests") && dropped === 0) {
        dropped += 1;
        throw new TypeError("network connection lost");
      }
      return response;
    };
    const device = await makeDevice(server.url, { fetch: losingFetch });
    const request = makeRequest({ deviceId: device.deviceId, institutionId: minfin.id });
    await saveRequest(device.db, request, minfin.name);

    await expect(device.engine.sync()).rejects.toThrow();
    expect((await device.db.requests.get(request.id))?.state).toBe("pending");
    await device.engine.sync();

    const stored = await device.db.requests.get(request.id);
    const onServer = (await serverRequests()).filter((row) => row.id === request.id);
    expect(onServer).toHaveLength(1);
    expect(stored).toMatchObject({ state: "sent", folio: onServer[0]!.folio });
    expect(stored?.trackingCode).toBe(request.trackingCode.replaceAll("-", ""));
    device.close();
  });

  it("keeps a refused request on the phone with its reason, and sends the others", async () => {
    const device = await makeDevice(server.url);
    const refused = makeRequest({
      deviceId: device.deviceId,
      institutionId: "0190a000-0000-7000-8000-000000000001",
    });
    const fine = makeRequest({ deviceId: device.deviceId, institutionId: minfin.id });
    await saveRequest(device.db, refused, "Institución borrada");
    await saveRequest(device.db, fine, minfin.name);
    const report = await device.engine.sync();
    expect(report.rejected).toBe(1);
    expect(await device.db.requests.get(refused.id)).toMatchObject({
      state: "rejected",
      problem: { type: "urn:tejido:problem:unknown-institution" },
    });
    expect((await device.db.requests.get(fine.id))?.state).toBe("sent");
    device.close();
  });

  it("keeps a request answered 400 (it will never be taken as it is) with its reason, and does not re-send it", async () => {
    const posts: string[] = [];
    let refuseId: string | undefined;
    const device = await makeDevice(server.url, {
      fetch: (url, init) => {
        if (!String(url).endsWith("/api/v1/requests")) return fetch(url, init);
        posts.push(String(init?.body));
        // A gateway on the way that refuses this body for good, as problem+json.
        if (refuseId && String(init?.body).includes(refuseId))
          return Promise.resolve(
            new Response(JSON.stringify({ type: "about:blank", title: "Bad Request", status: 400 }), {
              status: 400,
              headers: { "content-type": "application/problem+json" },
            }),
          );
        return fetch(url, init);
      },
    });
    const refused = makeRequest({ deviceId: device.deviceId, createdAt: "2026-11-20T10:00:00.000Z" });
    const fine = makeRequest({ deviceId: device.deviceId, createdAt: "2026-11-20T11:00:00.000Z" });
    refuseId = refused.id;
    await saveRequest(device.db, refused, minfin.name);
    await saveRequest(device.db, fine, minfin.name);
    const report = await device.engine.sync();
    expect(report).toMatchObject({ pushed: 1, rejected: 1 });
    expect(await device.db.requests.get(refused.id)).toMatchObject({
      state: "rejected",
      problem: { status: 400 },
    });
    expect((await device.db.requests.get(fine.id))?.state).toBe("sent");
    await device.engine.sync();
    expect(posts).toHaveLength(2);
    expect(await device.engine.sendable()).toBe(0);
    device.close();
  });

  it("does not let one request the server cannot take hold back the others, and retries it later", async () => {
    let failing: string | undefined;
    const flaky: typeof fetch = async (url, init) => {
      if (String(url).endsWith("/api/v1/requests") && failing && String(init?.body).includes(failing)) {
        return new Response("boom", { status: 500 });
      }
      return fetch(url, init);
    };
    const device = await makeDevice(server.url, { fetch: flaky });
    const first = makeRequest({
      deviceId: device.deviceId,
      institutionId: minfin.id,
      createdAt: "2026-11-20T10:00:00.000Z",
    });
    const second = makeRequest({
      deviceId: device.deviceId,
      institutionId: minfin.id,
      createdAt: "2026-11-20T11:00:00.000Z",
    });
    await saveRequest(device.db, first, minfin.name);
    await saveRequest(device.db, second, minfin.name);
    failing = first.id;
    await expect(device.engine.sync()).rejects.toMatchObject({ kind: "server" });
    expect((await device.db.requests.get(first.id))?.state).toBe("pending");
    expect((await device.db.requests.get(second.id))?.state).toBe("sent");
    // The code of a request still waiting may not be erased: it travels with the request.
    expect(await forgetTrackingCode(device.db, first.id)).toBe(false);
    failing = undefined;
    await device.engine.sync();
    expect((await device.db.requests.get(first.id))?.state).toBe("sent");
    expect(await forgetTrackingCode(device.db, first.id)).toBe(true);
    expect((await device.db.requests.get(first.id))?.trackingCode).toBeNull();
    device.close();
  });

  it("keeps the institution list on the phone from the pull, and follows an admin's changes", async () => {
    const mem = seededInstitution("MEM");
    const device = await makeDevice(server.url);
    await device.engine.sync();
    const seeded = await device.db.institutions.count();
    expect(seeded).toBeGreaterThanOrEqual(370);
    expect((await device.db.institutions.get(mem.id))?.name).toBe(mem.name);

    const admin = await staffSession(server, { email: "catalogo@segeplan.gob.gt", role: "admin" });
    const edited = await fetch(`${server.url}/api/v1/admin/institutions/${mem.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({
        name: "Ministerio de Energía y Minas (sede central)",
        acronym: "MEM",
        kind: "ministry",
        territoryCode: null,
        active: true,
      }),
    });
    expect(edited.status).toBe(200);
    const report = await device.engine.sync();
    // Only what changed travels: one institution, not the whole list again.
    expect(report.pulled).toBe(1);
    expect((await device.db.institutions.get(mem.id))?.name).toBe(
      "Ministerio de Energía y Minas (sede central)",
    );

    await fetch(`${server.url}/api/v1/admin/institutions/${mem.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({
        name: mem.name,
        acronym: "MEM",
        kind: "ministry",
        territoryCode: null,
        active: false,
      }),
    });
    await device.engine.sync();
    // An institution that takes no requests leaves the list requests are filed against.
    expect(await device.db.institutions.get(mem.id)).toBeUndefined();
    expect(await device.db.institutions.count()).toBe(seeded - 1);
    device.close();
  });

  it("tells the phone that filed a request when its status changes, with no folio or code typed", async () => {
    const officer = await staffSession(server, {
      email: "uip@minfin.gob.gt",
      role: "officer",
      institutionId: minfin.id,
    });
    const device = await makeDevice(server.url);
    const readerKey = await device.settings.ensureReaderKey();
    const request = makeRequest({
      deviceId: device.deviceId,
      institutionId: minfin.id,
      readerSha256: await readerSha256Of(readerKey),
    });
    await saveRequest(device.db, request, minfin.name);
    await device.engine.sync();
    expect((await device.db.requests.get(request.id))?.status).toBeUndefined();

    const answer = await postJson(
      `${server.url}/api/v1/officer/requests/${request.id}/actions`,
      { action: "answer", outcome: "delivered", text: "Adjuntamos el presupuesto ejecutado de 2025." },
      officer,
    );
    expect(answer.status).toBe(200);
    await device.engine.sync();
    expect(await device.db.requests.get(request.id)).toMatchObject({ state: "sent", status: "delivered" });

    // Another phone, with its own key, learns nothing of it.
    const other = await makeDevice(server.url);
    await other.settings.ensureReaderKey();
    await other.db.requests.add({ ...(await device.db.requests.get(request.id))!, status: undefined });
    await other.engine.sync();
    expect((await other.db.requests.get(request.id))?.status).toBeUndefined();
    device.close();
    other.close();
  });

  it("sends a clarification saved on the phone once, even when its first answer is lost, and keeps a refused one", async () => {
    const officer = await staffSession(server, {
      email: "uip2@minfin.gob.gt",
      role: "officer",
      institutionId: minfin.id,
    });
    const request = makeRequest({ institutionId: minfin.id });
    const filed = (await (await postJson(`${server.url}/api/v1/requests`, request)).json()) as {
      folio: string;
    };
    const asked = await postJson(
      `${server.url}/api/v1/officer/requests/${request.id}/actions`,
      { action: "clarify", days: 5, text: "¿De qué año necesita el dato?" },
      officer,
    );
    expect(asked.status).toBe(200);

    let lost = 0;
    const device = await makeDevice(server.url, {
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        // The server stores the first reply, and its answer never reaches the phone.
        if (String(url).endsWith("/api/v1/requests/clarification") && lost++ === 0)
          throw new TypeError("network connection lost");
        return response;
      },
    });
    const save = (text: string) =>
      device.db.transaction("rw", device.db.outbox, () =>
        enqueue(device.db, {
          kind: "reply",
          reply: { id: uuidv7(), folio: filed.folio, trackingCode: request.trackingCode, text },
        }),
      );
    await save("Del año 2025, por favor.");
    await expect(device.engine.sync()).rejects.toThrow();
    expect(await device.db.outbox.where("[kind+status]").equals(["reply", "pending"]).count()).toBe(1);
    await device.engine.sync();
    expect(await device.db.outbox.where("kind").equals("reply").count()).toBe(0);
    const events = await server.storage.db
      .selectFrom("request_events")
      .select("event")
      .where("request_id", "=", request.id)
      .where("event", "=", "clarified")
      .execute();
    expect(events).toHaveLength(1);
    // What the server answered is what the status page shows offline now.
    expect(await cachedStatus(filed.folio, request.trackingCode)).toMatchObject({
      status: "in_process",
      clarification: { reply: "Del año 2025, por favor." },
    });

    // A second reply is not awaited: kept on the phone, marked, with the server's reason; never re-sent.
    await save("Y también de 2024.");
    const report = await device.engine.sync();
    expect(report.rejected).toBe(1);
    const [refused] = await device.db.outbox.where("[kind+status]").equals(["reply", "rejected"]).toArray();
    expect(refused?.problem?.type).toBe("urn:tejido:problem:clarification-closed");
    device.close();
  });
});
