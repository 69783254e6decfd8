// One real server process and one fresh Chromium for an e2e file, started before its tests and stopped after.
import { afterAll, beforeAll } from "vitest";
import { type Browser, launchBrowser } from "./browser";
import { type ServerProcess, spawnServer } from "./spawn-server";

export interface E2eSession {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

export function useE2eSession(env: () => Record<string, string> = () => ({})): E2eSession {
  const session = {} as { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    session.server = await spawnServer(env());
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
