// Browser faults: the tab closed in the middle of a sync, and a phone whose storage is full.
import { describe, expect, it } from "vitest";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";
import { captureInputs, startGatedPhone } from "../support/gated-phone";

const session = useE2eSession();

describe("browser faults", () => {
  it("finishes the sync after the tab is closed mid-push: the service worker sends, the tab reopened shows it once", async () => {
    const phone = await startGatedPhone();
    try {
      const { proxy } = phone;
      const { context } = phone.browser;
      let page = phone.page;
      await enrolPhone(page, phone.origin);
      await page.goto(proxy.url);
      await page.getByRole("link", { name: /Capturar aportes/ }).click();
      await context.setOffline(true);
      await captureInputs(page, [
        "Para revisar las compras de la municipalidad.",
        "Para ver el avance de la carretera.",
      ]);

      // 1. The tab dies while its push is held on the way: the server never sees it.
      proxy.hold("/api/v1/sync/push");
      await context.setOffline(false);
      const fromTab = await proxy.nextHeld("the tab's push");
      await page.close();
      fromTab.drop();
      expect(phone.serverInputs()).toEqual([]);

      // 2. With the app closed, Background Sync wakes the service worker, which sends by itself. The server
      // commits; the answer is lost on the way back.
      const fromWorker = await proxy.nextHeld("the service worker's push, the app closed");
      await fromWorker.releaseAndCut();
      expect(phone.serverInputs()).toHaveLength(2);

      // 3. Reopened: the same mutations are sent again, answered duplicate, and shown as sent. (The browser
      // itself may already have re-sent the worker's push, its connection cut without an answer: that copy,
      // held meanwhile, goes through too.)
      proxy.unhold();
      page = await context.newPage();
      await page.goto(`${proxy.url}/aportes`);
      const sent = page.locator('[data-testid="input"][data-state="sent"]');
      await expect
        .poll(() => sent.count(), { timeout: 30_000 })
        .toBe(2)
        .catch((error: Error) => {
          // What went through the origin says why, when it did not come.
          const seen = proxy.apiRequests().map((r) => `${r.at} ms ${r.method} ${r.path} → ${r.status}`);
          throw new Error(`${error.message}\nrequests at the origin:\n${seen.join("\n")}`);
        });
      expect(phone.serverInputs()).toHaveLength(2);
      const pushes = proxy
        .apiRequests()
        .filter((request) => request.path === "/api/v1/sync/push")
        .map((push) => push.status);
      expect(pushes.slice(0, 2)).toEqual(["dropped", "dropped"]);
      expect(pushes.length).toBeGreaterThanOrEqual(3);
      expect(pushes.slice(2).every((status) => status === 200)).toBe(true);
    } finally {
      await phone.close();
    }
  });

  it("says in plain words that the phone is full, keeps the form and everything saved before", async () => {
    const { context } = session.browser;
    const page = await context.newPage();
    // A full disk is the browser's condition, outside our control; Chromium's quota override does not
    // reach IndexedDB headless, so the browser's own answer is reproduced: every write then fails with
    // QuotaExceededError, as IndexedDB does when the device has no room left.
    // (Plain JavaScript text: it runs in the page before the app, untouched by the test's transpiler.)
    await page.addInitScript({
      content: `
        for (const method of ["add", "put"]) {
          const original = IDBObjectStore.prototype[method];
          IDBObjectStore.prototype[method] = function (...args) {
            if (window.storageFull === true) {
              throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            }
            return original.apply(this, args);
          };
        }`,
    });
    // Not enrolled yet: the consultations page offers the capture all the same (it is sent once enrolled).
    await page.goto(`${session.server.url}/consultas`);
    await page.getByRole("link", { name: /Capturar aportes/ }).click();
    await captureInputs(page, ["Un aporte que ya quedó guardado."]);
    await page.evaluate(() => {
      (window as unknown as { storageFull: boolean }).storageFull = true;
    });

    const long = "Queremos saber cuánto dinero llega a la escuela y en qué se usa. ".repeat(70);
    await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
    await page.getByLabel(/¿Para qué usaría los datos/).fill(long);
    await page.getByRole("button", { name: "Guardar aporte" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 10_000 })
      .toContain("El teléfono no tiene espacio libre");
    expect(await page.getByLabel(/¿Para qué usaría los datos/).inputValue()).toBe(long);

    await page.evaluate(() => {
      (window as unknown as { storageFull: boolean }).storageFull = false;
    });
    await page.getByRole("link", { name: "Aportes guardados" }).click();
    await expect.poll(() => page.getByTestId("input").count()).toBeGreaterThanOrEqual(1);
    const texts = await page.getByTestId("input").allTextContents();
    expect(texts.some((text) => text.includes("Un aporte que ya quedó guardado."))).toBe(true);
  });
});
