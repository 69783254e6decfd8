// The deployment's identity (SITE_* variables) written into the app shell the server answers: the JSON block the
// app reads, the name and operator painted before any script, the logo, and the home's front door only at "/".
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSiteIdentity } from "../../src/domain/site-identity";
import { loadConfig } from "../../src/server/config";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { TEST_BACKEND } from "../support/test-server";

const BUILT_SHELL = path.resolve(import.meta.dirname, "../../dist/index.html");
// A name that would end the JSON block and open a script of its own if it were written in raw.
const NAME = "Tejido </script><script>alert(1)</script>";
const OPERATOR = "Municipalidad de San Juan Ostuncalco, Quetzaltenango";

const identityOf = (html: string) =>
  parseSiteIdentity(/<script type="application\/json" id="site-identity">([^<]*)<\/script>/.exec(html)?.[1]);

describe("site identity configuration", () => {
  it("defaults to the demo's values and refuses a contact that is neither an email nor https", () => {
    const config = loadConfig({});
    expect(config.site).toEqual({
      name: "Tejido",
      operator: "Comisión Presidencial de Gobierno Abierto y Electrónico (GAE)",
    });
    expect(() => loadConfig({ SITE_CONTACT: "javascript:alert(1)" })).toThrow(/SITE_CONTACT/);
    expect(() => loadConfig({ SITE_LOGO_FILE: "/etc/passwd" })).toThrow(/SITE_LOGO_FILE/);
    expect(() => loadConfig({ SITE_LOGO_FILE: "/nowhere/escudo.svg" })).toThrow(
      /SITE_LOGO_FILE: no such file/,
    );
    expect(loadConfig({ SITE_CONTACT: "privacidad@muni.gob.gt" }).site.contact).toBe(
      "privacidad@muni.gob.gt",
    );
    // Set but empty, as compose files leave them: the defaults.
    expect(loadConfig({ SITE_NAME: "", SITE_OPERATOR: " " }).site).toEqual(config.site);
  });

  it("reads a tampered or foreign identity block as the defaults, field by field", () => {
    expect(parseSiteIdentity("not json").name).toBe("Tejido");
    const parsed = parseSiteIdentity(
      JSON.stringify({ name: "Otro", logo: "//evil.example/x.svg", contact: 5 }),
    );
    expect(parsed).toEqual({
      name: "Otro",
      operator: "Comisión Presidencial de Gobierno Abierto y Electrónico (GAE)",
      logo: "/icons/icon.svg",
    });
    // "/\\host" is another site to a browser; a contact must be an https address or an email address.
    expect(parseSiteIdentity(JSON.stringify({ logo: "/\\evil.example/x.svg" })).logo).toBe("/icons/icon.svg");
    expect(parseSiteIdentity(JSON.stringify({ contact: "javascript:alert(1)" })).contact).toBeUndefined();
  });
});

describe.skipIf(TEST_BACKEND !== "sqlite")("the shell as served, with SITE_* set", () => {
  let server: ServerProcess;
  let logoDir: string;
  beforeAll(async () => {
    expect(existsSync(BUILT_SHELL), "run `npm run build` before the tests").toBe(true);
    logoDir = mkdtempSync(path.join(tmpdir(), "tejido-logo-"));
    writeFileSync(path.join(logoDir, "escudo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await spawnServer(
      {
        SITE_NAME: NAME,
        SITE_OPERATOR: OPERATOR,
        SITE_CONTACT: "privacidad@muni.gob.gt",
        SITE_LOGO_FILE: path.join(logoDir, "escudo.svg"),
      },
      { compiled: true },
    );
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(logoDir, { recursive: true, force: true });
  });

  it("writes the identity into the JSON block, escaped, and into the HTML painted before any script", async () => {
    const html = await (await fetch(`${server.url}/`, { headers: { accept: "text/html" } })).text();
    expect(identityOf(html)).toEqual({
      name: NAME,
      operator: OPERATOR,
      contact: "privacidad@muni.gob.gt",
      logo: "/logo.svg",
    });
    // The only scripts are the JSON block and the app's own module: the name did not open one.
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html).toContain("<title>Tejido &#60;/script&#62;");
    expect(html).toContain(`<span data-site="operator">${OPERATOR}</span>`);
    expect(html).toContain('src="/logo.svg"');
    // The citizen's front door, painted from the HTML.
    expect(html).toContain('href="/solicitudes/nueva"');
  });

  it("leaves the home's front door out of other addresses, and serves the same HTML to the service worker", async () => {
    const other = await (
      await fetch(`${server.url}/solicitudes/estado`, { headers: { accept: "text/html" } })
    ).text();
    expect(other).not.toContain('class="doors"');
    expect(identityOf(other).operator).toBe(OPERATOR);
    const cached = await (await fetch(`${server.url}/index.html`)).text();
    expect(cached).toContain('class="doors"');
    expect(readFileSync(BUILT_SHELL, "utf8")).toContain('class="doors"');
  });

  it("serves the operator's logo with its type", async () => {
    const logo = await fetch(`${server.url}/logo.svg`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/svg+xml");
    expect(await logo.text()).toContain("<svg");
  });
});
