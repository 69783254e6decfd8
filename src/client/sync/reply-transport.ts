// Sends the requesters' clarifications saved on the status page (no enrolment: a citizen's phone). The reply's
// id makes a re-send after a lost answer harmless; the status the server answers becomes the one seen offline.
import { PublicRequestStatus } from "../../domain/requests/info-request";
import type { TejidoDatabase } from "../db/database";
import { rememberStatus } from "../requests/status-cache";
import type { Exchange } from "./exchange";
import { sendEach } from "./send-each";
import type { Transport } from "./transport";

const REPLY_PATH = "/api/v1/requests/clarification";
/** Answers that say this reply will never be taken (404: no such folio and code; 409: not awaited any more). */
const REFUSALS = new Set([400, 404, 409, 413, 422]);
const STOPS = new Set([429, 503]);

export function createReplyTransport(context: { db: TejidoDatabase; exchange: Exchange }): Transport {
  return {
    kind: "reply",
    needsDevice: false,
    send: () =>
      sendEach(context, "reply", {
        path: REPLY_PATH,
        refusals: REFUSALS,
        stops: STOPS,
        request: (entry) => ({
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(entry.reply),
        }),
        async accepted(entry, { body }) {
          const status = PublicRequestStatus.safeParse(body).data;
          if (status) await rememberStatus(status, entry.reply.folio, entry.reply.trackingCode);
        },
      }),
  };
}

/** Sets a refused reply aside, on the person's decision. */
export async function discardRejectedReply(db: TejidoDatabase, seq: number): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.kind === "reply" && entry.status === "rejected") await db.outbox.delete(seq);
  });
}
