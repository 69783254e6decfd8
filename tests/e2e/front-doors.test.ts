// The citizen's front door in Chromium: painted without moving, every public screen reached by links from it,
// readable with a screen reader (axe) at 360 px and at 200 % zoom, and no sideways scroll at 320 px.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { DEMO_COMMITMENT_ID } from "../../src/server/tracker/demo-commitment";
import { seriousA11yViolations } from "../support/browser";
import { useE2eSession } from "../support/e2e-session";

const session = useE2eSession(() => ({
  SITE_OPERATOR: "Municipalidad de San Juan Ostuncalco, Quetzaltenango",
  SITE_CONTACT: "privacidad@sanjuanostuncalco.gob.gt",
}));

/** Every screen a person reaches without an account, and its heading once it is ready. */
const PUBLIC_SCREENS: [path: string, heading: string][] = [
  ["/", "¿Qué quiere hacer?"],
  ["/consultas", "Consultas"],
  ["/solicitudes", "Pedir información pública"],
  ["/solicitudes/nueva", "Nueva solicitud de información"],
  ["/solicitudes/estado", "Estado de una solicitud"],
  ["/estadisticas", "Estadísticas de solicitudes de información"],
  ["/datos", "Datos abiertos"],
  ["/privacidad", "Privacidad"],
  [`/devolucion/${DEMO_CONSULTATION_ID}`, "Estrategia Nacional de Gobierno Electrónico"],
  ["/entrar", "Entrar como personal"],
  ["/inscribir", "Inscribir este teléfono"],
  ["/aportes", "Aportes guardados"],
  ["/compromisos", "Compromisos de gobierno abierto"],
  ["/borradores", "Textos para comentar"],
  [
    `/compromisos/${DEMO_COMMITMENT_ID}`,
    "Diseño e implementación de la Estrategia Nacional y herramientas de Gobierno Electrónico",
  ],
];

async function open(page: Page, path: string, heading: string) {
  await page.goto(`${session.server.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  // Whatever the screen loads for itself (lists, figures) has arrived.
  await expect.poll(() => page.getByText(/^Cargando/).count()).toBe(0);
}

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("front doors", () => {
  it("paints the citizen's front door without moving it, and leads to every public screen by links", async () => {
    const page = await session.browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    // Layout shifts are counted from the first paint of a first visit.
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!entry.hadRecentInput) w.shifts += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await open(page, "/", "¿Qué quiere hacer?");
    await page.waitForFunction(() => performance.getEntriesByName("tejido:app-rendered").length > 0);
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThanOrEqual(
      0.05,
    );
    // Who runs the service, on every screen.
    expect(await page.locator("footer").textContent()).toContain(
      "Responsable del servicio: Municipalidad de San Juan Ostuncalco, Quetzaltenango.",
    );

    const doors: [link: string, heading: string][] = [
      ["Pida información pública", "Nueva solicitud de información"],
      ["Vea cómo va su solicitud", "Estado de una solicitud"],
      ["Participe en una consulta", "Consultas"],
      ["Vea cifras y descargue datos", "Datos abiertos"],
    ];
    for (const [link, heading] of doors) {
      await page.goto(session.server.url);
      await page.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    // From the consultations (pulled on the first visit) to what was done with their inputs; from the footer to
    // the privacy notice.
    await page.getByRole("link", { name: "Consultas", exact: true }).click();
    const results = page.getByRole("link", { name: "Qué se hizo con los aportes" }).first();
    await results.waitFor().catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await page.locator("main").textContent()}`);
    });
    await results.click();
    await page
      .getByRole("heading", { level: 1, name: "Estrategia Nacional de Gobierno Electrónico" })
      .waitFor();
    await page.getByRole("link", { name: "Privacidad: qué se guarda y quién lo ve" }).click();
    await page.getByRole("heading", { level: 1, name: "Privacidad" }).waitFor();
    expect(await page.getByTestId("privacy-contact").textContent()).toContain(
      "privacidad@sanjuanostuncalco.gob.gt",
    );
    await page.getByRole("link", { name: "Datos abiertos", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Datos abiertos" }).waitFor();
    await page.getByRole("link", { name: "Tejido", exact: true }).click();
    await page.getByRole("link", { name: "Estadísticas de solicitudes de información" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Estadísticas de solicitudes de información" })
      .waitFor();
    // The open-government commitments, from the front door and from the open-data catalogue.
    await page.getByRole("link", { name: "Tejido", exact: true }).click();
    await page.getByRole("link", { name: "Compromisos de gobierno abierto: avance y evidencia" }).click();
    await page.getByRole("link", { name: /^GT0092: / }).click();
    await page.getByTestId("tracker-summary").waitFor();
    await page.goto(`${session.server.url}/datos`);
    await page.getByRole("link", { name: /^Ver el avance hito por hito: GT0092/ }).click();
    await page.getByTestId("tracker-summary").waitFor();
    await page.close();
  });

  it("reads with a screen reader at 360 px and at 200 % zoom, and never scrolls sideways at 320 px", async () => {
    const page = await session.browser.context.newPage();
    const problems: string[] = [];
    for (const [path, heading] of PUBLIC_SCREENS) {
      await page.setViewportSize({ width: 360, height: 640 });
      await open(page, path, heading);
      const atPhone = await seriousA11yViolations(page);
      if (atPhone.length > 0) problems.push(`${path} at 360 px: ${JSON.stringify(atPhone)}`);

      await page.setViewportSize({ width: 320, height: 640 });
      const sideways = await sidewaysScroll(page);
      if (sideways > 0) problems.push(`${path} scrolls ${sideways} px sideways at 320 px`);

      // 200 % zoom on a 1280 × 800 screen: a 640 × 400 CSS viewport.
      await page.setViewportSize({ width: 640, height: 400 });
      const zoomed = await seriousA11yViolations(page);
      if (zoomed.length > 0) problems.push(`${path} at 200 %: ${JSON.stringify(zoomed)}`);
      const zoomedSideways = await sidewaysScroll(page);
      if (zoomedSideways > 0) problems.push(`${path} scrolls ${zoomedSideways} px sideways at 200 %`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
