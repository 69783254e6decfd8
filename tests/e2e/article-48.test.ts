// The officer reaches the yearly LAIP Art. 48 report from the inbox, in Chromium: the year's figures of their
// institution, accessible, with the CSV of every request beside them.
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { makeRequest, postJson, seededInstitution } from "../support/requests";

const session = useE2eSession();
const PASSWORD = "una contraseña larga";

describe("the yearly report in Chromium", () => {
  it("is one link from the inbox and counts the institution's requests of the year", async () => {
    const minfin = seededInstitution("MINFIN");
    createUserWithCli(session.server.dataDir, {
      email: "uip@minfin.gob.gt",
      name: "UIP",
      role: "officer",
      institution: "MINFIN",
      password: PASSWORD,
    });
    for (let i = 0; i < 3; i++) {
      const filed = await postJson(
        `${session.server.url}/api/v1/requests`,
        makeRequest({ institutionId: minfin.id }),
      );
      expect(filed.status).toBe(201);
    }
    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("uip@minfin.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a la bandeja de solicitudes" }).click();
    await page.getByRole("link", { name: "Informe anual (artículo 48)" }).click();
    await page.getByLabel("Año", { exact: true }).selectOption(String(new Date().getFullYear()));
    const figures = page.getByTestId("report-figures");
    await expect
      .poll(() => figures.getByRole("row", { name: /Solicitudes recibidas/ }).textContent())
      .toMatch(/3$/);
    expect(
      await figures
        .getByRole("row", { name: /^Pendientes\b/ })
        .first()
        .textContent(),
    ).toMatch(/3$/);
    expect(
      await page.getByRole("link", { name: "Descargar cada solicitud (CSV)" }).getAttribute("href"),
    ).toMatch(/format=csv/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
