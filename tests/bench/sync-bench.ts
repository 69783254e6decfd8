// Sync figures over loopback against the real server process: ingest rate, wire bytes per input, pulling 100k changes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import "fake-indexeddb/auto";
import { uuidv7 } from "uuidv7";
import { TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import { settings } from "../../src/client/storage/settings";
import { createSyncEngine } from "../../src/client/sync/sync-engine";
import { APP_TRANSPORTS } from "../../src/client/sync/transports";
import type { Consultation } from "../../src/domain/consultation";
import type { Input } from "../../src/domain/input";
import { PullResponse } from "../../src/domain/sync-messages";
import { dropSchema, openStorage } from "../../src/server/storage/database";
import { codesForProcess, enrol, signedMutation } from "../support/devices";
import { makeInput } from "../support/factories";
import { seeded } from "../support/seeded";
import { type ServerProcess, spawnServer } from "../support/spawn-server";

const WORDS =
  "agua camino escuela salud municipio trámite internet señal oficina cédula registro comunidad mercado cosecha maíz frijol lluvia puente clínica maestra niños mujeres ancianos transporte bus caserío aldea alcalde información derecho pedir respuesta tiempo".split(
    " ",
  );

/** Inputs with varied, realistic text: identical ones would compress unrealistically well. */
export function realisticInputs(count: number, deviceId: string, seed = 7): Input[] {
  const random = seeded(seed);
  const sentence = (words: number) =>
    Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  const channels = ["en-persona", "telefono", "internet", "municipalidad"];
  return Array.from({ length: count }, () =>
    makeInput({
      deviceId,
      answers: {
        "tramite-dificil": sentence(3 + Math.floor(random() * 5)),
        "canal-preferido": channels[Math.floor(random() * channels.length)]!,
        propuesta: sentence(10 + Math.floor(random() * 30)),
      },
      freeText: sentence(Math.floor(random() * 20)),
      createdAt: new Date(Date.UTC(2026, 10, 20) + Math.floor(random() * 86_400_000)).toISOString(),
    }),
  );
}

export interface Backend {
  name: "sqlite" | "postgres";
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  return { name: "sqlite", env: {}, cleanup: async () => undefined };
}

export function postgresBackend(databaseUrl: string): Backend {
  const schema = `bench_${uuidv7().replaceAll("-", "")}`;
  return {
    name: "postgres",
    env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema },
    cleanup: () => dropSchema(databaseUrl, schema),
  };
}

/** Inputs per second the server stores, pushed in full batches by several devices at once. */
export async function measureIngest(
  backend: Backend,
  total = 20_000,
  devices = 4,
  batch = 200,
): Promise<number> {
  const server = await spawnServer({ ...backend.env, LOG_LEVEL: "info" });
  try {
    const perDevice = Math.ceil(total / devices);
    const codes = codesForProcess({
      dataDir: server.dataDir,
      ...(backend.env.DATABASE_URL
        ? { databaseUrl: backend.env.DATABASE_URL, databaseSchema: backend.env.DATABASE_SCHEMA }
        : {}),
    });
    // Enrolled phones, and bodies signed before the clock starts: this measures the server (signature
    // checks included), not the test's JSON or WebCrypto.
    const phones = await Promise.all(
      Array.from({ length: devices }, async () => {
        const identity = await enrol(server.url, codes);
        const mutations = await Promise.all(
          realisticInputs(perDevice, identity.deviceId).map((input, i) =>
            signedMutation(identity, input, i + 1),
          ),
        );
        const chunks: string[] = [];
        for (let i = 0; i < mutations.length; i += batch) {
          chunks.push(
            JSON.stringify({ deviceId: identity.deviceId, mutations: mutations.slice(i, i + batch) }),
          );
        }
        return { token: identity.token, chunks };
      }),
    );
    const started = performance.now();
    await Promise.all(
      phones.map(async ({ token, chunks }) => {
        for (const body of chunks) {
          const response = await fetch(`${server.url}/api/v1/sync/push`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body,
          });
          const answer = (await response.json()) as { results: { status: string }[] };
          if (!response.ok || answer.results.some((result) => result.status !== "applied")) {
            throw new Error(`ingest: unexpected answer ${response.status}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return Math.round((perDevice * devices) / seconds);
  } finally {
    await server.stop();
    await backend.cleanup();
  }
}

/** Bytes on the wire per synced input (request line, headers and gzip body), over the gzip size of its JSON. */
export async function measureWireRatio(count = 1_000): Promise<number> {
  const server = await spawnServer();
  const db = new TejidoDatabase(`bench-${uuidv7()}`);
  try {
    const deviceId = await settings.getDeviceId();
    await settings.setIdentity(
      await enrol(server.url, codesForProcess({ dataDir: server.dataDir }), deviceId),
    );
    const inputs = realisticInputs(count, deviceId, 11);
    for (const input of inputs) await saveInputWithMutation(db, input, uuidv7());
    let wire = 0;
    const engine = createSyncEngine({
      db,
      settings,
      transports: APP_TRANSPORTS,
      baseUrl: server.url,
      fetch: async (url, init) => {
        if (String(url).includes("/push")) {
          const headers = new Headers(init?.headers);
          let headerBytes = `POST ${new URL(String(url)).pathname} HTTP/1.1\r\nHost: tejido.example\r\n`
            .length;
          headers.forEach((value, name) => {
            headerBytes += `${name}: ${value}\r\n`.length;
          });
          const body = init?.body;
          const bodyBytes =
            typeof body === "string" ? Buffer.byteLength(body) : (body as Uint8Array).byteLength;
          wire += headerBytes + `content-length: ${bodyBytes}\r\n\r\n`.length + bodyBytes;
        }
        return fetch(url, init);
      },
    });
    await engine.sync();
    if ((await db.outbox.count()) !== 0) throw new Error("wire: not everything was sent");
    const gzipPerInput =
      inputs.reduce((sum, input) => sum + gzipSync(JSON.stringify(input)).byteLength, 0) / count;
    return Number((wire / count / gzipPerInput).toFixed(3));
  } finally {
    db.close();
    await server.stop();
  }
}

function smallConsultation(i: number): Consultation {
  return {
    id: `0193a5b0-7c00-7000-8000-${String(1_000_000 + i).padStart(12, "0")}`,
    version: 1,
    status: "open",
    updatedAt: "2026-11-25T12:00:00.000Z",
    title: { es: `Consulta ${i}` },
    description: { es: "Consulta de prueba" },
    rules: { es: "Reglas" },
    themes: [
      {
        id: "tema",
        title: { es: "Tema" },
        questions: [{ id: "q", type: "long_text", required: true, label: { es: "¿Qué opina?" } }],
      },
    ],
  };
}

/** Milliseconds for a device to pull 100,000 changes from cursor 0, validating every page as the app does. */
export async function measurePull(changes = 100_000): Promise<number> {
  let server: ServerProcess | undefined;
  const seedDir = mkdtempSync(path.join(tmpdir(), "tejido-pull-"));
  try {
    // Seed the changelog straight through the storage layer; the server then starts on that data.
    const storage = await openStorage({ dataDir: seedDir });
    const rows = Array.from({ length: changes }, (_, i) => smallConsultation(i));
    for (let i = 0; i < rows.length; i += 1_000) {
      const slice = rows.slice(i, i + 1_000);
      await storage.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("consultations")
          .values(
            slice.map((c) => ({
              id: c.id,
              version: 1,
              status: "open",
              data: JSON.stringify(c),
              updated_at: c.updatedAt,
            })),
          )
          .execute();
        await trx
          .insertInto("changes")
          .values(
            slice.map((c) => ({
              entity: "consultation",
              entity_id: c.id,
              entity_version: 1,
              changed_at: c.updatedAt,
            })),
          )
          .execute();
      });
    }
    await storage.close();
    server = await spawnServer({ DATA_DIR: seedDir });
    const started = performance.now();
    let cursor = "0";
    let pulled = 0;
    for (;;) {
      const response = await fetch(`${server.url}/api/v1/sync/pull?cursor=${cursor}`, {
        headers: { "accept-encoding": "gzip" },
      });
      const page = PullResponse.parse(await response.json());
      pulled += page.changes.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const elapsed = performance.now() - started;
    // The demo consultation is seeded too.
    if (pulled < changes) throw new Error(`pull: got ${pulled} of ${changes} changes`);
    return Math.round(elapsed);
  } finally {
    await server?.stop();
    rmSync(seedDir, { recursive: true, force: true });
  }
}
