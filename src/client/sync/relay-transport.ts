// Relays other phones' offline transfer files (issue #14) this enrolled phone carries: each file goes as it is to
// POST /api/v1/sync/relay with this phone's token; the server checks every entry against its own device's key, so
// a relay is harmless to repeat (what arrived before is answered "duplicate"). The records go first, without the
// file's recordings and photos; then each of those alone, and each leaves the phone's copy once taken: a lost
// connection costs one file sent again, never the whole relay.
import type { RelayEntry, TejidoDatabase } from "../db/database";
import { type Exchange, failureOf } from "./exchange";
import { sendEach } from "./send-each";
import type { Transport } from "./transport";

const RELAY_PATH = "/api/v1/sync/relay";
/** Answers that say this file will never be taken as it is (not a file, too big, its phone unknown or revoked). */
const REFUSALS = new Set([400, 403, 413, 422]);
const STOPS = new Set([401, 429, 503]);

export function createRelayTransport(context: { db: TejidoDatabase; exchange: Exchange }): Transport {
  const { db, exchange } = context;
  const post = (token: string, body: unknown): RequestInit => ({
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });

  /** After the records were taken: the file's media, one per request, each dropped from the copy once answered. */
  async function sendMedia(entry: RelayEntry, token: string): Promise<void> {
    const { file } = entry.relay;
    for (const [index, media] of (file.media ?? []).entries()) {
      const { response } = await exchange(
        RELAY_PATH,
        post(token, { manifest: file.manifest, signature: file.signature, entries: [], media: [media] }),
      );
      // Taken (stored, already there, or judged not to be kept: its phone of origin still has it) or refused for
      // good: either way it is not sent again. Anything else ends this attempt; the scheduler tries later.
      if (!response.ok && !REFUSALS.has(response.status)) throw failureOf(response, RELAY_PATH);
      await db.transaction("rw", db.outbox, async () => {
        const current = await db.outbox.get(entry.seq!);
        if (current?.kind !== "relay") return;
        current.relay.file.media = (file.media ?? []).slice(index + 1);
        await db.outbox.put(current);
      });
    }
  }

  return {
    kind: "relay",
    needsDevice: true,
    async send({ identity }) {
      if (!identity) return { sent: 0, rejected: 0 };
      return sendEach(context, "relay", {
        path: RELAY_PATH,
        refusals: REFUSALS,
        // This phone is not enrolled any more, or the server sheds load: the exchange stops here.
        stops: STOPS,
        request: (entry) => post(identity.token, { ...entry.relay.file, media: undefined }),
        accepted: (entry) => sendMedia(entry, identity.token),
      });
    },
  };
}

/** Sets a refused file aside, on the person's decision. */
export async function discardRelay(db: TejidoDatabase, seq: number): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.kind === "relay" && entry.status === "rejected") await db.outbox.delete(seq);
  });
}
