// The organizer's exports in Chromium: a file that arrives with its
// accents and its formula-like texts neutralised.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";
import { makeInput, makeMutation } from "../support/factories";

const session = useE2eSession();
const PASSWORD = "resultados para todos";

describe("exports in Chromium", () => {
  it("downloads the inputs as CSV for Excel and says when it is done", async () => {
    const inputs = Array.from({ length: 120 }, (_, i) =>
      makeInput({
        answers: {
          "tramite-dificil": i === 0 ? '=HYPERLINK("x")' : `Trámite de Peñas ${i}`,
          "canal-preferido": "internet",
        },
      }),
    );
    const deviceId = inputs[0]!.deviceId;
    const pushed = await fetch(`${session.server.url}/api/v1/sync/push`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        deviceId,
        mutations: inputs.map((input, n) => makeMutation({ ...input, deviceId }, n + 1)),
      }),
    });
    expect(pushed.status).toBe(200);
    createUserWithCli(session.server.dataDir, {
      email: "org@segeplan.gob.gt",
      name: "Org",
      role: "organizer",
      password: PASSWORD,
    });

    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("org@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a resultados y exportaciones" }).click();
    await page.getByText("120 aportes · versión 1").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("button", {
          name: /Descargar CSV para Excel: Estrategia Nacional de Gobierno Electrónico/,
        })
        .click(),
    ]);
    await expect
      .poll(() => page.getByTestId("export-status").textContent())
      .toMatch(/^Listo: aportes-.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(121);
    expect(text).toContain("Trámite de Peñas 7");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
