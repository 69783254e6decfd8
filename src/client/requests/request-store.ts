// Information requests on the phone: saved with their outbox entry in one write, before anything is sent
// (the sync engine's request transport files them).
import {
  type NewInfoRequest,
  NewInfoRequest as NewInfoRequestSchema,
} from "../../domain/requests/info-request";
import type { TejidoDatabase } from "../db/database";
import { enqueue } from "../db/outbox";
import { sha256Hex } from "./sha256";

/**
 * Stores the request as the server will read it (trimmed, canonical code) and queues it, in one transaction;
 * throws if it is not valid.
 */
export async function saveRequest(
  db: TejidoDatabase,
  request: NewInfoRequest,
  institutionName: string,
): Promise<void> {
  const checked = NewInfoRequestSchema.parse(request);
  await db.transaction("rw", db.requests, db.outbox, async () => {
    await db.requests.add({ ...checked, institutionName, state: "pending", attempts: 0 });
    await enqueue(db, { kind: "request", recordId: checked.id });
  });
}

/** What a request carries of the phone's reader key: its SHA-256, never the key itself. */
export const readerSha256Of = (readerKey: string): Promise<string> =>
  sha256Hex(new TextEncoder().encode(readerKey));

/**
 * Erases the tracking code from this phone once the person has it written, printed or handed over. Only
 * after the server has the request: the code travels with it, so a pending request keeps it.
 */
export async function forgetTrackingCode(db: TejidoDatabase, id: string): Promise<boolean> {
  return db.transaction("rw", db.requests, async () => {
    const stored = await db.requests.get(id);
    if (stored?.state !== "sent") return false;
    await db.requests.update(id, { trackingCode: null });
    return true;
  });
}

/** Sets a refused request aside on a person's decision, with its entry in the outbox. */
export async function deleteRejectedRequest(db: TejidoDatabase, id: string): Promise<void> {
  await db.transaction("rw", db.requests, db.outbox, async () => {
    const stored = await db.requests.get(id);
    if (stored?.state !== "rejected") return;
    await db.requests.delete(id);
    await db.outbox
      .where("[kind+status]")
      .equals(["request", "rejected"])
      .filter((entry) => entry.kind === "request" && entry.recordId === id)
      .delete();
  });
}
