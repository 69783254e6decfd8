// Files attached to answers, as stored by the upload routes: read back only when complete and verified.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { type Kysely, sql } from "kysely";
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
    .innerJoin("media_refs", (join) =>
      join
        .onRef("media_refs.media_id", "=", "attachments.id")
        // The file its record names: uploaded by that record's phone, with that size and hash.
        .onRef("media_refs.size", "=", "attachments.size")
        .onRef("media_refs.sha256", "=", "attachments.sha256"),
    )
    .selectAll("attachments")
    // The record's type (checked as audio/* or image/* when the record was accepted), without its parameters:
    // the upload stores "audio/webm;codecs=opus" as opaque bytes, and a player needs "audio/webm".
    .select("media_refs.mime as record_mime")
    .where("attachments.id", "=", id)
    .where("attachments.state", "=", "complete")
    .where("attachments.request_id", "is", null)
    .where("attachments.created_by", "=", sql<string>`${"device:"} || media_refs.device_id`)
    .executeTakeFirst();
  return row && withStream(filesDir, row);
}

/**
 * An audio prompt an organizer recorded for a consultation (issue #14, item 5), with the consultation and target it
 * reads (the route serves it only when a released version has that target).
 */
export async function openPrompt(db: Kysely<Database>, filesDir: string, id: string) {
  const row = await db
    .selectFrom("attachments")
    .innerJoin("consultation_prompts", "consultation_prompts.attachment_id", "attachments.id")
    .selectAll("attachments")
    .select(["consultation_prompts.consultation_id", "consultation_prompts.target"])
    .where("attachments.id", "=", id)
    .where("attachments.state", "=", "complete")
    .executeTakeFirst();
  return row && withStream(filesDir, row);
}

/** The row and a stream of its file; undefined when the file is missing on disk (answered 404, not 500). */
async function withStream<Row extends { storage_key: string }>(filesDir: string, row: Row) {
  const file = path.join(filesDir, row.storage_key);
  try {
    await stat(file);
  } catch {
    return undefined;
  }
  return { row, stream: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array> };
}
