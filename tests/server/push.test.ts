// The push route over real HTTP with a real SQLite file: idempotency, partial rejection, malformed bodies.
import { gzipSync } from "node:zlib";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import { signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import { Uuid } from "../../src/domain/primitives";
import { problemTypeUri } from "../../src/domain/problem";
import type { PushResponse } from "../../src/domain/sync-messages";
import { codesFor, enrol } from "../support/devices";
import { makeInput, makeMutation } from "../support/factories";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.dispose());

// Each device id in these tests is enrolled once, over HTTP, the first time it pushes.
const identities = new Map<string, Promise<DeviceIdentity>>();
const identityFor = (deviceId: string) => {
  if (!identities.has(deviceId)) identities.set(deviceId, enrol(server.url, codesFor(server), deviceId));
  return identities.get(deviceId)!;
};
const UUID = /"deviceId":"([0-9a-f-]{36})"/;

/** Signs, as the device's own key, each mutation that has a payload and no signature yet. */
async function signed<T>(deviceId: string, mutation: T): Promise<T> {
  const payload = (mutation as { payload?: unknown } | null)?.payload;
  if (typeof payload !== "object" || payload === null || (mutation as { signature?: string }).signature)
    return mutation;
  const identity = await identityFor(deviceId);
  return { ...mutation, signature: await signText(identity.privateKey, canonicalJson(payload)) };
}
async function signBatch<T extends { deviceId: string; mutations: unknown[] }>(batch: T): Promise<T> {
  return { ...batch, mutations: await Promise.all(batch.mutations.map((m) => signed(batch.deviceId, m))) };
}

/** Pushes as the enrolled device the body names (signing its mutations), or as a spare one for raw bodies. */
async function push(body: unknown, init: RequestInit = {}, as?: string) {
  const deviceId =
    as ??
    (typeof body === "object" &&
    body !== null &&
    typeof (body as { deviceId?: unknown }).deviceId === "string"
      ? (body as { deviceId: string }).deviceId
      : (UUID.exec(typeof body === "string" ? body : "")?.[1] ?? SPARE_DEVICE));
  const identity = await identityFor(Uuid.safeParse(deviceId).success ? deviceId : SPARE_DEVICE);
  const payload =
    typeof body === "string"
      ? body
      : JSON.stringify(
          Array.isArray((body as { mutations?: unknown }).mutations)
            ? await signBatch(body as { deviceId: string; mutations: unknown[] })
            : body,
        );
  const { headers, ...rest } = init;
  return fetch(`${server.url}/api/v1/sync/push`, {
    method: "POST",
    body: payload,
    ...rest,
    headers: {
      "content-type": "application/json",
      ...(headers as Record<string, string> | undefined),
      authorization: `Bearer ${identity.token}`,
    },
  });
}
const SPARE_DEVICE = uuidv7();

const countInputs = async () =>
  Number(
    (
      await server.storage.db
        .selectFrom("inputs")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("POST /api/v1/sync/push", () => {
  it("re-sending a batch answers duplicate and stores each input once", async () => {
    const deviceId = uuidv7();
    const inputs = [1, 2, 3].map(() => makeInput({ deviceId }));
    const batch = { deviceId, mutations: inputs.map((input, i) => makeMutation(input, i + 1)) };
    const before = await countInputs();

    const first = await push(batch);
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as PushResponse;
    expect(firstBody.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);

    const second = await push(batch);
    const secondBody = (await second.json()) as PushResponse;
    expect(secondBody.results.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(secondBody.results.map((r) => r.mutationId)).toEqual(batch.mutations.map((m) => m.mutationId));
    expect(await countInputs()).toBe(before + 3);

    const stored = await server.storage.db
      .selectFrom("inputs")
      .select(["id", "payload"])
      .where(
        "id",
        "in",
        inputs.map((input) => input.id),
      )
      .execute();
    expect(stored).toHaveLength(3);
    expect(JSON.parse(stored.find((row) => row.id === inputs[0]!.id)!.payload)).toEqual(inputs[0]);
  });

  it("stores a mutation repeated inside one batch once, answering applied then duplicate", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId }), 1);
    const before = await countInputs();
    const body = (await (await push({ deviceId, mutations: [mutation, mutation] })).json()) as PushResponse;
    expect(body.results.map((r) => r.status)).toEqual(["applied", "duplicate"]);
    expect(await countInputs()).toBe(before + 1);
  });

  it("answers every copy of a mutation in one batch as the first copy finally was", async () => {
    const deviceId = uuidv7();
    const original = makeInput({ deviceId });
    await push({ deviceId, mutations: [makeMutation(original, 1)] });
    // Same record id, other content, sent twice under one new mutationId: a conflict both times.
    const conflicting = makeMutation({ ...original, freeText: "otra cosa" }, 2);
    const body = (await (
      await push({ deviceId, mutations: [conflicting, conflicting] })
    ).json()) as PushResponse;
    expect(body.results.map((r) => [r.status, r.problem?.type])).toEqual([
      ["rejected", problemTypeUri("record-conflict")],
      ["rejected", problemTypeUri("record-conflict")],
    ]);
  });

  it("quarantines a reused mutation id and keeps an id that is not a UUID out of the answer", async () => {
    const deviceId = uuidv7();
    const original = makeMutation(makeInput({ deviceId }), 1);
    await push({ deviceId, mutations: [original] });
    const forged = { ...original, payload: { ...original.payload, freeText: "otra" } };
    await push({ deviceId, mutations: [forged] });
    const rows = await server.storage.db
      .selectFrom("quarantine")
      .select("problem")
      .where("device_id", "=", deviceId)
      .execute();
    expect(rows.map((row) => JSON.parse(row.problem).type)).toEqual([problemTypeUri("mutation-id-reused")]);

    const good = makeMutation(makeInput({ deviceId }), 2);
    const nul = { mutationId: "bad\u0000id", type: "input.create" };
    const answer = (await (await push({ deviceId, mutations: [nul, good] })).json()) as PushResponse;
    expect(answer.results.map((r) => [r.mutationId, r.status])).toEqual([
      [null, "rejected"],
      [good.mutationId, "applied"],
    ]);
  });

  it("ignores envelope fields it does not know, so newer clients are not refused", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId }), 1);
    const response = await push({ deviceId, protocol: 2, compression: "none", mutations: [mutation] });
    expect(response.status).toBe(200);
    expect(((await response.json()) as PushResponse).results[0]!.status).toBe("applied");
  });

  it("keeps an outdated client's data and tells it to update", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId }), 1);
    const body = (await (
      await push({ deviceId, protocol: 0, mutations: [mutation] })
    ).json()) as PushResponse;
    expect(body.results[0]!.status).toBe("applied");
    expect(body.clientUpdate).toBe("required");
    const current = (await (
      await push({ deviceId, protocol: 1, mutations: [mutation] })
    ).json()) as PushResponse;
    expect(current.clientUpdate).toBeUndefined();
    const pull = await (await fetch(`${server.url}/api/v1/sync/pull?cursor=0&protocol=0`)).json();
    expect(pull.clientUpdate).toBe("required");
  });

  it("applies the valid mutations of a batch and rejects the bad one with a problem", async () => {
    const deviceId = uuidv7();
    const good1 = makeMutation(makeInput({ deviceId }), 1);
    const bad = makeMutation(makeInput({ deviceId, answers: { "canal-preferido": "por-paloma" } }), 2);
    const good2 = makeMutation(makeInput({ deviceId }), 3);
    const before = await countInputs();

    const response = await push({ deviceId, mutations: [good1, bad, good2] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as PushResponse;
    expect(body.results.map((r) => r.status)).toEqual(["applied", "rejected", "applied"]);
    const problem = body.results[1]!.problem!;
    expect(problem.type).toBe(problemTypeUri("input-rejected"));
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/payload/answers/tramite-dificil", code: "required" },
        { pointer: "/payload/answers/canal-preferido", code: "unknown_option" },
      ]),
    );
    expect(await countInputs()).toBe(before + 2);
  });

  it("rejects a structurally broken mutation by its position without blocking the others", async () => {
    const deviceId = uuidv7();
    const good = makeMutation(makeInput({ deviceId }), 1);
    const response = await push({
      deviceId,
      mutations: [{ mutationId: 42, type: "input.create" }, "nonsense", good],
    });
    const body = (await response.json()) as PushResponse;
    expect(body.results.map((r) => [r.index, r.status])).toEqual([
      [0, "rejected"],
      [1, "rejected"],
      [2, "applied"],
    ]);
    expect(body.results[0]!.mutationId).toBeNull();
    expect(body.results[0]!.problem!.type).toBe(problemTypeUri("invalid-mutation"));
    expect(body.results[0]!.problem!.errors!.map((e) => e.pointer)).toContain("/mutationId");
  });

  it("keeps every rejected mutation raw in quarantine, once, and answers a re-send the same way", async () => {
    const deviceId = uuidv7();
    // Signed once, as the phone keeps its signature with the outbox entry: a re-send is the same bytes.
    const bad = await signed(
      deviceId,
      makeMutation(makeInput({ deviceId, answers: { "canal-preferido": "por-paloma" } }), 1),
    );
    const broken = await signed(deviceId, {
      mutationId: uuidv7(),
      type: "input.create",
      payload: { answers: 7 },
    });
    const quarantined = () =>
      server.storage.db.selectFrom("quarantine").selectAll().where("device_id", "=", deviceId).execute();

    const first = (await (await push({ deviceId, mutations: [bad, broken] })).json()) as PushResponse;
    const again = (await (await push({ deviceId, mutations: [bad, broken] })).json()) as PushResponse;

    expect(again.results).toEqual(first.results);
    const rows = await quarantined();
    expect(rows).toHaveLength(2);
    const badRow = rows.find((row) => row.mutation_id === bad.mutationId)!;
    expect(JSON.parse(badRow.raw)).toEqual(bad);
    expect(JSON.parse(badRow.problem).type).toBe(problemTypeUri("input-rejected"));
    const brokenRow = rows.find((row) => row.mutation_id === broken.mutationId)!;
    expect(JSON.parse(brokenRow.raw)).toEqual(broken);
  });

  it("answers the same mutation pushed concurrently once applied, otherwise duplicate, never an error", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId }), 1);
    const before = await countInputs();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => push({ deviceId, mutations: [mutation] })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const statuses = await Promise.all(
      responses.map(async (response) => ((await response.json()) as PushResponse).results[0]!.status),
    );
    expect(statuses.filter((status) => status === "applied")).toHaveLength(1);
    expect(statuses.filter((status) => status === "duplicate")).toHaveLength(7);
    expect(await countInputs()).toBe(before + 1);
  });

  it("refuses to reuse a mutation id for different content", async () => {
    const deviceId = uuidv7();
    const original = makeMutation(makeInput({ deviceId }), 1);
    await push({ deviceId, mutations: [original] });
    const forged = { ...original, payload: { ...original.payload, freeText: "otra cosa" } };
    const body = (await (await push({ deviceId, mutations: [forged] })).json()) as PushResponse;
    expect(body.results[0]!.status).toBe("rejected");
    expect(body.results[0]!.problem!.type).toBe(problemTypeUri("mutation-id-reused"));
    const row = await server.storage.db
      .selectFrom("inputs")
      .select("payload")
      .where("id", "=", original.recordId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).freeText).toBe(original.payload.freeText);
  });

  it("rejects an input for a consultation version the server does not have", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId, consultationVersion: 7 }), 1);
    const body = (await (await push({ deviceId, mutations: [mutation] })).json()) as PushResponse;
    expect(body.results[0]!.problem!.type).toBe(problemTypeUri("unknown-consultation"));
  });

  it("rejects an input that claims another device", async () => {
    const deviceId = uuidv7();
    const mutation = makeMutation(makeInput({ deviceId: uuidv7() }), 1);
    const body = (await (await push({ deviceId, mutations: [mutation] })).json()) as PushResponse;
    expect(body.results[0]!.status).toBe("rejected");
    expect(body.results[0]!.problem!.errors).toContainEqual({
      pointer: "/payload/deviceId",
      code: "mismatch",
    });
  });

  it("answers malformed JSON with a 400 problem and changes nothing", async () => {
    const before = await countInputs();
    const response = await push('{"deviceId": "x", "mutations": [');
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = await response.json();
    expect(problem).toMatchObject({ type: problemTypeUri("malformed-json"), status: 400 });
    expect(await countInputs()).toBe(before);
  });

  it("answers an oversize body with a 413 problem and changes nothing", async () => {
    const before = await countInputs();
    const deviceId = uuidv7();
    const mutations = Array.from({ length: 40 }, (_, i) =>
      makeMutation(makeInput({ deviceId, freeText: "x".repeat(2_000) }), i + 1),
    );
    const response = await push({ deviceId, mutations });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: problemTypeUri("payload-too-large"), status: 413 });
    expect(await countInputs()).toBe(before);
  });

  it("answers an oversize body sent without Content-Length (chunked) with 413", async () => {
    const big = JSON.stringify({ deviceId: uuidv7(), mutations: ["y".repeat(100_000)] });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await push("", { body: stream, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
  });

  it("answers a request that is not JSON with 415, and a bad envelope with 400", async () => {
    const notJson = await push("deviceId=1", { headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
    expect((await notJson.json()).type).toBe(problemTypeUri("unsupported-media-type"));

    const badEnvelope = await push({ deviceId: "not-a-uuid", mutations: [] });
    expect(badEnvelope.status).toBe(400);
    const problem = await badEnvelope.json();
    expect(problem.type).toBe(problemTypeUri("invalid-request"));
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(["/deviceId", "/mutations"]),
    );
  });
});

describe("POST /api/v1/sync/push with gzip bodies", () => {
  it("accepts a gzip body and applies it like a plain one", async () => {
    const deviceId = uuidv7();
    const batch = await signBatch({ deviceId, mutations: [makeMutation(makeInput({ deviceId }), 1)] });
    const response = await push(
      "",
      {
        body: gzipSync(JSON.stringify(batch)),
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
      },
      deviceId,
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as PushResponse).results[0]!.status).toBe("applied");
  });

  it("stops a gzip bomb at the size limit with a 413 problem, and still serves the next request", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)); // 50 MB of spaces in ~50 KB
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const response = await push("", {
      body: bomb,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });
    expect(response.status).toBe(413);
    expect((await response.json()).type).toBe(problemTypeUri("payload-too-large"));
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it("answers damaged gzip with 400 and an unknown encoding with 415", async () => {
    const damaged = gzipSync(JSON.stringify({ deviceId: uuidv7(), mutations: [] })).subarray(0, 20);
    const broken = await push("", {
      body: damaged,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toMatch(/^application\/problem\+json/);

    const brotli = await push("{}", {
      headers: { "content-type": "application/json", "content-encoding": "br" },
    });
    expect(brotli.status).toBe(415);
  });
});

describe("POST /api/v1/sync/push with hostile batches", () => {
  it("rejects wrong types, huge strings, unknown fields and absurd nesting one by one, applying the valid ones", async () => {
    const deviceId = uuidv7();
    const good1 = await signed(deviceId, makeMutation(makeInput({ deviceId }), 1));
    const good2 = await signed(deviceId, makeMutation(makeInput({ deviceId }), 7));
    const wrongTypes = { ...makeMutation(makeInput({ deviceId }), 2), seq: "two", recordId: 42 };
    const huge = makeMutation(makeInput({ deviceId, freeText: "ñ".repeat(12_000) }), 3);
    const unknownField = { ...makeMutation(makeInput({ deviceId }), 4), admin: true };
    const unknownPayloadField = makeMutation(makeInput({ deviceId }), 5);
    (unknownPayloadField.payload as unknown as Record<string, unknown>).role = "organizer";
    const polluted = JSON.parse(`{"mutationId":"${uuidv7()}","__proto__":{"polluted":true}}`);
    const deep = `${"[".repeat(8_000)}${"]".repeat(8_000)}`;
    const body = `{"deviceId":"${deviceId}","mutations":[${[
      good1,
      wrongTypes,
      huge,
      unknownField,
      unknownPayloadField,
      polluted,
    ]
      .map((m) => JSON.stringify(m))
      .join(",")},${deep},${JSON.stringify(good2)}]}`;
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);

    const response = await push(body);
    expect(response.status).toBe(200);
    const results = ((await response.json()) as PushResponse).results;
    expect(results.map((r) => r.status)).toEqual([
      "applied",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "applied",
    ]);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect(result.problem?.type).toBe(problemTypeUri("invalid-mutation"));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const quarantined = await server.storage.db
      .selectFrom("quarantine")
      .select("id")
      .where("device_id", "=", deviceId)
      .execute();
    expect(quarantined).toHaveLength(6);
  });
});
