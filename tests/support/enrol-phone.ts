// Enrols the browser's phone the way a facilitator does: a code from the organizer, typed on /inscribir.
import type { Page } from "playwright-core";
import { codesForProcess } from "./devices";
import type { ServerProcess } from "./spawn-server";

export async function enrolPhone(page: Page, server: ServerProcess): Promise<string> {
  const code = await codesForProcess({ dataDir: server.dataDir })();
  await page.goto(`${server.url}/inscribir`);
  await page.getByLabel("Código de inscripción").fill(code);
  await page.getByRole("button", { name: "Inscribir" }).click();
  await page.getByTestId("enrolled").waitFor();
  return code;
}
