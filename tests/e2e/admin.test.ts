// The admin screen in Chromium: an admin made by the CLI signs in, gives an institution an officer, adds an
// institution (and is told in plain words when its acronym is taken), keeps the holiday calendar, and
// disables an account, then reads all of it in the audit log. Accessible throughout.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();
const PASSWORD = "administrar con cuidado";

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe("administration in Chromium", () => {
  it("keeps institutions, officers, holidays and accounts", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "admin@tejido.gt",
      name: "Admin",
      role: "admin",
      password: PASSWORD,
    });
    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/admin`);
    await page.getByText("Entre con una cuenta de administración para usar esta pantalla.").waitFor();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("admin@tejido.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a la administración" }).click();
    await page.getByRole("heading", { name: "Instituciones" }).waitFor();
    await expectAccessible(page, "admin");

    // An officer for MINFIN.
    await page.getByLabel("Buscar institución (nombre o siglas)").fill("finanzas");
    await page.getByRole("button", { name: /Editar Ministerio de Finanzas Públicas \(MINFIN\)/ }).click();
    await page.getByRole("heading", { name: "Personal de la unidad de información" }).waitFor();
    const officerForm = page.locator("form", { has: page.locator("#officer-email") });
    await officerForm.getByLabel("Correo electrónico").fill("uip@minfin.gob.gt");
    await officerForm.getByLabel("Nombre").fill("Lucía Tzul");
    await officerForm.getByLabel("Contraseña inicial (12 letras o más)").fill("una contraseña larga");
    await officerForm.getByRole("button", { name: "Nueva cuenta" }).click();
    await page.getByText("Lucía Tzul · uip@minfin.gob.gt", { exact: true }).waitFor();

    // A new institution; then one whose acronym is taken.
    await page.getByRole("button", { name: "Nueva institución" }).click();
    const institutionForm = page.locator("form", { has: page.locator("#inst-name") });
    await institutionForm.getByLabel("Nombre").fill("Registro de Información Catastral");
    await institutionForm.getByLabel("Siglas (letras y números, para los folios)").fill("RIC");
    await institutionForm.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => institutionForm.getByRole("status").textContent()).toBe("Guardado.");
    await page.getByRole("button", { name: "Nueva institución" }).click();
    await institutionForm.getByLabel("Nombre").fill("Otro ministerio");
    await institutionForm.getByLabel("Siglas (letras y números, para los folios)").fill("minfin");
    await institutionForm.getByRole("button", { name: "Guardar" }).click();
    await expect
      .poll(() => institutionForm.getByRole("alert").textContent())
      .toBe("Ya existe una institución con esas siglas. Elija otras.");
    await expectAccessible(page, "admin with an error");

    // A municipality's fair in the calendar (next year's list shows it, beside the law's holidays), the year
    // confirmed, then the fair removed.
    const nextYear = new Date().getFullYear() + 1;
    await page.getByLabel("Fecha").fill(`${nextYear}-07-25`);
    await page.getByLabel("Nombre del feriado").fill("Feria de Santiago");
    await page.getByLabel("Dónde vale").selectOption("municipality");
    await page
      .getByLabel("Municipio", { exact: true })
      .selectOption({ label: "Municipalidad de Santa María Nebaj, Quiché" });
    await page.getByRole("button", { name: "Agregar feriado" }).click();
    const remove = page.getByRole("button", { name: `Quitar Feria de Santiago (${nextYear}-07-25)` });
    await remove.waitFor();
    const added = page.getByTestId("holidays").getByRole("listitem");
    expect(await added.textContent()).toContain("Municipalidad de Santa María Nebaj, Quiché");
    expect(await page.getByTestId("law-holidays").textContent()).toContain("Viernes Santo");
    await expectAccessible(page, "admin calendar");
    // Confirming a year (the seed confirms some): the button turns into its opposite, and back.
    const toggle = page.getByRole("button", {
      name: new RegExp(`^(Confirmar el calendario|Quitar la confirmación) de ${nextYear}$`),
    });
    const before = await toggle.textContent();
    await toggle.click();
    await expect.poll(() => toggle.textContent()).not.toBe(before);
    await toggle.click();
    await expect.poll(() => toggle.textContent()).toBe(before);
    await remove.click();
    await expect.poll(() => remove.count()).toBe(0);

    // The officer's account is disabled.
    await page.getByRole("button", { name: "Desactivar uip@minfin.gob.gt" }).click();
    await page.getByRole("button", { name: "Activar uip@minfin.gob.gt" }).waitFor();

    // What the admin did is in the audit log, newest first, in plain words, and the chain holds.
    await page.reload();
    const audit = page.getByRole("region", { name: "Registro de acciones del personal" });
    await audit.getByText(/^Registro completo y sin cambios\. Acciones registradas: \d+\./).waitFor();
    const lines = audit.getByRole("listitem");
    await expect.poll(() => lines.first().textContent()).toContain("Activó o desactivó una cuenta");
    const text = await audit.textContent();
    for (const action of [
      "Creó una cuenta desde la consola",
      "Entró a Tejido",
      "Creó una institución",
      "Agregó un cierre al calendario",
      "Quitó un cierre del calendario",
    ])
      expect(text).toContain(action);
    expect(text).not.toContain(PASSWORD);
    await expectAccessible(page, "admin with audit log");
  });
});
