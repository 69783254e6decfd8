// Browser faults: the tab closed in the middle of a sync, and a phone whose storage is full.
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useE2eSession } from "../support/e2e-session";
import { enrolPhone } from "../support/enrol-phone";

const session = useE2eSession();

function serverInputs(): string[] {
  const db = new SqliteDatabase(path.join(session.server.dataDir, "tejido.sqlite"), { readonly: true });
  try {
    return (db.prepare("select id from inputs").all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

async function captureInputs(page: import("playwright-core").Page, texts: string[]) {
  for (const text of texts) {
    await page.getByRole("radio", { name: "Datos abiertos y transparencia" }).check();
    await page.getByLabel(/¿Para qué usaría los datos/).fill(text);
    await page.getByRole("button", { name: "Guardar aporte" }).click();
    await page.getByTestId("saved").waitFor();
  }
}

describe("browser faults", () => {
  it("finishes the sync after the tab is closed mid-push, before and after the server committed", async () => {
    const { context } = session.browser;
    let page = await context.newPage();
    await enrolPhone(page, session.server);
    await page.goto(session.server.url);
    await page.getByRole("link", { name: /Capturar aportes/ }).click();
    await context.setOffline(true);
    await captureInputs(page, [
      "Para revisar las compras de la municipalidad.",
      "Para ver el avance de la carretera.",
    ]);

    // 1. The tab dies while its push is still on the way: the server never sees it.
    let pushSeen!: () => void;
    const pushing = new Promise<void>((resolve) => {
      pushSeen = resolve;
    });
    await page.route("**/api/v1/sync/push", () => pushSeen());
    await context.setOffline(false);
    await pushing;
    await page.close();
    expect(serverInputs()).toHaveLength(0);

    // 2. The next tab's push reaches the server, which commits, but the tab dies before the answer.
    page = await context.newPage();
    let committed!: () => void;
    const serverAnswered = new Promise<void>((resolve) => {
      committed = resolve;
    });
    await page.route("**/api/v1/sync/push", async (route) => {
      await route.fetch();
      committed();
    });
    await page.goto(`${session.server.url}/aportes`);
    await serverAnswered;
    await page.close();
    expect(serverInputs()).toHaveLength(2);

    // 3. Reopened: the same mutations are sent again, answered duplicate, and shown as sent.
    page = await context.newPage();
    await page.goto(`${session.server.url}/aportes`);
    await expect
      .poll(() => page.locator('[data-testid="input"][data-state="sent"]').count(), { timeout: 30_000 })
      .toBe(2);
    expect(serverInputs()).toHaveLength(2);
    await page.close();
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
    await page.goto(session.server.url);
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
