// Files attached to answers: streamed to disk with a size limit, kept only if their sha256 matches what the sender declared.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import type { Database } from "../storage/schema";

export type StoreOutcome =
  | { ok: true; id: string; size: number; sha256: string }
  | { ok: false; reason: "too-large" | "sha256-mismatch" | "empty" };

class TooLarge extends Error {}

/**
 * Writes `body` to `filesDir` under a new id, hashing as it goes. Past `maxBytes` it stops reading and
 * deletes what it wrote; a hash or size that differs from the declared one is refused the same way.
 * Only a complete, verified file gets a row, so a half-written one is never served.
 */
export async function storeAttachment(
  db: Kysely<Database>,
  filesDir: string,
  body: ReadableStream<Uint8Array>,
  meta: { name: string; mime: string; sha256: string; size?: number; createdBy: string },
  maxBytes: number,
  now: Date,
): Promise<StoreOutcome> {
  await mkdir(filesDir, { recursive: true });
  const id = uuidv7();
  const partial = path.join(filesDir, `${id}.part`);
  const hash = createHash("sha256");
  let size = 0;
  try {
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > maxBytes) throw new TooLarge();
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(partial, { flags: "wx" }),
    );
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof TooLarge) return { ok: false, reason: "too-large" };
    throw error;
  }
  const digest = hash.digest("hex");
  if (size === 0) {
    await rm(partial, { force: true });
    return { ok: false, reason: "empty" };
  }
  if (digest !== meta.sha256.toLowerCase() || (meta.size !== undefined && meta.size !== size)) {
    await rm(partial, { force: true });
    return { ok: false, reason: "sha256-mismatch" };
  }
  await rename(partial, path.join(filesDir, id));
  const at = now.toISOString();
  await db
    .insertInto("attachments")
    .values({
      id,
      request_id: null,
      name: meta.name,
      mime: meta.mime,
      size,
      sha256: digest,
      state: "complete",
      storage_key: id,
      created_by: meta.createdBy,
      created_at: at,
      completed_at: at,
    })
    .execute();
  return { ok: true, id, size, sha256: digest };
}

/** The attachment's row and a stream of its bytes, if it belongs to `requestId`. */
export async function openAttachment(db: Kysely<Database>, filesDir: string, id: string, requestId: string) {
  const row = await db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", id)
    .where("request_id", "=", requestId)
    .where("state", "=", "complete")
    .executeTakeFirst();
  if (!row) return undefined;
  const file = path.join(filesDir, row.storage_key);
  await stat(file);
  return { row, stream: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array> };
}
