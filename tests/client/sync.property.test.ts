// Property: whatever the network does to pushes, every captured input reaches the server exactly once
// (or stays on the phone, shown as needing attention), and no outbox entry leaves before it was acknowledged.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDevice, mutationOf, recordingAcknowledgements } from "../support/client-device";
import { codesFor } from "../support/devices";
import { startTestServer, type TestServer } from "../support/test-server";

type Fault = "none" | "request-lost" | "answer-lost" | "server-error" | "too-large";
type Step = { kind: "capture"; count: number } | { kind: "sync"; fault: Fault };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("capture" as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant("sync" as const),
    fault: fc.constantFrom<Fault>("none", "request-lost", "answer-lost", "server-error", "too-large"),
  }),
);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe("sync under network faults (property)", () => {
  it("delivers every input exactly once and never drops an unacknowledged entry", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (steps, batchSize) => {
          let fault: Fault = "none";
          const acknowledged = new Set<string>();
          const device = await makeDevice(server.url, {
            codes: codesFor(server),
            batchSize,
            // The faulty network sits below the recorder: only answers that reach the phone count as acks.
            fetch: recordingAcknowledgements(acknowledged, async (url, init) => {
              const isPush = String(url).includes("/push");
              const current = isPush ? fault : "none";
              if (isPush) fault = "none";
              if (current === "request-lost") throw new TypeError("network down before the server");
              if (current === "server-error") return new Response("bad gateway", { status: 502 });
              if (current === "too-large") return new Response("{}", { status: 413 });
              const response = await fetch(url, init);
              if (current === "answer-lost" && response.ok) {
                throw new TypeError("connection reset after the server committed");
              }
              return response;
            }),
          });
          try {
            const captured: string[] = [];
            for (const s of steps) {
              if (s.kind === "capture") {
                captured.push(...(await device.capture(s.count)).map((input) => input.id));
              } else {
                fault = s.fault;
                const before = await device.db.outbox.toArray();
                await device.engine.sync().catch(() => undefined);
                const after = new Set(
                  (await device.db.outbox.toArray()).map((entry) => mutationOf(entry).mutationId),
                );
                for (const entry of before) {
                  if (!after.has(mutationOf(entry).mutationId))
                    expect(acknowledged.has(mutationOf(entry).mutationId)).toBe(true);
                }
              }
            }
            // The network heals: one clean sync leaves nothing pending. A lone mutation answered 413 stays
            // on the phone marked for attention: it is kept and shown, never dropped nor retried forever.
            fault = "none";
            await device.engine.sync();
            const left = await device.db.outbox.toArray();
            expect(left.every((entry) => entry.status === "rejected")).toBe(true);
            const kept = left.map((entry) => mutationOf(entry).recordId);
            const onServer = await server.storage.db
              .selectFrom("inputs")
              .select("id")
              .where("device_id", "=", device.deviceId)
              .execute();
            const delivered = onServer.map((row) => row.id);
            // Each input is in exactly one place: on the server once, or on the phone needing attention.
            expect([...delivered, ...kept].sort()).toEqual([...captured].sort());
            const mutations = await server.storage.db
              .selectFrom("mutations")
              .select("mutation_id")
              .where("device_id", "=", device.deviceId)
              .execute();
            expect(mutations).toHaveLength(delivered.length);
          } finally {
            device.close();
          }
        },
      ),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
  });
});
