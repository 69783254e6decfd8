// Sends the mail outbox over SMTP (nodemailer): each message after the transaction that queued it, retried with
// backoff while the mail server fails, one at a time. A message that delivers an answer notifies the requester of
// it once the mail server has accepted it (LAIP Art. 54 counts the appeal window from there).
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Logger } from "../logger";
import { recordNotice } from "../requests/request-store";
import type { Database } from "../storage/schema";

export interface MailerOptions {
  db: Kysely<Database>;
  /** smtp://user:password@host:port (smtps:// for TLS from the start). */
  smtpUrl: string;
  /** The From header: "Tejido <no-responder@example.gob.gt>". */
  from: string;
  logger: Logger;
  now?: () => Date;
  /** How often it looks for messages due again after a failure. */
  pollMs?: number;
}

/** First retry after a minute, doubling up to six hours. */
const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
/** About two days of tries; then the message stays in the outbox, marked, for an admin to look at. */
export const MAX_MAIL_ATTEMPTS = 14;
const GAVE_UP = "9999-12-31T00:00:00.000Z";
/** A message being sent is claimed for this long: another instance (or a round after a crash) leaves it alone. */
const LEASE_MS = 10 * 60_000;
const BATCH = 20;

export type Mailer = ReturnType<typeof createMailer>;

export function createMailer({
  db,
  smtpUrl,
  from,
  logger,
  now = () => new Date(),
  pollMs = 60_000,
}: MailerOptions) {
  const transport = nodemailer.createTransport(smtpUrl);
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const timer = setInterval(() => poke(), pollMs);
  timer.unref();

  async function sendDue(): Promise<void> {
    const due = await db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("sent_at", "is", null)
      .where("next_attempt_at", "<=", now().toISOString())
      .orderBy("created_at")
      .limit(BATCH)
      .execute();
    for (const mail of due) {
      if (stopped) return;
      // Claimed first: of two instances sharing the database, one sends it. A crash after sending and before
      // marking it sent sends it again after the lease; the Message-ID lets mail programs show it once.
      const claimed = await db
        .updateTable("mail_outbox")
        .set({ next_attempt_at: new Date(now().getTime() + LEASE_MS).toISOString() })
        .where("id", "=", mail.id)
        .where("sent_at", "is", null)
        .where("next_attempt_at", "=", mail.next_attempt_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      try {
        await transport.sendMail({
          from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
          messageId: `<${mail.id}@tejido>`,
        });
      } catch (error) {
        const attempts = mail.attempts + 1;
        const giveUp = attempts >= MAX_MAIL_ATTEMPTS;
        await db
          .updateTable("mail_outbox")
          .set({
            attempts,
            next_attempt_at: giveUp
              ? GAVE_UP
              : new Date(now().getTime() + retryDelayMs(attempts)).toISOString(),
            last_error: String(error).slice(0, 500),
          })
          .where("id", "=", mail.id)
          .execute();
        if (giveUp)
          logger.error({ mailId: mail.id, attempts }, "mail not sent after every try; left in the outbox");
        else logger.warn({ mailId: mail.id, attempts }, "mail not sent; it will be tried again");
        // The mail server is failing: the rest waits for the next round rather than failing one by one.
        return;
      }
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("mail_outbox")
          .set({ sent_at: at, last_error: null })
          .where("id", "=", mail.id)
          .execute();
        if (mail.answered_at) await recordNotice(trx, mail.request_id, mail.answered_at, "email", at);
      });
    }
    // A full batch: there may be more.
    if (due.length === BATCH) again = true;
  }

  /** Sends what is due now; a poke while sending runs another round after it. */
  function poke(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await sendDue();
        } while (again && !stopped);
      } catch (error) {
        logger.error({ err: error }, "mail outbox failed");
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    poke,
    /** Resolves once no round is running (tests). */
    async settled(): Promise<void> {
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
