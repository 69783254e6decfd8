// One sync run: push the outbox in bounded batches, then pull changes after the cursor.
import { makeProblem } from "../../domain/problem";
import {
  PUSH_LIMITS,
  type PullResponse,
  PullResponse as PullResponseSchema,
  PushResponse,
} from "../../domain/sync-messages";
import type { TejidoDatabase } from "../db/database";
import { type Acknowledgement, countAttempt, recordAcknowledgements, takeBatch } from "../db/outbox";
import { SyncError } from "./sync-errors";

export interface SyncSettings {
  getDeviceId(): Promise<string>;
  getCursor(): Promise<string>;
  setCursor(cursor: string): Promise<void>;
  setLastSyncAt(iso: string): Promise<void>;
}

export interface SyncEngineOptions {
  db: TejidoDatabase;
  settings: SyncSettings;
  /** Base URL of the server; "" means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  batchSize?: number;
  maxBatchBytes?: number;
  requestTimeoutMs?: number;
}

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
}

const JSON_BODY_OVERHEAD = 200;

export function createSyncEngine(options: SyncEngineOptions) {
  const { db, settings, baseUrl = "", now = () => new Date(), requestTimeoutMs = 30_000 } = options;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let batchSize = Math.min(options.batchSize ?? 50, PUSH_LIMITS.maxMutations);
  const maxBatchBytes = Math.min(
    options.maxBatchBytes ?? 256_000,
    PUSH_LIMITS.maxBodyBytes - JSON_BODY_OVERHEAD,
  );

  async function request(path: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
    try {
      return await doFetch(baseUrl + path, { ...init, signal: controller.signal, cache: "no-store" });
    } catch (error) {
      if (controller.signal.aborted) throw new SyncError("timeout", `${path} timed out`, { cause: error });
      throw new SyncError("offline", `${path}: ${String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async function readJson(response: Response, path: string): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      // A body cut off mid-way: the server may have committed, so the batch is simply sent again.
      throw new SyncError("offline", `${path}: body unreadable`, { cause: error });
    }
  }

  function failure(response: Response, path: string): SyncError {
    const kind =
      response.status >= 500 || response.status === 429 || response.status === 408 ? "server" : "rejected";
    return new SyncError(kind, `${path} answered ${response.status}`);
  }

  async function pushOnce(deviceId: string): Promise<{ sent: number; rejected: number } | undefined> {
    const batch = await takeBatch(db, batchSize, maxBatchBytes);
    if (batch.length === 0) return undefined;
    const path = "/api/v1/sync/push";
    const response = await request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ protocol: 1, deviceId, mutations: batch.map((entry) => entry.mutation) }),
    });
    if (response.status === 413) {
      if (batch.length > 1) {
        batchSize = Math.max(1, Math.floor(batch.length / 2));
        return { sent: 0, rejected: 0 };
      }
      // A single mutation larger than the server takes can never be sent as is: a person must see it.
      const only = batch[0]!;
      const problem = makeProblem("payload-too-large", 413, "The mutation is too large");
      await recordAcknowledgements(db, [
        { seq: only.seq!, mutation: only.mutation, status: "rejected", problem },
      ]);
      return { sent: 0, rejected: 1 };
    }
    if (!response.ok) {
      await countAttempt(
        db,
        batch.map((entry) => entry.seq!),
      );
      throw failure(response, path);
    }
    const parsed = PushResponse.safeParse(await readJson(response, path));
    if (!parsed.success) throw new SyncError("protocol", `${path}: unexpected answer`);

    const acks: Acknowledgement[] = [];
    for (const result of parsed.data.results) {
      const entry = batch[result.index];
      // Only an answer that names this entry's own mutationId may take it out of the outbox.
      if (!entry || result.mutationId !== entry.mutation.mutationId) continue;
      if (result.status === "rejected") {
        const problem = result.problem ?? makeProblem("invalid-mutation", 422, "Rejected");
        acks.push({ seq: entry.seq!, mutation: entry.mutation, status: "rejected", problem });
      } else {
        acks.push({
          seq: entry.seq!,
          mutation: entry.mutation,
          status: result.status,
          at: parsed.data.serverTime,
        });
      }
    }
    await recordAcknowledgements(db, acks);
    if (acks.length < batch.length) {
      throw new SyncError("protocol", `${path}: ${batch.length - acks.length} mutations were not answered`);
    }
    return {
      sent: acks.filter((ack) => ack.status !== "rejected").length,
      rejected: acks.length - acks.filter((ack) => ack.status !== "rejected").length,
    };
  }

  async function pullPage(cursor: string): Promise<PullResponse> {
    const path = `/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`;
    const response = await request(path, { method: "GET", headers: { accept: "application/json" } });
    if (!response.ok) throw failure(response, "/api/v1/sync/pull");
    const parsed = PullResponseSchema.safeParse(await readJson(response, path));
    if (!parsed.success) throw new SyncError("protocol", "pull: unexpected answer");
    return parsed.data;
  }

  /** Pushes everything pending, then pulls until the server has nothing more. */
  async function sync(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0 };
    const deviceId = await settings.getDeviceId();
    for (;;) {
      const pushed = await pushOnce(deviceId);
      if (!pushed) break;
      report.pushed += pushed.sent;
      report.rejected += pushed.rejected;
    }
    let cursor = await settings.getCursor();
    for (;;) {
      const page = await pullPage(cursor);
      const consultations = page.changes.map((change) => ({
        id: change.data.id,
        version: change.data.version,
        data: change.data,
      }));
      // Records first, cursor second: a crash in between only means pulling the same page again.
      if (consultations.length > 0) await db.consultations.bulkPut(consultations);
      report.pulled += consultations.length;
      if (page.nextCursor !== cursor) await settings.setCursor(page.nextCursor);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    await settings.setLastSyncAt(now().toISOString());
    return report;
  }

  return { sync, currentBatchSize: () => batchSize };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
