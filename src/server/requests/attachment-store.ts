// Files attached to answers, as stored by the upload routes: read back only when complete and verified.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";

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
