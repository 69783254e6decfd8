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
  return row && withStream(filesDir, row);
}

/**
 * A voice recording or photo a phone's accepted record names (issue #14: staff hear spoken answers), when its file
 * arrived whole; never a file attached to an information request.
 */
export async function openMedia(db: Kysely<Database>, filesDir: string, id: string) {
  const row = await db
    .selectFrom("attachments")
    .innerJoin("media_refs", "media_refs.media_id", "attachments.id")
    .selectAll("attachments")
    // The record's type (checked as audio/* or image/* when the record was accepted), without its parameters:
    // the upload stores "audio/webm;codecs=opus" as opaque bytes, and a player needs "audio/webm".
    .select("media_refs.mime as record_mime")
    .where("attachments.id", "=", id)
    .where("attachments.state", "=", "complete")
    .executeTakeFirst();
  return row && withStream(filesDir, row);
}

/** An audio prompt an organizer recorded for a consultation (issue #14, item 5): public, like the question it reads. */
export async function openPrompt(db: Kysely<Database>, filesDir: string, id: string) {
  const row = await db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", id)
    .where("state", "=", "complete")
    .where("id", "in", (eb) => eb.selectFrom("consultation_prompts").select("attachment_id"))
    .executeTakeFirst();
  return row && withStream(filesDir, row);
}

async function withStream<Row extends { storage_key: string }>(filesDir: string, row: Row) {
  const file = path.join(filesDir, row.storage_key);
  await stat(file);
  return { row, stream: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array> };
}
