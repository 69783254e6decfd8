// Enrols the browser's phone the way a facilitator does: a code from the organizer, typed on /inscribir.
import type { Page } from "playwright-core";
import { codesForProcess } from "./devices";
import type { ServerProcess } from "./spawn-server";

/** `server.url` is where the phone goes (the server, or a proxy in front of it); `dataDir` the server's. */
export async function enrolPhone(
  page: Page,
  server: Pick<ServerProcess, "url" | "dataDir">,
): Promise<string> {
  const code = await codesForProcess({ dataDir: server.dataDir })();
  await page.goto(`${server.url}/inscribir`);
  await page.getByLabel("Código de inscripción").fill(code);
  await page.getByRole("button", { name: "Inscribir" }).click();
  await page.getByTestId("enrolled").waitFor();
  return code;
}
