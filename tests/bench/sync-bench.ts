// Sync figures over loopback against the real server process: ingest rate, wire bytes per input, pulling 100k changes.
import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import "fake-indexeddb/auto";
import SqliteDatabase from "better-sqlite3";
import { uuidv7 } from "uuidv7";
import { TejidoDatabase } from "../../src/client/db/database";
import { saveInputWithMutation } from "../../src/client/db/outbox";
import { newKeyPair, signText } from "../../src/client/enrol/device-identity";
import { settings } from "../../src/client/storage/settings";
import { createSyncEngine } from "../../src/client/sync/sync-engine";
import { APP_TRANSPORTS } from "../../src/client/sync/transports";
import { canonicalJson } from "../../src/domain/canonical-json";
import type { Consultation } from "../../src/domain/consultation";
import type { Input } from "../../src/domain/input";
import { PullResponse } from "../../src/domain/sync-messages";
import { sha256Hex } from "../../src/server/hash";
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

/**
 * This machine's floor for ingest, serially on one thread, with no HTTP: what cannot be skipped for an input
 * the server keeps. Each signature checked (ECDSA P-256, as the server checks it), the payload hashed, and the
 * same two rows (mutations, inputs) written in a transaction per batch, durable (WAL, synchronous = FULL),
 * through prepared statements. Inputs per second.
 */
export async function measureIngestFloor(total = 20_000, batch = 200): Promise<number> {
  const deviceId = uuidv7();
  const pair = await newKeyPair();
  const key = createPublicKey({
    key: (await crypto.subtle.exportKey("jwk", pair.publicKey)) as never,
    format: "jwk",
  });
  const inputs = realisticInputs(total, deviceId, 13);
  const texts = inputs.map((input) => canonicalJson(input));
  const signatures = await Promise.all(texts.map((text) => signText(pair.privateKey, text)));
  const dataDir = mkdtempSync(path.join(tmpdir(), "tejido-floor-"));
  try {
    await (await openStorage({ dataDir })).close();
    const db = new SqliteDatabase(path.join(dataDir, "tejido.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    const mutation = db.prepare(
      "insert into mutations (mutation_id, device_id, seq, type, record_id, payload_sha256, status, problem, received_at) values (?, ?, ?, 'input.create', ?, ?, 'applied', null, ?)",
    );
    const input = db.prepare(
      "insert into inputs (id, consultation_id, consultation_version, theme_id, device_id, mutation_id, payload, payload_sha256, created_at, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const mutationIds = inputs.map(() => uuidv7());
    const started = performance.now();
    for (let first = 0; first < total; first += batch) {
      const receivedAt = new Date().toISOString();
      const kept: number[] = [];
      for (let i = first; i < Math.min(total, first + batch); i++) {
        const signature = Buffer.from(signatures[i]!, "base64url");
        if (verify("sha256", Buffer.from(texts[i]!), { key, dsaEncoding: "ieee-p1363" }, signature))
          kept.push(i);
      }
      db.transaction(() => {
        for (const i of kept) {
          const row = inputs[i]!;
          const sha256 = sha256Hex(texts[i]!);
          mutation.run(mutationIds[i], deviceId, i + 1, row.id, sha256, receivedAt);
          input.run(
            row.id,
            row.consultationId,
            row.consultationVersion,
            row.themeId,
            deviceId,
            mutationIds[i],
            texts[i],
            sha256,
            row.createdAt,
            receivedAt,
          );
        }
      })();
    }
    const seconds = (performance.now() - started) / 1000;
    const stored = (db.prepare("select count(*) as n from inputs").get() as { n: number }).n;
    db.close();
    if (stored !== total) throw new Error(`floor: stored ${stored} of ${total}`);
    return Math.round(total / seconds);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
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
