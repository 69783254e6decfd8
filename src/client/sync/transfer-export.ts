// Writes the offline transfer file (issue #14; format in README, "Offline transfer file"): the mutations this
// phone still has to send, signed as a push would send them (the signature is kept with each entry, so the phone's
// own later push is the same bytes and answered "duplicate"), and a manifest of them signed by the device key.
import { canonicalJson } from "../../domain/canonical-json";
import type { NewInfoRequest } from "../../domain/requests/info-request";
import {
  type CarriedMedia,
  manifestText,
  TRANSFER_FORMAT,
  TRANSFER_LIMITS,
  TRANSFER_VERSION,
  type TransferFile,
  type TransferManifest,
} from "../../domain/transfer";
import type { MutationEntry, TejidoDatabase } from "../db/database";
import { pendingOf } from "../db/outbox";
import { signText } from "../enrol/device-identity";
import { sha256Hex } from "../requests/sha256";
import type { DeviceSettings } from "../storage/settings";
import { signEntries } from "./push-transport";
import { wireRequest } from "./request-transport";

export type TransferExport =
  /** `mediaLeft`: recordings and photos that did not fit in the file; they wait for this phone's own upload. */
  | { ok: true; file: TransferFile; name: string; mediaLeft: number }
  | { ok: false; reason: "not-enrolled" | "nothing" };

export async function buildTransferFile(
  db: TejidoDatabase,
  settings: Pick<DeviceSettings, "getIdentity">,
  now = new Date(),
): Promise<TransferExport> {
  const identity = await settings.getIdentity();
  if (!identity) return { ok: false, reason: "not-enrolled" };
  const entries = ((await pendingOf(db, "mutation")) as MutationEntry[]).sort((a, b) => a.seq! - b.seq!);
  // Information requests waiting too (taken orally for people who asked aloud, or this phone's own).
  const requests: NewInfoRequest[] = [];
  for (const entry of (await pendingOf(db, "request")).sort((a, b) => a.seq! - b.seq!)) {
    const stored = await db.requests.get(entry.recordId);
    const wire = stored && wireRequest(stored);
    if (wire) requests.push(wire);
  }
  await signEntries(db, entries, identity);
  // The records first; the files take what room is left (base64: 4 bytes in the file for 3 of the file's own).
  const recordBytes = JSON.stringify({ entries: entries.map((entry) => entry.mutation), requests }).length;
  const room = Math.floor(((TRANSFER_LIMITS.fileBytes - recordBytes - 64 * 1024) * 3) / 4);
  const { media, left: mediaLeft } = await carriedMedia(db, Math.min(TRANSFER_LIMITS.mediaBytes, room));
  if (entries.length === 0 && requests.length === 0 && media.length === 0)
    return { ok: false, reason: "nothing" };
  const encoder = new TextEncoder();
  const hash = (value: unknown) => sha256Hex(encoder.encode(canonicalJson(value)));
  const manifest: TransferManifest = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    deviceId: identity.deviceId,
    createdAt: now.toISOString(),
    entries: await Promise.all(
      entries.map(async ({ mutation }) => ({
        mutationId: mutation.mutationId,
        payloadSha256: await hash(mutation.payload),
      })),
    ),
    ...(requests.length > 0
      ? { requests: await Promise.all(requests.map(async (r) => ({ id: r.id, sha256: await hash(r) }))) }
      : {}),
    ...(media.length > 0 ? { media: media.map(({ id, size, sha256 }) => ({ id, size, sha256 })) } : {}),
  };
  const signature = await signText(identity.privateKey, manifestText(manifest));
  const stamp = manifest.createdAt.slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return {
    ok: true,
    file: {
      manifest,
      signature,
      entries: entries.map((entry) => entry.mutation),
      ...(requests.length > 0 ? { requests } : {}),
      ...(media.length > 0 ? { media } : {}),
    },
    name: `tejido-${identity.deviceId.slice(-8)}-${stamp}.json`,
    mediaLeft,
  };
}

/**
 * The voice recordings and photos still to upload, oldest first, as many as fit in `budget` bytes; each with its
 * bytes, which are checked against the SHA-256 its signed record names (a copy damaged on this phone would only be
 * refused on arrival).
 */
async function carriedMedia(
  db: TejidoDatabase,
  budget: number,
): Promise<{ media: CarriedMedia[]; left: number }> {
  const waiting = (await pendingOf(db, "media")).sort((a, b) => a.seq! - b.seq!);
  const media: CarriedMedia[] = [];
  let bytes = 0;
  let left = 0;
  for (const entry of waiting) {
    const stored = await db.media.get(entry.recordId);
    if (!stored?.blob) continue;
    if (bytes + stored.size > budget || media.length >= TRANSFER_LIMITS.media) {
      left += 1;
      continue;
    }
    const data = new Uint8Array(await stored.blob.arrayBuffer());
    if ((await sha256Hex(data)) !== stored.sha256) {
      left += 1;
      continue;
    }
    bytes += stored.size;
    const { id, kind, mime, size, sha256, durationMs } = stored;
    media.push({
      id,
      kind,
      mime,
      size,
      sha256,
      ...(durationMs === undefined ? {} : { durationMs }),
      data: base64(data),
    });
  }
  return { media, left };
}

/** Standard base64 (RFC 4648 §4), in slices so a recording of megabytes never overflows the call stack. */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/**
 * Hands the file to whatever the phone has: the share sheet (a messaging app, Bluetooth, a USB drive) where the
 * browser can share files, a download to its storage (or SD card) otherwise. Says which happened.
 */
export async function handOver(
  file: TransferFile,
  name: string,
): Promise<"shared" | "downloaded" | "cancelled"> {
  const blob = new Blob([JSON.stringify(file)], { type: "application/json" });
  const shareable = new File([blob], name, { type: "application/json" });
  if (navigator.canShare?.({ files: [shareable] })) {
    try {
      await navigator.share({ files: [shareable], title: name });
      return "shared";
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
      // Sharing refused (no app to take it): the download below still works.
    }
  }
  const url = URL.createObjectURL(blob);
  const anchor = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return "downloaded";
}
