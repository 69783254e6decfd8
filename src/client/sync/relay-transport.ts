// Relays other phones' offline transfer files (issue #14) this enrolled phone carries: each file goes as it is to
// POST /api/v1/sync/relay with this phone's token; the server checks every entry against its own device's key, so
// a relay is harmless to repeat (what arrived before is answered "duplicate").
import type { TejidoDatabase } from "../db/database";
import type { Exchange } from "./exchange";
import { sendEach } from "./send-each";
import type { Transport } from "./transport";

const RELAY_PATH = "/api/v1/sync/relay";
/** Answers that say this file will never be taken as it is (not a file, too big, its phone unknown or revoked). */
const REFUSALS = new Set([400, 403, 413, 422]);
const STOPS = new Set([401, 429, 503]);

export function createRelayTransport(context: { db: TejidoDatabase; exchange: Exchange }): Transport {
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
        request: (entry) => ({
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            authorization: `Bearer ${identity.token}`,
          },
          body: JSON.stringify(entry.relay.file),
        }),
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
