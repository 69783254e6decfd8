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
});
