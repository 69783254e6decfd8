// Mail to requesters, through a real SMTP server running in the test (smtp-server) and the real HTTP server:
// each status change of a request that left an address sends one message, without the tracking code; an
// answer's message notifies the requester; a mail server that is down delays the message, never loses it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/auth/accounts-store";
import { makeRequest, postJson, seededInstitution, signIn } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

interface Received {
  to: string[];
  raw: string;
}

/** An SMTP server on loopback that keeps every message it accepts, and can be taken down and brought back. */
function startSmtp(port = 0) {
  const received: Received[] = [];
  const waiting: (() => void)[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        for (const wake of waiting.splice(0)) wake();
        callback();
      });
    },
  });
  const listening = new Promise<number>((resolve) =>
    smtp.listen(port, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)),
  );
  return {
    received,
    listening,
    /** Resolves once `count` messages have arrived: a state, not a delay. */
    async until(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The text of a message as a person reads it: quoted-printable undone. */
function readable(raw: string): string {
  const body = raw.replace(/=\r?\n/g, "");
  const bytes = body.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(bytes, "latin1").toString("utf8");
}

let smtp: ReturnType<typeof startSmtp>;
let server: TestServer;
let clock = Date.parse("2026-11-25T15:00:00Z");
const now = () => new Date(clock);
const PASSWORD = "solicitudes de acceso 2026";
const minfin = seededInstitution("MINFIN");
let officer: string;

beforeAll(async () => {
  smtp = startSmtp();
  const port = await smtp.listening;
  server = await startTestServer({ now, smtpUrl: `smtp://127.0.0.1:${port}` });
  await createUser(
    server.storage.db,
    {
      email: "oficial@minfin.gob.gt",
      name: "Oficial",
      role: "officer",
      institutionId: minfin.id,
      password: PASSWORD,
    },
    now(),
  );
  officer = await signIn(server.url, "oficial@minfin.gob.gt", PASSWORD);
});
afterAll(async () => {
  await server.dispose();
  await smtp.close();
});

const act = (id: string, action: unknown) =>
  postJson(`${server.url}/api/v1/officer/requests/${id}/actions`, action, officer);

async function file(contactEmail?: string) {
  const request = makeRequest(contactEmail ? { contactEmail } : {});
  const response = await postJson(`${server.url}/api/v1/requests`, request);
  expect(response.status).toBe(201);
  return { request, filed: (await response.json()) as { id: string; folio: string } };
}

describe("mail to requesters", () => {
  it("sends one message per status change, never the tracking code, and none without an address", async () => {
    const { request, filed } = await file("maria.ixchel@example.org");
    const silent = await file();
    expect((await act(filed.id, { action: "start" })).status).toBe(200);
    expect((await act(silent.filed.id, { action: "start" })).status).toBe(200);
    expect(
      (await act(filed.id, { action: "extend", days: 5, reason: "Faltan datos de dos direcciones." })).status,
    ).toBe(200);
    expect(
      (await act(filed.id, { action: "answer", outcome: "delivered", text: "Adjuntamos el presupuesto." }))
        .status,
    ).toBe(200);
    await smtp.until(3);
    await server.mailer!.settled();
    expect(smtp.received).toHaveLength(3);

    const texts = smtp.received.map((mail) => readable(mail.raw));
    for (const [i, mail] of smtp.received.entries()) {
      expect(mail.to).toEqual(["maria.ixchel@example.org"]);
      expect(texts[i]).toContain(filed.folio);
      expect(texts[i]).toContain("https://tejido.test/solicitudes/estado");
      // The code in any form a person could type it: as shown, and without its dashes.
      expect(texts[i]).not.toContain(request.trackingCode);
      expect(texts[i]).not.toContain(request.trackingCode.replaceAll("-", ""));
    }
    expect(texts[0]).toContain("en trámite");
    expect(texts[1]).toContain("con el plazo ampliado");
    expect(texts[2]).toContain("respondida: la información fue entregada");
    // The answer itself travels in its message: that delivery is the notification.
    expect(texts[2]).toContain("Adjuntamos el presupuesto.");
    expect(texts[0]).not.toContain("Respuesta de la institución");
    // One Message-ID per queued message, so a message sent twice (a crash before it was marked) shows once.
    expect(new Set(smtp.received.map((mail) => /^Message-ID: (.+)$/im.exec(mail.raw)?.[1])).size).toBe(3);

    // The answer's message, accepted by the mail server, notified the requester of it.
    const row = await server.storage.db
      .selectFrom("info_requests")
      .select(["notified_at", "notified_via"])
      .where("id", "=", filed.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ notified_at: now().toISOString(), notified_via: "email" });
  });

  it("keeps a message while the mail server is down and sends it once it is back", async () => {
    const { filed } = await file("tomas@example.org");
    const before = smtp.received.length;
    const port = await smtp.listening;
    await smtp.close();
    expect((await act(filed.id, { action: "start" })).status).toBe(200);
    await server.mailer!.settled();
    const waiting = await server.storage.db
      .selectFrom("mail_outbox")
      .select(["attempts", "sent_at", "next_attempt_at"])
      .where("request_id", "=", filed.id)
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ attempts: 1, sent_at: null });
    // Not before its retry is due, whatever pokes it.
    smtp = startSmtp(port);
    await smtp.listening;
    await server.mailer!.poke();
    expect(smtp.received).toHaveLength(0);
    clock = Date.parse(waiting.next_attempt_at);
    await server.mailer!.poke();
    await smtp.until(1);
    expect(readable(smtp.received[0]!.raw)).toContain(filed.folio);
    expect(before).toBe(3);
  });

  it("carries the question of a clarification and its last day, and nothing for bookkeeping", async () => {
    const { request, filed } = await file("ana.tzul@example.org");
    const before = smtp.received.length;
    // Classifying is the office's bookkeeping: the requester gets no message for it.
    expect((await act(filed.id, { action: "classify", type: "budget" })).status).toBe(200);
    expect(
      (await act(filed.id, { action: "clarify", days: 5, text: "¿De qué dependencia necesita los datos?" }))
        .status,
    ).toBe(200);
    await smtp.until(before + 1);
    await server.mailer!.settled();
    expect(smtp.received).toHaveLength(before + 1);
    const text = readable(smtp.received.at(-1)!.raw);
    expect(text).toContain("en espera de que usted la aclare o complete");
    expect(text).toContain("¿De qué dependencia necesita los datos?");
    // Asked on Wednesday 25 November 2026 with 5 business days: 26, 27, 30 Nov, 1, 2 Dec.
    expect(text).toContain("hasta el miércoles, 2 de diciembre de 2026");
    expect(text).not.toContain(request.trackingCode);
  });
});
