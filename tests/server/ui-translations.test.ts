// Community translations of the interface against the real server (issue #14, item 7): anyone downloads the Spanish
// catalogue with context; an admin imports a translated file, checked string by string against the app's own
// catalogue; the language is then offered with its coverage, and serves only the strings that passed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPANISH_CATALOGUE } from "../../src/client/i18n/spanish-catalogue";
import { PROTOCOL_VERSION } from "../../src/domain/protocol";
import type { PullResponse } from "../../src/domain/sync-messages";
import type { TranslationFile } from "../../src/domain/ui-translation";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await staffSession(server, { email: "a@segeplan.gob.gt", role: "admin" });
});
afterAll(() => server.dispose());

const put = (language: string, body: unknown, cookie = admin) =>
  fetch(`${server.url}/api/v1/admin/ui-translations/${language}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });
const template = async (query = "") =>
  (await (
    await fetch(`${server.url}/api/v1/public/ui-translations/template${query}`)
  ).json()) as TranslationFile;

describe("interface translations", () => {
  it("imports the strings that pass, offers the language with its coverage, and serves only those", async () => {
    const file = await template();
    expect(file.strings).toHaveLength(Object.keys(SPANISH_CATALOGUE).length);
    const translate = (key: string, text: string) => {
      file.strings.find((entry) => entry.key === key)!.translation = text;
    };
    file.language = "quc";
    translate("lang.label", "Ch'ab'al");
    translate("lang.community", "{name} ({coverage} %)");
    // Placeholders changed: refused, that string stays Spanish.
    translate("transfer.export.saved", "Xyak: {archivo}");
    expect((await put("quc", file, "")).status).toBe(401);
    const officer = await staffSession(server, { email: "f@segeplan.gob.gt", role: "officer" });
    expect((await put("quc", file, officer)).status).toBe(403);
    const imported = await put("quc", file);
    expect(imported.status).toBe(200);
    const report = (await imported.json()) as {
      translated: number;
      total: number;
      coverage: number;
      problems: { key: string; code: string }[];
      missing: string[];
    };
    expect(report.translated).toBe(2);
    expect(report.problems).toEqual([
      expect.objectContaining({ key: "transfer.export.saved", code: "placeholders" }),
    ]);
    expect(report.missing).toContain("transfer.export.saved");

    const { languages } = (await (await fetch(`${server.url}/api/v1/public/ui-languages`)).json()) as {
      languages: { language: string; name: string; translated: number; coverage: number }[];
    };
    expect(languages).toEqual([
      expect.objectContaining({ language: "quc", name: "K'iche'", translated: 2, coverage: report.coverage }),
    ]);
    // Every pull says so too: a phone learns of the language with no request of its own.
    const pulled = (await (
      await fetch(`${server.url}/api/v1/sync/pull?cursor=0&protocol=${PROTOCOL_VERSION}`)
    ).json()) as PullResponse;
    expect(pulled.uiLanguages).toEqual([
      { language: "quc", name: "K'iche'", coverage: report.coverage, updatedAt: expect.any(String) },
    ]);
    const strings = (await (await fetch(`${server.url}/api/v1/public/ui-languages/quc`)).json()) as {
      strings: Record<string, string>;
    };
    expect(strings.strings).toEqual({ "lang.label": "Ch'ab'al", "lang.community": "{name} ({coverage} %)" });
    // The template for the language carries what is there, to keep translating.
    const again = await template("?language=quc");
    expect(again.strings.find((entry) => entry.key === "lang.label")?.translation).toBe("Ch'ab'al");
  });

  it("refuses a file that is not one, is in another language, or takes nothing; and a language it cannot be", async () => {
    expect((await put("quc", { hello: 1 })).status).toBe(400);
    const file = await template();
    expect((await put("quc", { ...file, language: "mam" })).status).toBe(422);
    const empty = await put("cak", file);
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: unknown[] }).errors).toEqual([
      { pointer: "/strings", code: "empty" },
    ]);
    expect((await put("fr", file)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/public/ui-languages/cak`)).status).toBe(404);
  });
});
