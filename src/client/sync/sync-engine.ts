// One sync run: push the outbox in bounded batches, then pull changes after the cursor.
import { canonicalJson } from "../../domain/canonical-json";
import { makeProblem, problemTypeOf } from "../../domain/problem";
import { PROTOCOL_VERSION, PUSH_LIMITS, PullResponse, PushResponse } from "../../domain/sync-messages";
import type { OutboxEntry, StoredConsultation, TejidoDatabase } from "../db/database";
import { type Acknowledgement, countAttempt, recordAcknowledgements, takeBatch } from "../db/outbox";
import { type DeviceIdentity, signText } from "../enrol/device-identity";
import { refreshInstitutions, sendPendingRequests } from "../requests/request-store";
import { SyncError } from "./sync-errors";

export interface SyncSettings {
  /** The enrolled identity; without one, inputs wait on the phone (requests and pulls still go). */
  getIdentity(): Promise<DeviceIdentity | undefined>;
  /** Drops an identity the server no longer knows (a restored server, say), so the phone can enrol again. */
  forgetIdentity?(): Promise<void>;
  getCursor(): Promise<string>;
  setCursor(cursor: string): Promise<void>;
  setLastSyncAt(iso: string): Promise<void>;
  /** Where the ETag of the phone's institution list is kept; without it the list is not refreshed. */
  institutionsEtag?: { get(): Promise<string | undefined>; set(value: string): Promise<void> };
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
  /** The whole exchange, answer body included, must finish within this time. */
  requestTimeoutMs?: number;
  /** Gzip push bodies where the browser has CompressionStream (default). */
  compress?: boolean;
  /** Progress of voice recordings and photos being uploaded, over all the files of this run. */
  onMediaProgress?(progress: MediaProgress): void;
}

export interface MediaProgress {
  files: number;
  done: number;
  sentBytes: number;
  totalBytes: number;
}

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  /** The server says this app is too old and must be updated (its data was still kept). */
  updateRequired: boolean;
}

const JSON_BODY_OVERHEAD = 200;
/** Uploads of one file that may arrive damaged before the file is set aside for a person to see. */
const MAX_DAMAGED = 3;
/** Answered pushes in a row before a shrunken batch grows again. */
const GROW_AFTER = 3;
const PUSH_PATH = "/api/v1/sync/push";

interface Answer {
  response: Response;
  /** The parsed JSON body, read under the same deadline as the request; undefined if the status is not 2xx. */
  body: unknown;
}

export function createSyncEngine(options: SyncEngineOptions) {
  const { db, settings, baseUrl = "", now = () => new Date(), requestTimeoutMs = 30_000 } = options;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const compress = (options.compress ?? true) && typeof CompressionStream === "function";
  let updateRequired = false;
  const maxBatchSize = Math.min(options.batchSize ?? 50, PUSH_LIMITS.maxMutations);
  // Adapts to the link: halved after a timeout or a 413; after GROW_AFTER answered pushes in a row it
  // grows by half again, so a link that only carries half a batch costs one timeout now and then, not every other push.
  let batchSize = maxBatchSize;
  let answeredInARow = 0;
  const maxBatchBytes = Math.min(
    options.maxBatchBytes ?? 256_000,
    PUSH_LIMITS.maxBodyBytes - JSON_BODY_OVERHEAD,
  );

  /**
   * Sends a request and reads its JSON answer under one deadline: a connection that stalls
   * in the middle of the body must not hang the sync (and, through the lock, every tab).
   */
  async function exchange(path: string, init: RequestInit): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
    try {
      const response = await doFetch(baseUrl + path, {
        ...init,
        signal: controller.signal,
        cache: "no-store",
      });
      const body = response.ok ? await response.json() : undefined;
      return { response, body };
    } catch (error) {
      if (controller.signal.aborted) throw new SyncError("timeout", `${path} timed out`, { cause: error });
      // No answer, or one cut off mid-way: the server may have committed, so the same batch is sent again.
      throw new SyncError("offline", `${path}: ${String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  function failure(response: Response, path: string): SyncError {
    const { status } = response;
    const kind = status >= 500 || status === 429 || status === 408 ? "server" : "rejected";
    return new SyncError(kind, `${path} answered ${status}`);
  }

  const shrinkBatch = (sent: number) => {
    batchSize = Math.max(1, Math.floor(sent / 2));
    answeredInARow = 0;
  };

  async function pushOnce(identity: DeviceIdentity): Promise<{ sent: number; rejected: number } | undefined> {
    const batch = await takeBatch(db, batchSize, maxBatchBytes);
    if (batch.length === 0) return undefined;
    let answer: Answer;
    try {
      await signBatch(batch, identity);
      const mutations = batch.map((entry) => entry.mutation);
      const json = JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId: identity.deviceId, mutations });
      const encoded = await encodeBody(json, compress);
      answer = await exchange(PUSH_PATH, {
        method: "POST",
        body: encoded.body,
        headers: { ...encoded.headers, authorization: `Bearer ${identity.token}` },
      });
    } catch (error) {
      // A link too slow for this batch may carry a smaller one.
      if (error instanceof SyncError && error.kind === "timeout") shrinkBatch(batch.length);
      await countAttempt(
        db,
        batch.map((entry) => entry.seq!),
      );
      throw error;
    }
    const { response } = answer;
    if (response.status === 413) {
      if (batch.length > 1) {
        shrinkBatch(batch.length);
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
      if (response.status === 401) throw new SyncError("unenrolled", `${PUSH_PATH}: device not enrolled`);
      if (response.status === 403) {
        const problem = (await response.json().catch(() => ({}))) as { type?: string };
        if (problemTypeOf(problem.type ?? "") === "device-revoked")
          throw new SyncError("revoked", `${PUSH_PATH}: device revoked`);
      }
      throw failure(response, PUSH_PATH);
    }
    const parsed = PushResponse.safeParse(answer.body);
    if (!parsed.success) throw new SyncError("protocol", `${PUSH_PATH}: unexpected answer`);
    if (parsed.data.clientUpdate === "required") updateRequired = true;

    const acks = new Map<number, Acknowledgement>();
    for (const result of parsed.data.results) {
      const entry = batch[result.index];
      // Only an answer that names this entry's own mutationId may take it out of the outbox.
      if (!entry || result.mutationId !== entry.mutation.mutationId || acks.has(entry.seq!)) continue;
      const base = { seq: entry.seq!, mutation: entry.mutation };
      acks.set(
        entry.seq!,
        result.status === "rejected"
          ? {
              ...base,
              status: "rejected",
              problem: result.problem ?? makeProblem("invalid-mutation", 422, "Rejected"),
            }
          : { ...base, status: result.status, at: parsed.data.serverTime },
      );
    }
    await recordAcknowledgements(db, [...acks.values()]);
    if (acks.size < batch.length) {
      throw new SyncError(
        "protocol",
        `${PUSH_PATH}: ${batch.length - acks.size} mutations were not answered`,
      );
    }
    answeredInARow += 1;
    if (answeredInARow >= GROW_AFTER && batchSize < maxBatchSize) {
      batchSize = Math.min(maxBatchSize, Math.ceil(batchSize * 1.5));
      answeredInARow = 0;
    }
    const rejected = [...acks.values()].filter((ack) => ack.status === "rejected").length;
    return { sent: acks.size - rejected, rejected };
  }

  /**
   * Signs, as they first leave, the entries not signed yet (inputs saved before this phone was enrolled
   * too), and keeps each signature with its entry: a re-sent mutation is then the very same bytes.
   */
  async function signBatch(batch: OutboxEntry[], identity: DeviceIdentity): Promise<void> {
    const unsigned = batch.filter((entry) => !entry.mutation.signature);
    if (unsigned.length === 0) return;
    for (const entry of unsigned) {
      const signature = await signText(identity.privateKey, canonicalJson(entry.mutation.payload));
      entry.mutation = { ...entry.mutation, signature };
    }
    await db.outbox.bulkPut(unsigned);
  }

  async function pullPage(cursor: string): Promise<PullResponse> {
    const path = `/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&protocol=${PROTOCOL_VERSION}`;
    const { response, body } = await exchange(path, {
      method: "GET",
      headers: { accept: "application/json" },
    });
    if (!response.ok) throw failure(response, "/api/v1/sync/pull");
    const parsed = PullResponse.safeParse(body);
    if (!parsed.success) throw new SyncError("protocol", "pull: unexpected answer");
    if (parsed.data.clientUpdate === "required") updateRequired = true;
    return parsed.data;
  }

  /** Stores pulled consultations, never replacing a newer version with an older one. */
  async function storeConsultations(rows: StoredConsultation[]): Promise<void> {
    await db.transaction("rw", db.consultations, async () => {
      for (const row of rows) {
        const stored = await db.consultations.get(row.id);
        if (!stored || stored.version <= row.version) await db.consultations.put(row);
      }
    });
  }

  /**
   * Uploads the voice recordings and photos waiting on the phone, oldest first. A file is marked uploaded,
   * and its Blob let go, only once the server verified its size and SHA-256.
   */
  async function uploadPendingMedia(identity: DeviceIdentity): Promise<number> {
    const pending = (await db.media.where("uploadState").equals("pending").toArray()).sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : 1,
    );
    if (pending.length === 0) return 0;
    const { uploadMedia, MediaRefused, MediaDamaged } = await import("./media-upload");
    const totalBytes = pending.reduce((sum, media) => sum + media.size, 0);
    let doneBytes = 0;
    let done = 0;
    const report = (sent: number) =>
      options.onMediaProgress?.({ files: pending.length, done, sentBytes: doneBytes + sent, totalBytes });
    for (const media of pending) {
      if (!media.blob) continue;
      try {
        await uploadMedia(
          { id: media.id, mime: media.mime, sha256: media.sha256, blob: media.blob },
          {
            baseUrl,
            token: identity.token,
            fetch: doFetch,
            requestTimeoutMs,
            onProgress: (sent) => report(sent),
          },
        );
      } catch (error) {
        if (error instanceof MediaRefused) {
          if (error.status === 401) throw new SyncError("unenrolled", `upload ${media.id}: device unknown`);
          if (error.status === 403) throw new SyncError("revoked", `upload ${media.id}: device refused`);
          await db.media.update(media.id, { uploadState: "refused", refusedStatus: error.status });
          continue;
        }
        if (error instanceof MediaDamaged) {
          // Damaged on the way now and then; every time means the copy here no longer matches its hash.
          const damaged = (media.damaged ?? 0) + 1;
          await db.media.update(
            media.id,
            damaged >= MAX_DAMAGED ? { damaged, uploadState: "refused", refusedStatus: 460 } : { damaged },
          );
          continue;
        }
        throw new SyncError("offline", `upload ${media.id}: ${String(error)}`, { cause: error });
      }
      await db.media.update(media.id, { uploadState: "uploaded", blob: undefined });
      done += 1;
      doneBytes += media.size;
      report(0);
    }
    return done;
  }

  /** Pushes everything pending, then pulls until the server has nothing more. */
  async function sync(): Promise<SyncReport> {
    updateRequired = false;
    const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, updateRequired: false };
    const identity = await settings.getIdentity();
    // Without enrolment (or once revoked) the inputs stay safely on the phone; requests and pulls still
    // go, since they need no enrolment. A device problem is reported after them.
    let deviceFailure: SyncError | undefined =
      !identity && (await db.outbox.where("status").equals("pending").count()) > 0
        ? new SyncError("unenrolled", "inputs wait until this phone is enrolled")
        : undefined;
    if (identity) {
      try {
        for (;;) {
          const pushed = await pushOnce(identity);
          if (!pushed) break;
          report.pushed += pushed.sent;
          report.rejected += pushed.rejected;
        }
        report.pushed += await uploadPendingMedia(identity);
      } catch (error) {
        const kind = error instanceof SyncError ? error.kind : undefined;
        // The server no longer knows this token: the phone must enrol again (its data stays).
        if (kind === "unenrolled") await settings.forgetIdentity?.();
        if (kind === "unenrolled" || kind === "revoked" || kind === "rejected")
          deviceFailure = error as SyncError;
        else throw error;
      }
    }
    const requests = await sendPendingRequests(db, exchange);
    report.pushed += requests.sent;
    report.rejected += requests.rejected;
    let cursor = await settings.getCursor();
    for (;;) {
      const page = await pullPage(cursor);
      const rows = page.changes.map(({ data }) => ({ id: data.id, version: data.version, data }));
      // Records first, cursor second: a crash in between only means pulling the same page again.
      if (rows.length > 0) await storeConsultations(rows);
      report.pulled += rows.length;
      const advanced = page.nextCursor !== cursor;
      if (advanced) await settings.setCursor(page.nextCursor);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
      // "More" without a new cursor would loop forever on the same page.
      if (!advanced) throw new SyncError("protocol", "pull: hasMore without a new cursor");
    }
    if (settings.institutionsEtag) await refreshInstitutions(db, exchange, settings.institutionsEtag);
    // A request the server could not take now is retried with the usual backoff, after the rest is done.
    if (requests.failure) throw requests.failure;
    if (deviceFailure) throw deviceFailure;
    await settings.setLastSyncAt(now().toISOString());
    report.updateRequired = updateRequired;
    return report;
  }

  return { sync, currentBatchSize: () => batchSize };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Below this size gzip saves too little to be worth the CPU of a slow phone. */
const COMPRESS_FROM_BYTES = 1_024;

/** A push body, gzip-compressed when worthwhile: on 2G every byte is time and money. */
async function encodeBody(
  json: string,
  compress: boolean,
): Promise<{ body: BodyInit; headers: HeadersInit }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!compress || json.length < COMPRESS_FROM_BYTES) return { body: json, headers };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return { body, headers: { ...headers, "content-encoding": "gzip" } };
}
