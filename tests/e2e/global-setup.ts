// Before any browser test: Debian's Chromium must be installed and the PWA built.
import { existsSync } from "node:fs";
import path from "node:path";
import { assertChromium } from "../support/browser";

export default function setup(): void {
  assertChromium();
  const index = path.resolve(import.meta.dirname, "../../dist/index.html");
  if (!existsSync(index))
    throw new Error("The PWA is not built: run `npm run build` first (npm test does it).");
}
