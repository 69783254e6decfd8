// What a phone costs on the network, counted at its origin (page and service worker both): idle, hidden, and
// with the server down. DESIGN §6's budget; the four phones run side by side, each a minute of real time.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { enrolPhone } from "../support/enrol-phone";
import { captureInputs, type GatedPhone, setHidden, startGatedPhone } from "../support/gated-phone";

const MINUTE = 60_000;

async function openCapture(page: Page, url: string) {
  await page.goto(`${url}/consultas`);
  await page.getByRole("link", { name: /Capturar aportes/ }).click();
  await page.getByRole("heading", { name: "Nuevo aporte" }).waitFor();
}

/** Opens the home screen afresh (the app starts again) and waits until its first exchange ended. */
async function openHome(phone: GatedPhone) {
  await phone.page.goto(phone.proxy.url);
  await phone.page.getByRole("heading", { name: "Envío de datos" }).waitFor();
  await phone.page
    .getByRole("button", { name: "Enviar ahora" })
    .and(phone.page.locator(":enabled"))
    .waitFor();
}

/** Enrols the phone, takes it offline and opens the capture screen (from the service worker). */
async function enrolOffline(phone: GatedPhone) {
  await enrolPhone(phone.page, phone.origin);
  await phone.browser.context.setOffline(true);
  await openCapture(phone.page, phone.proxy.url);
}

async function withPhone(run: (phone: GatedPhone) => Promise<void>) {
  const phone = await startGatedPhone();
  try {
    await run(phone);
  } finally {
    await phone.close();
  }
}

const report = (name: string, requests: { bytesIn: number; bytesOut: number }[]) =>
  console.log(
    `${name}: ${requests.length} API requests, ${requests.reduce((sum, r) => sum + r.bytesIn + r.bytesOut, 0)} bytes`,
  );

// Each phone waits a real minute (and the server-down one up to 90 s more), all four at once.
describe.concurrent("request budget (DESIGN §6)", { timeout: 300_000 }, () => {
  it("an idle phone that is not enrolled, holding one saved input, stays quiet and says why", async ({
    expect,
  }) => {
    await withPhone(async (phone) => {
      await openCapture(phone.page, phone.proxy.url);
      await captureInputs(phone.page, ["Para saber en qué se gasta el dinero de la escuela."]);
      await openHome(phone);
      const from = phone.proxy.now();
      await phone.page.waitForTimeout(MINUTE);
      const requests = phone.proxy.apiRequests(from);
      report("idle, not enrolled, 1 saved input", requests);
      // DESIGN §6 allows 12 a minute; nothing is due within this one (at most the start's pull, late).
      expect(requests.length).toBeLessThanOrEqual(1);
      expect(requests.filter((request) => request.path.startsWith("/api/v1/sync/push"))).toEqual([]);
      const blocked = phone.page.getByTestId("sync-blocked");
      expect(await blocked.getAttribute("data-kind")).toBe("unenrolled");
      expect(await phone.page.getByText("Enviando y recibiendo datos").count()).toBe(0);
    });
  });

  it("an idle enrolled phone with nothing pending stays quiet", async ({ expect }) => {
    await withPhone(async (phone) => {
      await enrolPhone(phone.page, phone.origin);
      await openHome(phone);
      const from = phone.proxy.now();
      await phone.page.waitForTimeout(MINUTE);
      const requests = phone.proxy.apiRequests(from);
      report("idle, enrolled, nothing pending", requests);
      // DESIGN §6 allows 12 a minute; nothing is due within this one (at most the start's pull, late).
      expect(requests.length).toBeLessThanOrEqual(1);
    });
  });

  it("with the server down a minute, a phone with 5 inputs thins out its attempts, then sends them once", async ({
    expect,
  }) => {
    await withPhone(async (phone) => {
      const { page, proxy } = phone;
      await enrolOffline(phone);
      await captureInputs(
        page,
        ["Uno", "Dos", "Tres", "Cuatro", "Cinco"].map((n) => `Aporte número ${n}.`),
      );
      proxy.setDown(true);
      const from = proxy.now();
      await phone.browser.context.setOffline(false);
      await page.waitForTimeout(MINUTE);
      const attempts = proxy.apiRequests(from).map((request) => request.at);
      report("server down 60 s, 5 pending", proxy.apiRequests(from));
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(attempts.length).toBeLessThanOrEqual(15);
      const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
      // Each wait at least as long as the one before (a little slack for the browser's timer).
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]! + 250).toBeGreaterThanOrEqual(gaps[i - 1]!);
      expect(phone.serverInputs()).toEqual([]);

      proxy.setDown(false);
      const back = Date.now();
      await expect.poll(() => phone.serverInputs().length, { timeout: 90_000, interval: 500 }).toBe(5);
      const seconds = (Date.now() - back) / 1000;
      console.log(`server back: all 5 inputs on the server after ${seconds.toFixed(1)} s`);
      expect(seconds).toBeLessThanOrEqual(90);
      expect(new Set(phone.serverInputs()).size).toBe(5);
    });
  });

  it("a hidden tab makes no requests, even with an input waiting and the network back; seen again, it sends", async ({
    expect,
  }) => {
    await withPhone(async (phone) => {
      const { page, proxy } = phone;
      await enrolOffline(phone);
      await captureInputs(page, ["Que publiquen los contratos de la carretera."]);
      await setHidden(page, true);
      const from = proxy.now();
      await phone.browser.context.setOffline(false);
      await page.waitForTimeout(MINUTE);
      const requests = proxy.apiRequests(from);
      report("hidden tab, 1 input waiting, network back", requests);
      // DESIGN §6 allows 6; nothing at all is what a hidden tab (and its service worker) should cost.
      expect(requests).toEqual([]);
      expect(phone.serverInputs()).toEqual([]);

      await setHidden(page, false);
      await expect.poll(() => phone.serverInputs().length, { timeout: 30_000, interval: 250 }).toBe(1);
    });
  });
});
