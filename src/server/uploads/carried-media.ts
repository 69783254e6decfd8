// Voice recordings and photos that arrive inside an offline transfer file (issue #14) instead of over tus: each is
// stored exactly where and as the resumable upload would have stored it, so the phone's own upload later finds it
// complete (one HEAD, no bytes) and every staff link to it works the same.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import { storedMediaType } from "../../domain/media-type";
import { briefProblem, makeProblem, type Problem } from "../../domain/problem";
import { CarriedMedia, type TransferManifest, type TransferReport } from "../../domain/transfer";
import type { Database } from "../storage/schema";
import { UPLOADS_DIR } from "./upload-routes";

type MediaOutcome = TransferReport["media"][number];

/**
 * Stores the file's media for `deviceId`. A file is taken only when the signed manifest lists it with its size and
 * hash, its bytes match them, and an accepted record of that device names it (as a tus upload is held to the same
 * record): so nobody can slip a file in on the way, and a file whose record was quarantined is not kept.
 */
export async function storeCarriedMedia(
  db: Kysely<Database>,
  filesDir: string,
  deviceId: string,
  listed: NonNullable<TransferManifest["media"]>,
  raws: readonly unknown[],
  now: () => Date,
): Promise<MediaOutcome[]> {
  const directory = path.join(filesDir, UPLOADS_DIR);
  const manifest = new Map(listed.map((entry) => [entry.id, entry]));
  const outcomes: MediaOutcome[] = [];
  const refuse = (index: number, id: string | null, problem: Problem) =>
    outcomes.push({ index, id, outcome: "refused", problem: briefProblem(problem) });
  for (const [index, raw] of raws.entries()) {
    const parsed = CarriedMedia.safeParse(raw);
    const id = typeof (raw as { id?: unknown } | null)?.id === "string" ? (raw as { id: string }).id : null;
    if (!parsed.success) {
      refuse(index, id, makeProblem("media-refused", 422, "This file's description is not valid"));
      continue;
    }
    const media = parsed.data;
    const entry = manifest.get(media.id);
    const bytes = Buffer.from(media.data, "base64");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (!entry || entry.size !== media.size || entry.sha256 !== media.sha256) {
      refuse(
        index,
        media.id,
        makeProblem("media-refused", 422, "This file is not the one the signed list names"),
      );
      continue;
    }
    if (bytes.length !== media.size || sha256 !== media.sha256) {
      refuse(
        index,
        media.id,
        makeProblem("media-refused", 422, "This file's bytes do not match its SHA-256"),
      );
      continue;
    }
    const named = await db
      .selectFrom("media_refs")
      .select(["size", "sha256"])
      .where("media_id", "=", media.id)
      .where("device_id", "=", deviceId)
      .executeTakeFirst();
    if (!named || named.size !== media.size || named.sha256 !== media.sha256) {
      refuse(
        index,
        media.id,
        makeProblem("media-refused", 422, "No accepted record of this phone names this file", {
          detail: "Its record was quarantined or is not in the file: the file stays on the phone.",
        }),
      );
      continue;
    }
    const outcome = await store(db, directory, deviceId, media, bytes, now);
    if (outcome === "foreign")
      refuse(
        index,
        media.id,
        makeProblem("media-refused", 409, "Another sender holds an upload with this id"),
      );
    else outcomes.push({ index, id: media.id, outcome });
  }
  return outcomes;
}

/** Writes one verified file under its media id; "duplicate" when the server already has it whole. */
async function store(
  db: Kysely<Database>,
  directory: string,
  deviceId: string,
  media: CarriedMedia,
  bytes: Buffer,
  now: () => Date,
): Promise<"stored" | "duplicate" | "foreign"> {
  const owner = `device:${deviceId}`;
  const existing = await db
    .selectFrom("attachments")
    .select(["state", "created_by"])
    .where("id", "=", media.id)
    .executeTakeFirst();
  if (existing?.state === "complete") return "duplicate";
  // Only the phone's own unfinished upload is replaced (tus names a phone's upload by its media id alone).
  if (existing && existing.created_by !== owner) return "foreign";
  const file = path.join(directory, media.id);
  const extension = media.mime.split("/")[1]?.split(";")[0] ?? "bin";
  const at = now().toISOString();
  const row = {
    id: media.id,
    request_id: null,
    name: `${media.id}.${extension}`,
    mime: storedMediaType(media.mime),
    size: media.size,
    sha256: media.sha256,
    state: "pending" as const,
    storage_key: path.join(UPLOADS_DIR, media.id),
    created_by: owner,
    created_at: at,
    completed_at: null,
  };
  if (!existing) {
    const inserted = await db
      .insertInto("attachments")
      .values(row)
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    // Another import, or the phone's own upload, began it meanwhile: that one finishes it.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return "duplicate";
  }
  // Written whole beside it, then moved in: a reader never sees a file shorter than its declared size unless
  // the phone's own partial upload is there, which the whole file replaces.
  await mkdir(directory, { recursive: true });
  const partial = `${file}.carried`;
  await writeFile(partial, bytes);
  // tus keeps what it knows of an upload beside the bytes (@tus/file-store: `<id>.json`); the store reads the offset
  // from the file's own size, not from here, so the phone's HEAD finds this file complete.
  if (!existsSync(`${file}.json`)) {
    await writeFile(
      `${file}.json`,
      JSON.stringify({
        id: media.id,
        size: media.size,
        offset: 0,
        metadata: { id: media.id, filename: row.name, filetype: media.mime, sha256: media.sha256 },
        creation_date: at,
      }),
    );
  }
  await rename(partial, file).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  await db
    .updateTable("attachments")
    .set({ state: "complete", completed_at: now().toISOString() })
    .where("id", "=", media.id)
    .execute();
  return "stored";
}
