// Turning a recording or a photo into a stored media row: photos downscaled on the phone, every file hashed.
import { uuidv7 } from "uuidv7";
import { PHOTO_MAX_SIDE } from "../../domain/media";
import { database, type StoredMedia } from "../db/database";
import { sha256Hex } from "../requests/sha256";

/** A photo with its longer side at most PHOTO_MAX_SIDE pixels, as JPEG: a phone photo of 4 MB becomes ~300 KB. */
export async function downscalePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("photo could not be encoded"))),
      "image/jpeg",
      0.8,
    ),
  );
}

/** Stores a file as a draft media row of a form; returns its id. */
export async function storeDraftMedia(
  ownerId: string,
  kind: "audio" | "photo",
  blob: Blob,
  durationMs?: number,
  /** The text question a voice recording answers, and its theme. */
  answers?: { questionId: string; themeId: string },
): Promise<string> {
  const id = uuidv7();
  const row: StoredMedia = {
    id,
    ownerId,
    kind,
    // The recorder's type may carry codecs ("audio/webm;codecs=opus"); the record keeps it as given.
    mime: blob.type || (kind === "audio" ? "audio/webm" : "image/jpeg"),
    size: blob.size,
    sha256: await sha256Hex(await blob.arrayBuffer()),
    ...(durationMs === undefined ? {} : { durationMs: Math.round(durationMs) }),
    ...(answers ? { questionId: answers.questionId, answerTheme: answers.themeId } : {}),
    blob,
    uploadState: "draft",
    createdAt: new Date().toISOString(),
  };
  await database().media.add(row);
  return id;
}

/** Removes a form's draft media row (one that was never part of a saved record). */
export async function discardDraftMedia(id: string): Promise<void> {
  const db = database();
  await db.transaction("rw", db.media, async () => {
    const row = await db.media.get(id);
    if (row?.uploadState === "draft") await db.media.delete(id);
  });
}
