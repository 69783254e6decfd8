// The implementation tracker in Chromium (issue #13): the GAE's officer reports progress on a milestone with a
// PDF, a civil-society organisation posts a contrary assessment with its own evidence, and the public page,
// reached by links from the citizen's front door, shows both side by side; the PDF downloads from its
// /evidencia/<sha256> address with exactly that hash. Accessible on every new screen.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();
const PASSWORD = "seguimiento con evidencia";
const ACTA = Buffer.from("%PDF-1.4\n% Acta de la primera mesa técnica de gobierno electrónico\n%%EOF\n");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${session.server.url}/entrar`);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByRole("link", { name: "Ir al seguimiento de compromisos" }).click();
  await page.getByRole("heading", { name: "Seguimiento de compromisos", level: 1 }).waitFor();
  await page.getByTestId("work-milestone").first().waitFor();
}

/** Opens the first milestone's form, fills it and publishes; waits for the screen's word that it was published. */
async function report(page: Page, status: string, text: string, file: { name: string; buffer: Buffer }) {
  const milestone = page.getByTestId("work-milestone").first();
  await milestone.getByText("Informar sobre este hito").click();
  await milestone.getByLabel("Fecha del avance").fill("2019-03-14");
  await milestone.getByLabel("Estado del hito").selectOption({ label: status });
  await milestone.getByLabel("Qué se hizo, y qué muestra la evidencia").fill(text);
  await milestone
    .getByLabel("Archivos de evidencia (PDF, fotos; opcional)")
    .setInputFiles({ name: file.name, mimeType: "application/pdf", buffer: file.buffer });
  await milestone.getByRole("button", { name: "Publicar" }).click();
  await milestone.getByText("Publicado. Ya se ve en la página pública.").waitFor();
}

describe("implementation tracker in Chromium", () => {
  it("shows the government's report and civil society's contrary assessment side by side, with evidence by hash", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "uip@gae.gob.gt",
      name: "Marta",
      role: "officer",
      password: PASSWORD,
      institution: "GAE",
    });
    createUserWithCli(session.server.dataDir, {
      email: "monitoreo@redciudadana.org.gt",
      name: "Luis",
      role: "civil_society",
      password: PASSWORD,
      organisation: "Red Ciudadana",
    });

    // The officer reports progress with the meeting's minutes.
    const officer = await session.browser.context.newPage();
    await signIn(officer, "uip@gae.gob.gt");
    // Only the GAE's milestones are offered to its officer.
    expect(await officer.getByTestId("work-milestone").count()).toBe(4);
    await expectAccessible(officer, "follow-up (officer)");
    await report(
      officer,
      "Avance sustancial",
      "Se realizó la primera mesa técnica con sociedad civil; se adjunta el acta.",
      {
        name: "acta-mesa-tecnica.pdf",
        buffer: ACTA,
      },
    );
    await officer.getByRole("button", { name: /^Salir/ }).click();

    // A civil-society organisation disagrees, with its own evidence.
    const civil = officer;
    await signIn(civil, "monitoreo@redciudadana.org.gt");
    expect(await civil.getByTestId("work-milestone").count()).toBe(6);
    await report(
      civil,
      "Avance limitado",
      "La mesa no incluyó a organizaciones de fuera de la capital; el acta no recoge sus propuestas.",
      {
        name: "informe-sociedad-civil.pdf",
        buffer: Buffer.from("%PDF-1.4\n% Informe de sociedad civil\n%%EOF\n"),
      },
    );
    await civil.close();

    // A citizen finds it from the front door, with no account.
    const citizen = await session.browser.context.newPage();
    await citizen.goto(session.server.url);
    await citizen.getByRole("link", { name: "Compromisos de gobierno abierto: avance y evidencia" }).click();
    await citizen.getByRole("heading", { name: "Compromisos de gobierno abierto" }).waitFor();
    await expectAccessible(citizen, "commitments");
    await citizen.getByRole("link", { name: /^GT0092:/ }).click();
    const first = citizen.getByTestId("milestone").first();
    await first.waitFor();
    expect(await first.getAttribute("data-verifiable")).toBe("true");
    expect(await first.getByTestId("side-government").textContent()).toContain("Avance sustancial");
    expect(await first.getByTestId("side-civil_society").textContent()).toContain("Avance limitado");
    expect(await citizen.getByTestId("tracker-summary").textContent()).toBe(
      "1 de 6 hitos tienen evidencia que se puede verificar.",
    );
    expect(await citizen.getByTestId("milestone").nth(1).getByTestId("verifiable").textContent()).toContain(
      "Sin evidencia",
    );
    await first.getByText("Historial del hito").click();
    await expectAccessible(citizen, "commitment");
    const link = first.getByRole("link", { name: /^acta-mesa-tecnica\.pdf/ });
    expect(await link.getAttribute("href")).toBe(`/evidencia/${sha256(ACTA)}`);
    const response = await citizen.request.get(`${session.server.url}/evidencia/${sha256(ACTA)}`);
    expect(response.status()).toBe(200);
    expect(sha256(Buffer.from(await response.body()))).toBe(sha256(ACTA));
    // The same bytes are on the server's disk under that name, and nowhere else is the file replaced.
    const kept = await readFile(`${session.server.dataDir}/files/evidence/${sha256(ACTA)}`);
    expect(sha256(kept)).toBe(sha256(ACTA));
    await citizen.close();
  });
});
