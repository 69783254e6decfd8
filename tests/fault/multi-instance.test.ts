// Two server processes on one PostgreSQL: phones push every batch to both at once and pull from either,
// while two organizers publish consultations: no input stored twice, no consultation missed.
import { uuidv7 } from "uuidv7";
import { afterAll, describe, expect, it } from "vitest";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { demoConsultation } from "../../src/server/consultations/demo-consultation";
import { dropSchema, openStorage } from "../../src/server/storage/database";
import { makeDevice } from "../support/client-device";
import { codesFor } from "../support/devices";
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
      // Two organizers publish at the same time, through the same database.
      const published: string[] = [];
      const publish = async (offset: number) => {
        for (let i = 0; i < 15; i++) {
          const id = `0193a5b0-7c00-7000-8000-${String(300_000 + offset + i).padStart(12, "0")}`;
          await saveConsultation(organizer.db, { ...demoConsultation("2026-11-06T00:00:00.000Z"), id });
          published.push(id);
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      };

      // Three phones at once. Each push reaches both instances at the same moment (a load balancer
      // retrying, say); the phone takes whichever answer comes first. Pulls alternate instances.
      const phone = async () => {
        let turn = 0;
        const device = await makeDevice("", {
          codes: codesFor({ storage: organizer }),
          enrolAt: urls[0]!,
          batchSize: 3,
          fetch: async (url, init) => {
            if (!String(url).includes("/push"))
              return fetch(`${urls[turn++ % urls.length]}${String(url)}`, init);
            const copies = urls.map((base) => fetch(`${base}${String(url)}`, { ...init, signal: undefined }));
            const first = await Promise.any(copies);
            await Promise.allSettled(copies);
            return first;
          },
        });
        try {
          const captured = (await device.capture(15)).map((input) => input.id);
          for (let round = 0; round < 3; round++) await device.engine.sync();
          return { deviceId: device.deviceId, captured };
        } finally {
          device.close();
        }
      };
      const [results] = await Promise.all([
        Promise.all([phone(), phone(), phone()]),
        publish(0),
        publish(100),
      ]);

      for (const { deviceId, captured } of results) {
        const rows = await organizer.db
          .selectFrom("inputs")
          .select("id")
          .where("device_id", "=", deviceId)
          .execute();
        expect(rows.map((row) => row.id).sort()).toEqual([...captured].sort());
        const applied = await organizer.db
          .selectFrom("mutations")
          .select("mutation_id")
          .where("device_id", "=", deviceId)
          .where("status", "=", "applied")
          .execute();
        expect(applied).toHaveLength(captured.length);
      }
      // A fresh device pulling from cursor 0 across both instances sees every publication.
      let turn = 0;
      const late = await makeDevice("", {
        fetch: (url, init) => fetch(`${urls[turn++ % 2]}${String(url)}`, init),
      });
      try {
        await late.engine.sync();
        const ids = new Set((await late.db.consultations.toArray()).map((row) => row.id));
        expect(published).toHaveLength(30);
        expect(published.filter((id) => !ids.has(id))).toEqual([]);
      } finally {
        late.close();
      }
    } finally {
      await organizer.close();
    }
  });
});
