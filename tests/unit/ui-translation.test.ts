// Community translations of the interface, checked string by string against the Spanish catalogue.
import { describe, expect, it } from "vitest";
import { featureOf, SPANISH_CATALOGUE } from "../../src/client/i18n/spanish-catalogue";
import {
  checkTranslation,
  coveragePercent,
  placeholders,
  translationTemplate,
} from "../../src/domain/ui-translation";

const spanish = {
  "home.title": "Participe",
  "home.greeting": "Hola, {name}. Tiene {count} avisos.",
  "items.one": "{count} aporte",
  "items.other": "{count} aportes",
  "items.zero": "Ningún aporte",
};

describe("interface translation files", () => {
  it("exports every Spanish string with context: its part of the app, its placeholders, its plural form", () => {
    const file = translationTemplate(spanish, () => "inicio", "quc", { "home.title": "Chujilaj" });
    expect(file.strings.map((entry) => entry.key)).toEqual(Object.keys(spanish));
    const [title, greeting, one] = file.strings;
    expect(title).toMatchObject({ source: "Participe", translation: "Chujilaj" });
    expect(greeting!.context).toContain("Parte de la aplicación: inicio.");
    expect(greeting!.context).toContain("{count}, {name}");
    expect(one!.context).toContain("singular");
    expect(file.strings[3]!.context).toContain("plural");
  });

  it("takes what passes and says why the rest was refused; what is missing stays Spanish", () => {
    const check = checkTranslation(spanish, {
      strings: [
        { key: "home.title", translation: "  Chujilaj  " },
        { key: "home.greeting", translation: "Saqarik, {nombre}. {count}." },
        { key: "items.one", translation: "{count} tzij" },
        { key: "gone.key", translation: "x" },
        { key: "home.title", translation: "otra vez" },
        { key: "items.zero", translation: "" },
      ],
    });
    expect(check.strings).toEqual({ "home.title": "Chujilaj" });
    expect(check.problems).toEqual([
      { key: "home.greeting", code: "placeholders", expected: ["count", "name"], found: ["count", "nombre"] },
      { key: "gone.key", code: "unknown-key" },
      { key: "home.title", code: "repeated" },
      { key: "items.other", code: "plural" },
    ]);
    expect(check.missing).toEqual(["home.greeting", "items.one", "items.other", "items.zero"]);
    expect([check.translated, check.total]).toEqual([1, 5]);
  });

  it("reads placeholders once each, and rounds coverage down to a tenth", () => {
    expect(placeholders("{b} y {a} y {b}")).toEqual(["a", "b"]);
    expect(coveragePercent(10, 1_500)).toBe(0.6);
    expect(coveragePercent(1_499, 1_500)).toBe(99.9);
    expect(coveragePercent(0, 0)).toBe(0);
  });

  it("the app's own catalogue: every key in one part, and its template passes its own check untouched", () => {
    const keys = Object.keys(SPANISH_CATALOGUE);
    expect(keys.length).toBeGreaterThan(500);
    expect(featureOf("lang.label")).toMatch(/general/);
    const template = translationTemplate(SPANISH_CATALOGUE, featureOf);
    const copied = {
      strings: template.strings.map((entry) => ({ key: entry.key, translation: entry.source })),
    };
    const check = checkTranslation(SPANISH_CATALOGUE, copied);
    expect(check.problems).toEqual([]);
    expect(check.translated).toBe(keys.length);
  });
});
