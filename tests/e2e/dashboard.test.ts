// The results dashboard in Chromium over a consultation of 5,000 signed inputs from three workshops: charts
// render, filters narrow them, small cells stay hidden, and the page passes axe.
import { describe, expect, it } from "vitest";
import { saveConsultation } from "../../src/server/consultations/consultation-store";
import { openStorage } from "../../src/server/storage/database";
import { createUserWithCli } from "../support/admin-cli";
import { seriousA11yViolations } from "../support/browser";
import { codesForProcess } from "../support/devices";
import { useE2eSession } from "../support/e2e-session";
import { allTypesConsultation } from "../support/factories";
import { seedResults } from "../support/seed-results";

const session = useE2eSession();
const PASSWORD = "tableros que se leen";

describe("results dashboard in Chromium", () => {
  it("renders the charts of 5,000 inputs and narrows them to one municipality", async () => {
    const consultation = allTypesConsultation({ title: { es: "Prioridades de Quiché y Quetzaltenango" } });
    const storage = await openStorage({ dataDir: session.server.dataDir });
    try {
      await saveConsultation(storage.db, consultation);
    } finally {
      await storage.close();
    }
    await seedResults(
      session.server.url,
      codesForProcess({ dataDir: session.server.dataDir }),
      consultation,
      5_000,
    );
    createUserWithCli(session.server.dataDir, {
      email: "tablero@segeplan.gob.gt",
      name: "Tablero",
      role: "organizer",
      password: PASSWORD,
    });

    const page = await session.browser.context.newPage();
    await page.goto(`${session.server.url}/entrar`);
    await page.getByLabel("Correo electrónico").fill("tablero@segeplan.gob.gt");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("link", { name: "Ir a resultados y exportaciones" }).click();
    const card = page.getByTestId("results-consultation").filter({ hasText: "Prioridades de Quiché" });
    await card.getByRole("link", { name: "Ver el tablero" }).click();

    const total = page.getByTestId("dash-total");
    await expect.poll(() => total.textContent(), { timeout: 20_000 }).toMatch(/^5.?000 aportes\./);
    expect(await total.textContent()).toContain("500 de ellos sin taller");
    // Days, themes, places, participants, attendance and every question: each an SVG chart with its title.
    expect(await page.getByTestId("chart").count()).toBe(15);
    await page.getByRole("img", { name: "Aportes por municipio (los 20 con más)" }).waitFor();
    const ranking = page.getByRole("img", { name: /Ordene lo más urgente — puntos \(conteo de Borda\)/ });
    expect(await ranking.locator("rect").count()).toBe(4);
    // Nobody told their people as Xinka: that cell is hidden, not shown as 0.
    expect(
      await page.getByRole("img", { name: "Participantes por pueblo (lo que dijeron de sí)" }).textContent(),
    ).toContain("menos de 5");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel("Departamento", { exact: true }).selectOption({ label: "Quiché" });
    await page.getByLabel("Municipio", { exact: true }).selectOption({ label: "Santa María Nebaj" });
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect.poll(() => total.textContent()).toMatch(/^1.?500 aportes\.\s*$/);
    expect(await page.getByText("Asistencia a 1 talleres: 40 personas.").count()).toBe(1);

    await page.getByLabel("Palabras").fill("aldea");
    await page.getByRole("button", { name: "Buscar" }).click();
    await expect
      .poll(() => page.getByText(/aportes encontrados/).textContent())
      .toContain("50 aportes encontrados");
  });
});
