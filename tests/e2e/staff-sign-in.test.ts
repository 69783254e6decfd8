// Staff sign in from the PWA with an account made by the admin CLI: errors in plain words, a session that
// survives a reload, and sign-out.
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession();
const PASSWORD = "la milpa da maíz y frijol";

describe("staff sign-in", () => {
  it("signs in an organizer, keeps the session across a reload and signs out", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "ana@segeplan.gob.gt",
      name: "Ana",
      role: "organizer",
      password: PASSWORD,
    });

    const page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await page.getByRole("link", { name: "¿Trabaja en una institución? Entrar" }).click();
    await page.getByRole("heading", { name: "Entrar como personal" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel("Correo electrónico").fill("ana@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill("no es esta");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("El correo o la contraseña no son correctos.");

    // A second failure makes the next attempt wait a full second; right away, even the right password waits.
    await page.waitForTimeout(600);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("El correo o la contraseña no son correctos.");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toMatch(/^Demasiados intentos\. Vuelva a intentar en \d+ s\.$/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.waitForTimeout(1_100);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect
      .poll(() => page.getByTestId("signed-in").textContent())
      .toBe("Entró como Ana (organización).");

    await page.reload();
    await expect
      .poll(() => page.getByTestId("signed-in").textContent())
      .toBe("Entró como Ana (organización).");
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Cerró la sesión.");
    await page.getByLabel("Correo electrónico").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("gives each role its own links in the header, and a way out from any screen", async () => {
    createUserWithCli(session.server.dataDir, {
      email: "beto@segeplan.gob.gt",
      name: "Beto",
      role: "organizer",
      password: PASSWORD,
    });
    createUserWithCli(session.server.dataDir, {
      email: "uip@minfin.gob.gt",
      name: "Carmen",
      role: "officer",
      password: PASSWORD,
      institution: "MINFIN",
    });
    const page = await session.browser.context.newPage();
    const signInAs = async (email: string) => {
      await page.goto(`${session.server.url}/entrar`);
      await page.getByLabel("Correo electrónico").fill(email);
      await page.getByLabel("Contraseña").fill(PASSWORD);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByTestId("signed-in").waitFor();
    };
    const work = page.getByRole("navigation", { name: "Su trabajo" });

    // Before signing in, the header has no staff links.
    await page.goto(session.server.url);
    await page.getByRole("navigation", { name: "Menú principal" }).waitFor();
    expect(await work.count()).toBe(0);

    // An organizer reaches the phones screen from the header, then leaves from there.
    await signInAs("beto@segeplan.gob.gt");
    expect(await work.getByRole("link").allTextContents()).toEqual([
      "Diseñar consultas",
      "Redacción",
      "Resultados",
      "Teléfonos",
    ]);
    await work.getByRole("link", { name: "Teléfonos" }).click();
    await page.getByRole("heading", { name: "Teléfonos del trabajo de campo", level: 1 }).waitFor();
    expect(await work.getByRole("link", { name: "Teléfonos" }).getAttribute("aria-current")).toBe("page");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await work.getByRole("button", { name: "Salir (Beto)" }).click();
    await page.getByRole("heading", { name: "Entrar como personal" }).waitFor();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Cerró la sesión.");
    expect(await work.count()).toBe(0);
    expect((await page.request.get(`${session.server.url}/api/v1/auth/me`)).status()).toBe(401);

    // An officer gets the inbox, the annual report and the follow-up of the institution's commitments instead.
    await signInAs("uip@minfin.gob.gt");
    expect(await work.getByRole("link").allTextContents()).toEqual([
      "Solicitudes recibidas",
      "Informe anual",
      "Seguimiento de compromisos",
    ]);
    await work.getByRole("link", { name: "Solicitudes recibidas" }).click();
    await page.getByRole("heading", { name: "Solicitudes de información" }).waitFor();
    await work.getByRole("button", { name: "Salir (Carmen)" }).click();
    await page.getByRole("heading", { name: "Entrar como personal" }).waitFor();
  });
});
