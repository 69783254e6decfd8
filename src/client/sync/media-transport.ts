// Uploads the outbox's voice recordings and photos with tus, oldest first, as an enrolled device.

import { makeProblem } from "../../domain/problem";
import type { MediaEntry, TejidoDatabase } from "../db/database";
import { markRejected, pendingOf } from "../db/outbox";
import { parseRetryAfter } from "./backoff";
import { SyncError } from "./sync-errors";
import type { Sent, Transport } from "./transport";

/** The problem kept for a file the server will never take (database.ts's upgrade writes the same shape). */
const mediaRefused = (status: number) =>
  makeProblem("media-refused", status, "The server did not take this file");

/** Uploads of one file that may arrive damaged before the file is set aside for a person to see. */
const MAX_DAMAGED = 3;
/** The status a file set aside as damaged is recorded with (tus-sha256 mismatch, as the server answers it). */
const DAMAGED_STATUS = 460;

export interface MediaProgress {
  files: number;
  done: number;
  sentBytes: number;
  totalBytes: number;
}

export interface MediaOptions {
  db: TejidoDatabase;
  baseUrl: string;
  fetch: typeof fetch;
  requestTimeoutMs: number;
  /** Progress over all the files of this exchange. */
  onProgress?(progress: MediaProgress): void;
}

/**
 * A file leaves the outbox, and its Blob is let go, only once the server verified its size and SHA-256.
 * tus-js-client loads only when a file is sent.
 */
export function createMediaTransport(options: MediaOptions): Transport {
  const { db } = options;

  async function refuse(entry: MediaEntry, status: number, damaged?: number): Promise<void> {
    await db.transaction("rw", db.media, db.outbox, async () => {
      await db.media.update(entry.recordId, {
        uploadState: "refused",
        refusedStatus: status,
        ...(damaged === undefined ? {} : { damaged }),
      });
      await markRejected(db, entry.seq!, mediaRefused(status));
    });
  }

  return {
    kind: "media",
    needsDevice: true,
    after: "mutation",
    async send({ identity }) {
      const entries = await pendingOf(db, "media");
      const result: Sent = { sent: 0, rejected: 0 };
      if (entries.length === 0) return result;
      const rows = await db.media.bulkGet(entries.map((entry) => entry.recordId));
      // An entry whose file is gone (uploaded by another tab meanwhile) has nothing left to send.
      const gone = entries.filter((_, i) => !rows[i]?.blob).map((entry) => entry.seq!);
      if (gone.length > 0) await db.outbox.bulkDelete(gone);
      // A file whose record still waits to be sent, or was refused (until it is corrected), would be refused
      // for good: it waits with its record.
      const unsent = new Set(
        (
          await db.outbox
            .where("[kind+status]")
            .anyOf([
              ["mutation", "pending"],
              ["mutation", "rejected"],
            ])
            .toArray()
        ).flatMap((entry) => (entry.kind === "mutation" ? [entry.mutation.recordId] : [])),
      );
      const waiting = entries.flatMap((entry, i) => {
        const media = rows[i];
        return media?.blob && !unsent.has(media.ownerId) ? [{ entry, media }] : [];
      });
      if (waiting.length === 0) return result;

      const { uploadMedia, MediaRefused, MediaDamaged, MediaBusy } = await import("./media-upload");
      const totalBytes = waiting.reduce((sum, { media }) => sum + media.size, 0);
      let doneBytes = 0;
      let done = 0;
      const report = (sent: number) =>
        options.onProgress?.({ files: waiting.length, done, sentBytes: doneBytes + sent, totalBytes });
      for (const { entry, media } of waiting) {
        try {
          await uploadMedia(
            { id: media.id, mime: media.mime, sha256: media.sha256, blob: media.blob! },
            {
              baseUrl: options.baseUrl,
              token: identity!.token,
              fetch: options.fetch,
              requestTimeoutMs: options.requestTimeoutMs,
              onProgress: (sent) => report(sent),
            },
          );
        } catch (error) {
          if (error instanceof MediaRefused) {
            if (error.status === 401) throw new SyncError("unenrolled", `upload ${media.id}: device unknown`);
            if (error.status === 403) throw new SyncError("revoked", `upload ${media.id}: device refused`);
            await refuse(entry, error.status);
            result.rejected += 1;
            continue;
          }
          if (error instanceof MediaDamaged) {
            // Damaged on the way now and then; every time means the copy here no longer matches its hash.
            const damaged = (media.damaged ?? 0) + 1;
            if (damaged >= MAX_DAMAGED) {
              await refuse(entry, DAMAGED_STATUS, damaged);
              result.rejected += 1;
            } else await db.media.update(media.id, { damaged });
            continue;
          }
          if (error instanceof MediaBusy) {
            const retryAfterMs = parseRetryAfter(error.retryAfter, Date.now());
            throw new SyncError("server", `upload ${media.id}: ${error.message}`, {
              cause: error,
              ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            });
          }
          throw new SyncError("offline", `upload ${media.id}: ${String(error)}`, { cause: error });
        }
        await db.transaction("rw", db.media, db.outbox, async () => {
          await db.media.update(media.id, { uploadState: "uploaded", blob: undefined });
          await db.outbox.delete(entry.seq!);
        });
        done += 1;
        doneBytes += media.size;
        result.sent += 1;
        report(0);
      }
      return result;
    },
  };
}
