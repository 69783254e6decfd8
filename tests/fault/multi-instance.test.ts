// Two server processes on one PostgreSQL, phones alternating between them request by request,
// while an organizer publishes consultations: no input stored twice, no consultation missed.
import { uuidv7 } from "uuidv7";
import { afterAll, describe, expect, it } from "vitest";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";
import { dropSchema, openStorage } from "../../src/server/storage/database";
import { makeDevice } from "../support/client-device";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { TEST_BACKEND } from "../support/test-server";

const databaseUrl = process.env.DATABASE_URL ?? "";
const schema = `multi_${uuidv7().replaceAll("-", "")}`;
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  if (TEST_BACKEND === "postgres") await dropSchema(databaseUrl, schema);
});

describe.skipIf(TEST_BACKEND !== "postgres")("two server instances on one PostgreSQL", () => {
  it("phones alternating between instances store every input once and pull every consultation", async () => {
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema };
    // The first start migrates; the second finds the schema ready.
    servers.push(await spawnServer(env));
    servers.push(await spawnServer(env));
    const urls = servers.map((server) => server.url);
    const organizer = await openStorage({
      dataDir: servers[0]!.dataDir,
      databaseUrl,
      databaseSchema: schema,
    });

    try {
      const published: string[] = [];
      const publishing = (async () => {
        for (let i = 0; i < 30; i++) {
          const id = `0193a5b0-7c00-7000-8000-${String(300_000 + i).padStart(12, "0")}`;
          await saveConsultation(organizer.db, { ...demoConsultation("2026-11-06T00:00:00.000Z"), id });
          published.push(id);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();

      // Devices run one after another (fake-indexeddb settings are per process), each alternating instances.
      const results: { deviceId: string; captured: string[]; consultations: string[] }[] = [];
      for (let d = 0; d < 3; d++) {
        let turn = d;
        const device = await makeDevice("", {
          batchSize: 3,
          fetch: (url, init) => fetch(`${urls[turn++ % urls.length]}${String(url)}`, init),
        });
        try {
          const captured = (await device.capture(15)).map((input) => input.id);
          for (let round = 0; round < 3; round++) await device.engine.sync();
          results.push({
            deviceId: device.deviceId,
            captured,
            consultations: (await device.db.consultations.toArray()).map((row) => row.id),
          });
        } finally {
          device.close();
        }
      }
      await publishing;

      for (const { deviceId, captured } of results) {
        const rows = await organizer.db
          .selectFrom("inputs")
          .select("id")
          .where("device_id", "=", deviceId)
          .execute();
        expect(rows.map((row) => row.id).sort()).toEqual([...captured].sort());
      }
      // A fresh device pulling from cursor 0 across both instances sees every publication.
      let turn = 0;
      const late = await makeDevice("", {
        fetch: (url, init) => fetch(`${urls[turn++ % 2]}${String(url)}`, init),
      });
      try {
        await late.engine.sync();
        const ids = new Set((await late.db.consultations.toArray()).map((row) => row.id));
        expect(published.filter((id) => !ids.has(id))).toEqual([]);
      } finally {
        late.close();
      }
    } finally {
      await organizer.close();
    }
  });
});
