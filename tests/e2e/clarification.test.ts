// A clarification end to end in Chromium (LAIP Art. 42 inciso 2): the officer asks the requester to clarify with
// a term; the requester, offline on the status page, writes the reply, which waits on the phone and goes once the
// signal is back; the answer term starts over from its arrival, and the new due date is the one both see.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { holidayCalendar } from "../../src/domain/requests/holiday-calendar";
import { answerDueDate } from "../../src/domain/requests/laip-deadlines";
import { createUserWithCli } from "../support/admin-cli";
import {
  type Browser,
  launchBrowser,
  seriousA11yViolations,
  serviceWorkerInControl,
} from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { makeRequest, postJson, seededInstitution } from "../support/requests";

const session = useE2eSession();
const PASSWORD = "aclaraciones artículo 42";
let officerBrowser: Browser | undefined;
afterAll(() => officerBrowser?.close());

function withDatabase<T>(use: (db: SqliteDatabase.Database) => T): T {
  const db = new SqliteDatabase(path.join(session.server.dataDir, "tejido.sqlite"));
  db.pragma("busy_timeout = 5000");
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** A local date as the app writes it in Spanish: "martes, 15 de diciembre de 2026". */
const longDate = (date: string) =>
  new Intl.DateTimeFormat("es-GT", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe("a clarification in Chromium", () => {
  it("is asked by the officer, answered offline on the status page, and restarts the term for both", async () => {
    const minfin = seededInstitution("MINFIN");
    createUserWithCli(session.server.dataDir, {
      email: "uip@minfin.gob.gt",
      name: "UIP",
      role: "officer",
      institution: "MINFIN",
      password: PASSWORD,
    });
    const request = makeRequest({
      institutionId: minfin.id,
      description: "Los contratos de la obra del puente, con sus montos.",
    });
    const filedResponse = await postJson(`${session.server.url}/api/v1/requests`, request);
    expect(filedResponse.status).toBe(201);
    const filed = (await filedResponse.json()) as { id: string; folio: string };
    // Received three weeks ago, so that a term started again today ends on another day than the first one.
    const receivedAt = new Date(Date.now() - 21 * 86_400_000);
    const firstDue = answerDueDate(receivedAt, holidayCalendar());
    withDatabase((db) =>
      db
        .prepare("update info_requests set received_at = ?, due_date = ? where id = ?")
        .run(receivedAt.toISOString(), firstDue, filed.id),
    );

    // The officer asks for a clarification, with 3 business days to give it.
    officerBrowser = await launchBrowser();
    const desk = await officerBrowser.context.newPage();
    await desk.goto(`${session.server.url}/entrar`);
    await desk.getByLabel("Correo electrónico").fill("uip@minfin.gob.gt");
    await desk.getByLabel("Contraseña").fill(PASSWORD);
    await desk.getByRole("button", { name: "Entrar" }).click();
    await desk.getByRole("link", { name: "Ir a la bandeja de solicitudes" }).click();
    await desk.getByRole("link", { name: filed.folio }).click();
    await desk.getByTestId("desk").waitFor();
    await desk.getByLabel("Acción").selectOption({ label: "Pedir que aclare o complete la solicitud" });
    await desk.getByLabel("Días hábiles para aclarar (1 a 10)").fill("3");
    await desk.getByLabel("Qué debe aclarar o completar").fill("¿De qué puente y de qué municipio se trata?");
    await expectAccessible(desk, "officer asking to clarify");
    await desk.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => desk.getByTestId("desk").getAttribute("data-status")).toBe("clarification");

    // The requester opens the status page (online once, so the app is installed on the phone).
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await serviceWorkerInControl(page);
    await page.goto(
      `${session.server.url}/solicitudes/estado#folio=${filed.folio}&codigo=${request.trackingCode}`,
    );
    const status = page.getByTestId("request-status");
    await expect.poll(() => status.getAttribute("data-status")).toBe("clarification");
    expect(await page.getByTestId("clarification-question").textContent()).toBe(
      "¿De qué puente y de qué municipio se trata?",
    );
    expect(await status.textContent()).toContain("Mientras tanto, el plazo para responder no corre.");
    await expectAccessible(page, "status page asking to clarify");

    // No signal: the reply is saved on the phone, and nothing reaches the server.
    await session.browser.context.setOffline(true);
    await page.getByLabel("Su aclaración").fill("El puente de la aldea Xepocol, en Santa María Nebaj.");
    await page.getByRole("button", { name: "Enviar aclaración" }).click();
    await expect
      .poll(() => page.getByTestId("clarification-pending").textContent())
      .toContain("Su aclaración está guardada en este teléfono");
    const beforeSignal = withDatabase((db) =>
      db.prepare("select status, clarification_reply from info_requests where id = ?").get(filed.id),
    );
    expect(beforeSignal).toEqual({ status: "clarification", clarification_reply: null });

    // The signal comes back: the reply goes, once, and the page shows what the server now says.
    await session.browser.context.setOffline(false);
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 30_000 }).toBe("in_process");
    const row = withDatabase(
      (db) =>
        db
          .prepare(
            "select due_date, clarification_reply, clarification_replied_at from info_requests where id = ?",
          )
          .get(filed.id) as {
          due_date: string;
          clarification_reply: string;
          clarification_replied_at: string;
        },
    );
    expect(row.clarification_reply).toBe("El puente de la aldea Xepocol, en Santa María Nebaj.");
    // Counted afresh from the reply's arrival (Art. 42): not the first due date any more.
    expect(row.due_date).toBe(answerDueDate(new Date(row.clarification_replied_at), holidayCalendar()));
    expect(row.due_date).not.toBe(firstDue);
    const events = withDatabase((db) =>
      db
        .prepare("select event from request_events where request_id = ? and event = 'clarified'")
        .all(filed.id),
    );
    expect(events).toHaveLength(1);
    const newDue = longDate(row.due_date);
    await expect
      .poll(() => status.textContent())
      .toContain(`La institución responde a más tardar el ${newDue}.`);
    expect(await page.getByTestId("clarification-reply").textContent()).toContain("aldea Xepocol");
    await expectAccessible(page, "status page after the clarification");

    // The officer's desk shows the reply and the same new due date.
    await desk.reload();
    await expect.poll(() => desk.getByTestId("desk").getAttribute("data-status")).toBe("in_process");
    const deskText = await desk.getByTestId("desk").textContent();
    expect(deskText).toContain(`La institución responde a más tardar el ${newDue}.`);
    expect(await desk.getByTestId("desk-clarification").textContent()).toContain("aldea Xepocol");
  });
});
