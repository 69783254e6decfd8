// From drafting to implementation in Chromium (issue #13), as its people do it, by links from where each starts:
// an organizer publishes a draft of five sections; a facilitator's enrolled phone reads it, goes offline, reads it
// again from its own copy, and keeps three amendments on sections 2 and 4 (one citing an input taken at the
// workshop); back online they arrive once; the organizer accepts one and turns two down with reasons, and publishes
// version 2; the public page shows what changed in section 2 and names the accepted amendment. Then the GAE's
// officer reports on a milestone with a PDF and version 2 of the text, a civil-society organisation posts a
// contrary assessment, and the public milestone page shows both; the PDF downloads from its /evidencia/<sha256>
// address with that hash. Accessible on every new screen.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { launchBrowser, seriousA11yViolations, serviceWorkerInControl } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";
import { captureInputs } from "../support/gated-phone";
import { serverRowsIn } from "../support/server-rows";

const session = useE2eSession();
const PASSWORD = "seguimiento con evidencia";
const ACTA = Buffer.from("%PDF-1.4\n% Acta de la primera mesa técnica de gobierno electrónico\n%%EOF\n");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const DRAFT = `# Propósito
Una estrategia de gobierno electrónico hecha con las comunidades.

# Ventanilla única
Una sola entrada para pedir información pública, con registro previo.

# Datos abiertos
Las instituciones publican sus datos cada año.

# Idiomas
Los servicios se ofrecen en español.

# Seguimiento
La comisión informa cada seis meses.
`;
const ACCEPTED = {
  reason: "La comunidad pidió que nadie tenga que registrarse para preguntar.",
  proposed: "Una sola entrada para pedir información pública, sin registro obligatorio.",
};

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

function serverRows<T>(sql: string, ...params: unknown[]): T[] {
  return serverRowsIn<T>(session.server.dataDir, sql, ...params);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${session.server.url}/entrar`);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByRole("button", { name: /^Salir/ }).waitFor();
}

async function signInToTracker(page: Page, email: string) {
  await signIn(page, email);
  await page.getByRole("link", { name: "Ir al seguimiento de compromisos" }).click();
  await page.getByRole("heading", { name: "Seguimiento de compromisos", level: 1 }).waitFor();
  await page.getByTestId("work-milestone").first().waitFor();
}

/** Opens the first milestone's form, fills it and publishes; waits for the screen's word that it was published. */
async function report(
  page: Page,
  status: string,
  text: string,
  file: { name: string; buffer: Buffer },
  draftVersion?: string,
) {
  const milestone = page.getByTestId("work-milestone").first();
  await milestone.getByText("Informar sobre este hito").click();
  await milestone.getByLabel("Fecha del avance").fill("2019-03-14");
  await milestone.getByLabel("Estado del hito").selectOption({ label: status });
  await milestone.getByLabel("Qué se hizo, y qué muestra la evidencia").fill(text);
  await milestone
    .getByLabel("Archivos de evidencia (PDF, fotos; opcional)")
    .setInputFiles({ name: file.name, mimeType: "application/pdf", buffer: file.buffer });
  if (draftVersion) await milestone.getByLabel(/como evidencia/).selectOption({ label: draftVersion });
  await milestone.getByRole("button", { name: "Publicar" }).click();
  await milestone.getByText("Publicado. Ya se ve en la página pública.").waitFor();
}

/** On the phone's draft page: keeps an amendment to section `n` on the phone. */
async function amend(page: Page, n: number, reason: string, proposed: string, cite?: RegExp) {
  const section = page.getByTestId("draft-section").nth(n - 1);
  await section.getByText("Comentar esta sección").click();
  await section.getByRole("radio", { name: "Proponer otra redacción" }).check();
  await section.getByLabel("Por qué propone el cambio").fill(reason);
  await section.getByLabel("Cómo debería decir la sección").fill(proposed);
  if (cite) await section.getByRole("checkbox", { name: cite }).check();
  await section.getByRole("button", { name: "Guardar en este teléfono" }).click();
  await section.getByText(/^Guardado en este teléfono/).waitFor();
  await section.getByText("Comentar esta sección").click();
}

describe("drafting and implementation tracking in Chromium", () => {
  it("takes a text from draft to version 2 with field amendments, then tracks the milestone with two voices", async () => {
    for (const [email, role, extra] of [
      ["redaccion@gae.gob.gt", "organizer", {}],
      ["uip@gae.gob.gt", "officer", { institution: "GAE" }],
      ["monitoreo@redciudadana.org.gt", "civil_society", { organisation: "Red Ciudadana" }],
    ] as const)
      createUserWithCli(session.server.dataDir, { email, name: email, role, password: PASSWORD, ...extra });

    // 1. The organizer writes the draft in Markdown, tied to the consultation, and publishes version 1.
    const staff = await session.browser.context.newPage();
    await signIn(staff, "redaccion@gae.gob.gt");
    await staff.getByRole("link", { name: "Redacción" }).click();
    await staff.getByRole("heading", { name: "Redacción participativa", level: 1 }).waitFor();
    await expectAccessible(staff, "drafting (organizer, list)");
    await staff.getByLabel("Título").fill("Estrategia Nacional de Gobierno Electrónico: borrador");
    await staff.getByLabel(/Consulta cuyos aportes/).selectOption({ index: 1 });
    await staff.getByLabel("Texto en Markdown").fill(DRAFT);
    await staff.getByRole("button", { name: "Crear el texto" }).click();
    await staff.getByText("versión 1 en edición").waitFor();
    expect(await staff.getByLabel(/^Título de la sección/).count()).toBe(5);
    await expectAccessible(staff, "drafting (organizer, editing)");
    await staff.getByRole("button", { name: "Publicar la versión 1" }).click();
    await staff.getByText("Versión 1 publicada. Ya se puede comentar.").waitFor();

    // 2. The facilitator's enrolled phone takes an input at the workshop and opens the draft from its home.
    const phoneBrowser = await launchBrowser();
    try {
      const phone = await phoneBrowser.context.newPage();
      await phone.goto(session.server.url);
      await serviceWorkerInControl(phone);
      await enrolPhone(phone, session.server);
      await phone.goto(session.server.url);
      await phone.getByRole("link", { name: /Capturar aportes: Estrategia Nacional/ }).click();
      await captureInputs(phone, ["Para ver sin registrarme cuánto gasta mi municipio"]);
      await phone.goto(session.server.url);
      await phone.getByRole("link", { name: "Textos en redacción: léalos y coméntelos" }).click();
      await phone
        .getByRole("link", { name: /Estrategia Nacional de Gobierno Electrónico: borrador/ })
        .click();
      await phone.getByTestId("draft-section").nth(4).waitFor();
      await expectAccessible(phone, "draft (public, version 1)");

      // Offline, the phone reads the draft again from its own copy and keeps three amendments.
      await phoneBrowser.context.setOffline(true);
      // The browser's HTTP cache would answer for a minute (max-age=60); days later only the phone's copy is left.
      const cdp = await phoneBrowser.context.newCDPSession(phone);
      await cdp.send("Network.clearBrowserCache");
      await cdp.detach();
      await phone.reload();
      await phone.getByText(/^Sin conexión: está leyendo la copia guardada/).waitFor();
      expect(await phone.getByTestId("draft-section").count()).toBe(5);
      await amend(phone, 2, ACCEPTED.reason, ACCEPTED.proposed, /cuánto gasta mi municipio/);
      await amend(
        phone,
        2,
        "Que la ventanilla esté solo en la capital departamental.",
        "Una sola entrada en cada cabecera departamental.",
      );
      await amend(
        phone,
        4,
        "Que los servicios se ofrezcan solo en inglés y español.",
        "Los servicios se ofrecen en español y en inglés.",
      );
      const kept = phone.getByTestId("phone-comment");
      await expect.poll(() => kept.count()).toBe(3);
      for (let i = 0; i < 3; i++) expect(await kept.nth(i).getAttribute("data-state")).toBe("pending");
      expect(serverRows("select id from draft_comments")).toHaveLength(0);
      await expectAccessible(phone, "draft (phone, kept offline)");

      // Online again: the three arrive, once each, signed by the phone.
      await phoneBrowser.context.setOffline(false);
      await expect
        .poll(async () => (await kept.evaluateAll((items) => items.map((i) => i.dataset.state))).join(","), {
          timeout: 60_000,
        })
        .toBe("sent,sent,sent");
      const arrived = serverRows<{
        id: string;
        channel: string;
        device_id: string;
        input_ids: string | null;
      }>("select id, channel, device_id, input_ids from draft_comments");
      expect(arrived).toHaveLength(3);
      expect(new Set(arrived.map((c) => c.id)).size).toBe(3);
      expect(arrived.every((c) => c.channel === "field" && c.device_id)).toBe(true);
      expect(arrived.filter((c) => c.input_ids !== null)).toHaveLength(1);
      expect(
        serverRows("select mutation_id from mutations where type = 'draft.comment' and status = 'applied'"),
      ).toHaveLength(3);
    } finally {
      await phoneBrowser.close();
    }

    // 3. The organizer answers each (one accepted, two not, with reasons), writes version 2 and publishes it.
    await staff.reload();
    const comments = staff.getByTestId("work-comment");
    await expect.poll(() => comments.count()).toBe(3);
    const answers = [
      ["Aceptada", "Se acepta: la ley no exige registro para pedir información."],
      ["No aceptada", "La ventanilla debe llegar a todos los municipios, no solo a las cabeceras."],
      ["No aceptada", "Los idiomas mayas van primero; el inglés no responde a lo pedido en los talleres."],
    ] as const;
    for (const [outcome, reason] of answers) {
      const open = staff
        .getByTestId("work-comment")
        .filter({ has: staff.getByTestId("answer-form") })
        .first();
      await open.getByRole("radio", { name: outcome, exact: true }).check();
      await open.getByLabel("Razón (pública)").fill(reason);
      await open.getByRole("button", { name: "Responder" }).click();
      await staff.getByText(reason).waitFor();
    }
    await expectAccessible(staff, "drafting (organizer, answered)");
    await staff.getByRole("button", { name: "Empezar la versión 2" }).click();
    await staff.getByLabel("Texto de la sección 2").fill(ACCEPTED.proposed);
    await staff.getByRole("button", { name: "Guardar los cambios" }).click();
    await staff.getByText("Cambios guardados.").waitFor();
    await staff.getByRole("button", { name: "Publicar la versión 2" }).click();
    await staff.getByText("Versión 2 publicada. Ya se puede comentar.").waitFor();
    await staff.getByRole("button", { name: /^Salir/ }).click();

    // 4. Anyone sees what changed, and which amendment caused it.
    const citizen = await session.browser.context.newPage();
    await citizen.goto(session.server.url);
    await citizen.getByRole("link", { name: "Textos en redacción: léalos y coméntelos" }).click();
    await citizen
      .getByRole("link", { name: /Estrategia Nacional de Gobierno Electrónico: borrador/ })
      .click();
    await citizen
      .getByTestId("draft-version")
      .getByText(/^Versión 2, publicada/)
      .waitFor();
    await citizen.getByRole("link", { name: "Qué cambió de la versión 1 a la 2, y por qué" }).click();
    const changes = citizen.getByTestId("change");
    await changes.first().waitFor();
    expect(await changes.count()).toBe(1);
    const change = changes.first();
    expect(await change.getAttribute("data-kind")).toBe("changed");
    expect(await change.getByRole("heading").textContent()).toContain("Ventanilla única");
    expect(await change.locator("ins").allTextContents()).toContain("obligatorio.");
    const causes = change.getByTestId("causes");
    expect(await causes.textContent()).toContain(ACCEPTED.reason);
    expect(await causes.textContent()).toContain("Se acepta: la ley no exige registro");
    expect(await causes.textContent()).not.toContain("cabecera");
    expect(await citizen.getByText("4 secciones sin cambios.").count()).toBe(1);
    await expectAccessible(citizen, "draft changes");
    // A citizen comments on version 2 without an account, and sees the comment waiting for its answer.
    await citizen.getByRole("link", { name: "Versión 2" }).click();
    const purpose = citizen.getByTestId("draft-section").first();
    await purpose.getByText("Comentar esta sección").click();
    await purpose.getByLabel("Su comentario").fill("Que el propósito nombre a los pueblos indígenas.");
    await purpose.getByRole("button", { name: "Enviar" }).click();
    await purpose
      .getByTestId("comment")
      .getByText("Que el propósito nombre a los pueblos indígenas.")
      .waitFor();
    expect(await purpose.getByTestId("answer").textContent()).toBe("Esperando respuesta");
    await expectAccessible(citizen, "draft (public, version 2, commented)");
    await citizen.close();

    // 5. The GAE's officer reports progress with the minutes and version 2 of the text.
    await signInToTracker(staff, "uip@gae.gob.gt");
    expect(await staff.getByTestId("work-milestone").count()).toBe(4);
    await expectAccessible(staff, "follow-up (officer)");
    await report(
      staff,
      "Avance sustancial",
      "Se realizó la primera mesa técnica con sociedad civil; se adjunta el acta y el texto acordado.",
      { name: "acta-mesa-tecnica.pdf", buffer: ACTA },
      "Estrategia Nacional de Gobierno Electrónico: borrador, versión 2",
    );
    await staff.getByRole("button", { name: /^Salir/ }).click();

    // 6. A civil-society organisation disagrees, with its own evidence.
    await signInToTracker(staff, "monitoreo@redciudadana.org.gt");
    expect(await staff.getByTestId("work-milestone").count()).toBe(6);
    await report(
      staff,
      "Avance limitado",
      "La mesa no incluyó a organizaciones de fuera de la capital; el acta no recoge sus propuestas.",
      {
        name: "informe-sociedad-civil.pdf",
        buffer: Buffer.from("%PDF-1.4\n% Informe de sociedad civil\n%%EOF\n"),
      },
    );
    await staff.close();

    // 7. A citizen finds both from the front door, with no account, and the evidence by its hash.
    const reader = await session.browser.context.newPage();
    await reader.goto(session.server.url);
    await reader.getByRole("link", { name: "Compromisos de gobierno abierto: avance y evidencia" }).click();
    await reader.getByRole("heading", { name: "Compromisos de gobierno abierto" }).waitFor();
    await expectAccessible(reader, "commitments");
    await reader.getByRole("link", { name: /^GT0092:/ }).click();
    const first = reader.getByTestId("milestone").first();
    await first.waitFor();
    expect(await first.getAttribute("data-verifiable")).toBe("true");
    expect(await first.getByTestId("side-government").textContent()).toContain("Avance sustancial");
    expect(await first.getByTestId("side-civil_society").textContent()).toContain("Avance limitado");
    expect(await reader.getByTestId("tracker-summary").textContent()).toBe(
      "1 de 6 hitos tienen evidencia que se puede verificar.",
    );
    expect(await reader.getByTestId("milestone").nth(1).getByTestId("verifiable").textContent()).toContain(
      "Sin evidencia",
    );
    await first.getByText("Historial del hito").click();
    await expectAccessible(reader, "commitment");
    const link = first.getByRole("link", { name: /^acta-mesa-tecnica\.pdf/ });
    expect(await link.getAttribute("href")).toBe(`/evidencia/${sha256(ACTA)}`);
    const response = await reader.request.get(`${session.server.url}/evidencia/${sha256(ACTA)}`);
    expect(response.status()).toBe(200);
    expect(sha256(Buffer.from(await response.body()))).toBe(sha256(ACTA));
    const kept = await readFile(`${session.server.dataDir}/files/evidence/${sha256(ACTA)}`);
    expect(sha256(kept)).toBe(sha256(ACTA));
    // The text the milestone rests on is evidence too, by its own hash: version 2 with the accepted wording.
    const text = first.getByRole("link", { name: /^borrador-.*-v2\.md/ });
    const textBytes = Buffer.from(
      await (await reader.request.get(`${session.server.url}${await text.getAttribute("href")}`)).body(),
    );
    expect((await text.getAttribute("href"))?.endsWith(sha256(textBytes))).toBe(true);
    expect(textBytes.toString("utf8")).toContain(ACCEPTED.proposed);
    await reader.close();
  });
});
