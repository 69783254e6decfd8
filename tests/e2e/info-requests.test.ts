// Information requests end to end in Chromium: a citizen files offline with no account, reloads, reconnects and
// gets folio + code; an officer extends and answers with a file; the citizen sees the answer and downloads the
// file; a wrong code reveals nothing; the last status stays readable offline; a facilitator's oral request
// flows the same way; the statistics page counts it all.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import {
  type Browser,
  launchBrowser,
  seriousA11yViolations,
  serviceWorkerInControl,
} from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { serverRowsIn } from "../support/server-rows";

const session = useE2eSession();
const PASSWORD = "acceso a la información 57-2008";
const ANSWER_FILE = Buffer.from(
  "municipio,monto\nSanta María Nebaj,1234.50\nSan Juan Ostuncalco,99.00\n",
  "utf8",
);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
let officerBrowser: Browser | undefined;
afterAll(() => officerBrowser?.close());

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

function serverRows<T>(sql: string, ...params: unknown[]): T[] {
  return serverRowsIn<T>(session.server.dataDir, sql, ...params);
}

/** Fills and saves the request form; returns the receipt's provisional and tracking codes. */
async function fileRequest(page: Page, search: string, institution: RegExp, oral: boolean) {
  await page.getByRole("link", { name: "Pedir información" }).click();
  await page.getByRole("link", { name: "Nueva solicitud" }).click();
  await page.getByRole("heading", { name: "Nueva solicitud de información" }).waitFor();
  await page.getByLabel("Institución a la que le pide la información").fill(search);
  await page.getByRole("button", { name: institution }).click();
  await page
    .getByLabel("¿Qué información necesita?")
    .fill("El presupuesto ejecutado en 2025 por renglón, con las compras de más de Q 90,000.");
  await page.getByLabel("Su nombre").fill(oral ? "Tomás Raxón Ixcoy" : "María Ixchel Bernal");
  await page.getByRole("radio", { name: "Copia electrónica" }).check();
  if (oral) await page.getByLabel("Registro esta solicitud por otra persona que la pidió de palabra").check();
  await page.getByRole("button", { name: "Guardar solicitud" }).click();
  await page.getByRole("heading", { name: "Comprobante de solicitud" }).waitFor();
  return {
    provisional: (await page.getByTestId("provisional-code").textContent())!.trim(),
    code: (await page.getByTestId("tracking-code").textContent())!.trim(),
  };
}

describe("information requests in Chromium", () => {
  it("files offline, reaches the officer, and the answer comes back to folio + code", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "uip@minfin.gob.gt",
      name: "Unidad de Información MINFIN",
      role: "officer",
      institution: "MINFIN",
      password: PASSWORD,
    });
    const page = await session.browser.context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));

    // Online once: the app installs and the phone keeps the list of institutions.
    await page.goto(session.server.url);
    await serviceWorkerInControl(page);
    await page.getByRole("link", { name: "Pedir información" }).click();
    await page.getByRole("heading", { name: "Pedir información pública" }).waitFor();
    await expectAccessible(page, "requests home");
    await page.getByRole("link", { name: "Nueva solicitud" }).click();
    await page.getByLabel("Institución a la que le pide la información").fill("finanzas");
    await page.getByRole("button", { name: /Ministerio de Finanzas Públicas \(MINFIN\)/ }).waitFor();

    // No signal from here on.
    await session.browser.context.setOffline(true);
    await expect.poll(() => page.getByTestId("connection").textContent()).toContain("Sin conexión");
    await page.getByRole("button", { name: "Guardar solicitud" }).click();
    const summary = page.getByRole("alert").first();
    await expect.poll(() => summary.textContent()).toContain("Elija la institución.");
    await expectAccessible(page, "new request with errors");
    await page.getByRole("link", { name: "Pedir información" }).click();

    const citizen = await fileRequest(page, "MINFIN", /Ministerio de Finanzas Públicas/, false);
    expect(citizen.provisional).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(citizen.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // A receipt to keep: what was asked, when, and where to look, in words as well as the QR.
    expect(await page.getByTestId("asked").textContent()).toBe(
      "El presupuesto ejecutado en 2025 por renglón, con las compras de más de Q 90,000.",
    );
    expect(await page.getByTestId("filed-at").textContent()).toMatch(/20\d\d/);
    const host = new URL(session.server.url).host;
    expect(await page.getByTestId("where").textContent()).toBe(
      `Para ver cómo va: entre a ${host}/solicitudes/estado y escriba el código provisional y el código secreto.`,
    );
    await expectAccessible(page, "receipt (pending)");

    // An offline reload keeps the request and its codes.
    await page.reload();
    await page.getByTestId("receipt").waitFor();
    expect(await page.getByTestId("receipt").getAttribute("data-state")).toBe("pending");
    expect((await page.getByTestId("tracking-code").textContent())?.trim()).toBe(citizen.code);
    expect(serverRows("select id from info_requests")).toHaveLength(0);

    // The signal comes back: the request goes out and the folio comes back to the receipt.
    await session.browser.context.setOffline(false);
    await expect
      .poll(() => page.getByTestId("receipt").getAttribute("data-state"), { timeout: 30_000 })
      .toBe("sent");
    const folio = (await page.getByTestId("folio").textContent())!.trim();
    expect(folio).toMatch(/^MINFIN-\d{4}-\d{6}$/);
    // With the folio, two codes only: the folio and the secret code; the provisional one is no longer shown.
    expect(await page.getByTestId("provisional-code").count()).toBe(0);
    expect(await page.getByTestId("where").textContent()).toBe(
      `Para ver cómo va: entre a ${host}/solicitudes/estado y escriba el folio y el código secreto.`,
    );
    await expectAccessible(page, "receipt (sent)");

    // The officer, on another browser, extends the term and answers with a file.
    officerBrowser = await launchBrowser();
    const desk = await officerBrowser.context.newPage();
    await desk.goto(`${session.server.url}/entrar`);
    await desk.getByLabel("Correo electrónico").fill("uip@minfin.gob.gt");
    await desk.getByLabel("Contraseña").fill(PASSWORD);
    await desk.getByRole("button", { name: "Entrar" }).click();
    await desk.getByRole("link", { name: "Ir a la bandeja de solicitudes" }).click();
    await desk.getByRole("link", { name: folio }).waitFor();
    await expectAccessible(desk, "officer inbox");
    await desk.getByRole("link", { name: folio }).click();
    await desk.getByTestId("desk").waitFor();
    await expectAccessible(desk, "officer desk");
    await desk.getByLabel("Acción").selectOption({ label: "Ampliar el plazo (una sola vez)" });
    await desk.getByLabel("Días hábiles más (1 a 10)").fill("10");
    await desk.getByLabel("Motivo").fill("Hay que reunir datos de varias direcciones.");
    await desk.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => desk.getByTestId("desk").getAttribute("data-status")).toBe("extended");
    await desk.getByLabel("Acción").selectOption({ label: "Responder" });
    await desk
      .getByLabel("Texto para la persona solicitante")
      .fill("Adjuntamos el presupuesto ejecutado por renglón.");
    await desk
      .getByLabel("Archivos de la respuesta")
      .setInputFiles({ name: "presupuesto-ñandú.csv", mimeType: "text/csv", buffer: ANSWER_FILE });
    await expectAccessible(desk, "officer answering");
    await desk.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => desk.getByTestId("desk").getAttribute("data-status")).toBe("delivered");
    expect(await desk.getByTestId("notice").textContent()).toContain("todavía no ha visto la respuesta");

    // Back on the phone (the app opened again), the receipt already says it was answered: the pull brought
    // the new status to the phone that filed it, with no folio or code typed.
    await page.reload();
    const pulled = page.getByTestId("receipt").getByTestId("request-status");
    await expect.poll(() => pulled.getAttribute("data-status"), { timeout: 30_000 }).toBe("delivered");
    expect(await pulled.textContent()).toContain("Respondida");

    // The citizen follows the receipt's link: the answer and its file.
    await page.getByRole("link", { name: "Ver el estado" }).click();
    const status = page.getByTestId("request-status");
    await expect.poll(() => status.getAttribute("data-status")).toBe("delivered");
    expect(await page.getByTestId("answer-text").textContent()).toBe(
      "Adjuntamos el presupuesto ejecutado por renglón.",
    );
    await expectAccessible(page, "status with answer");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("answer-file").click(),
    ]);
    expect(download.suggestedFilename()).toBe("presupuesto-ñandú.csv");
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(ANSWER_FILE));

    // Seeing the answer was the notification: the officer's desk says the appeal term runs from it.
    await desk.reload();
    await expect
      .poll(() => desk.getByTestId("notice").textContent())
      .toMatch(/^La persona vio la respuesta el .+: desde ese día corre el plazo del recurso de revisión\.$/);

    // A wrong code and a folio that does not exist get the same answer.
    const notFound =
      "No encontramos una solicitud con ese folio y ese código. Revise que estén bien escritos.";
    await page.getByLabel("Código de seguimiento").fill("AAAA-BBBB-CCCC-DDDD");
    await page.getByRole("button", { name: "Ver estado" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(notFound);
    expect(await status.count()).toBe(0);
    await page.getByLabel("Folio (por ejemplo MINFIN-2026-000042)").fill(folio.replace(/\d{6}$/, "999999"));
    await page.getByLabel("Código de seguimiento").fill(citizen.code);
    await page.getByRole("button", { name: "Ver estado" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(notFound);

    // Offline, the status last seen is still there, after a full reload of the app.
    await session.browser.context.setOffline(true);
    await page.goto(`${session.server.url}/solicitudes`);
    await page.goto(`${session.server.url}/solicitudes/estado#folio=${folio}&codigo=${citizen.code}`);
    await expect.poll(() => page.getByTestId("request-status").getAttribute("data-status")).toBe("delivered");
    expect(await page.getByRole("status").textContent()).toBe(
      "Sin conexión. Se muestra lo último que se vio en este teléfono.",
    );

    // A facilitator registers a citizen's oral request in the field, offline, and hands over the receipt.
    await page.goto(`${session.server.url}/solicitudes`);
    const oral = await fileRequest(page, "nebaj", /Nebaj/, true);
    await session.browser.context.setOffline(false);
    await expect
      .poll(() => page.getByTestId("receipt").getAttribute("data-state"), { timeout: 30_000 })
      .toBe("sent");
    const oralFolio = (await page.getByTestId("folio").textContent())!.trim();
    expect(oralFolio).toMatch(/^MUNI1413-\d{4}-000001$/);
    // The provisional code printed on the spot works too.
    await page.goto(`${session.server.url}/solicitudes/estado#folio=${oral.provisional}&codigo=${oral.code}`);
    await expect.poll(() => page.getByTestId("request-status").getAttribute("data-status")).toBe("received");
    // Handing the code over erases it from the facilitator's phone.
    await page.goto(`${session.server.url}/solicitudes`);
    await page.getByRole("link", { name: `Ver comprobante: ${oralFolio}` }).click();
    await page.getByRole("button", { name: "Ya anoté o entregué el código" }).click();
    await page.getByRole("button", { name: "Sí, borrarlo" }).click();
    await page.getByText("El código de seguimiento ya se borró de este teléfono.").waitFor();

    // The server holds each request exactly once, the oral one marked so, and the verified file.
    const rows = serverRows<{ folio: string; channel: string; status: string }>(
      "select folio, channel, status from info_requests order by folio",
    );
    expect(rows).toEqual([
      { folio, channel: "web", status: "delivered" },
      { folio: oralFolio, channel: "oral", status: "received" },
    ]);
    expect(serverRows<{ sha256: string }>("select sha256 from attachments")).toEqual([
      { sha256: sha256(ANSWER_FILE) },
    ]);

    // Public statistics count them.
    await page.goto(`${session.server.url}/estadisticas`);
    const table = page.getByTestId("stats-table");
    await table.waitFor();
    expect(await table.textContent()).toContain("Ministerio de Finanzas Públicas");
    await expectAccessible(page, "statistics");
    // And they are listed as open data.
    await page.goto(`${session.server.url}/datos`);
    await page.getByTestId("request-statistics").waitFor();
    await expectAccessible(page, "open-data catalogue");
    expect(pageErrors).toEqual([]);
  });
});
