// A draft's text: Markdown split into numbered sections, and what changed between two versions, section by
// section and word by word (the diff always gives both texts back exactly).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DraftSection,
  numbered,
  sectionDiff,
  sectionsFromMarkdown,
  sectionsToMarkdown,
  WORD_DIFF_LIMIT,
  wordDiff,
} from "../../src/domain/drafting";

const counter = () => {
  let n = 0;
  return () => `s${++n}`;
};
const textOf = (changes: { kind: string; text: string }[], side: "before" | "after") =>
  changes
    .filter((c) => c.kind === "same" || c.kind === (side === "before" ? "removed" : "added"))
    .map((c) => c.text)
    .join("");

const MARKDOWN = `Estrategia nacional de gobierno electrónico, borrador para comentar.\r
\r
# Objetivo\r
\r
Que cada trámite pueda hacerse en línea o en la municipalidad.\r
\r
## Principios ##\r
\r
- Sin registro obligatorio para pedir información.\r
- Datos abiertos por defecto.\r
\r
\`\`\`\r
# esto es código, no una sección\r
\`\`\`\r
\r
### \r
`;

describe("sections from Markdown", () => {
  it("starts a section at every heading, keeps a preamble, and numbers them in order", () => {
    const sections = numbered(sectionsFromMarkdown(MARKDOWN, counter()));
    expect(sections.map(({ id, number, heading }) => [id, number, heading])).toEqual([
      ["s1", 1, ""],
      ["s2", 2, "Objetivo"],
      ["s3", 3, "Principios"],
    ]);
    expect(sections[0]?.text).toBe("Estrategia nacional de gobierno electrónico, borrador para comentar.");
    expect(sections[2]?.text).toContain("# esto es código, no una sección");
    expect(sections[2]?.text).not.toContain("\r");
  });

  it("reads back what it writes", () => {
    const sections = sectionsFromMarkdown(MARKDOWN, counter());
    const again = sectionsFromMarkdown(sectionsToMarkdown(sections), counter());
    expect(again.map(({ heading, text }) => [heading, text])).toEqual(
      sections.map(({ heading, text }) => [heading, text]),
    );
  });
});

describe("what changed between versions", () => {
  const v1: DraftSection[] = [
    { id: "a", heading: "Objetivo", text: "Que cada trámite pueda hacerse en línea." },
    { id: "b", heading: "Principios", text: "Datos abiertos por defecto." },
    { id: "c", heading: "Plazos", text: "Dos años." },
  ];
  const v2: DraftSection[] = [
    { id: "a", heading: "Objetivo", text: "Que cada trámite pueda hacerse en línea o en la municipalidad." },
    { id: "d", heading: "Idiomas", text: "En español y en los idiomas mayas." },
    { id: "b", heading: "Principios", text: "Datos abiertos por defecto." },
  ];

  it("names each section unchanged, changed, added or removed, in the new order, removed ones where they stood", () => {
    const changes = sectionDiff(v1, v2);
    expect(
      changes.map((c) => [
        c.kind,
        "after" in c ? c.after.number : null,
        "before" in c ? c.before.number : null,
      ]),
    ).toEqual([
      ["changed", 1, 1],
      ["added", 2, null],
      ["unchanged", 3, 2],
      ["removed", null, 3],
    ]);
    const changed = changes[0];
    expect(changed?.kind === "changed" && changed.text).toEqual([
      { kind: "same", text: "Que cada trámite pueda hacerse en " },
      { kind: "removed", text: "línea." },
      { kind: "added", text: "línea o en la municipalidad." },
    ]);
  });

  it("gives both texts back exactly from any word diff", () => {
    const word = fc.constantFrom("el", "la", "trámite", "datos", "abiertos", "municipalidad", "k'iche'", "—");
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(" ", "  ", "\n", ", ")), { maxLength: 40 })
      .map((parts) => parts.flat().join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const changes = wordDiff(before, after);
        expect(textOf(changes, "before")).toBe(before);
        expect(textOf(changes, "after")).toBe(after);
        // Runs are merged: no two neighbours of the same kind.
        for (let i = 1; i < changes.length; i++) expect(changes[i]?.kind).not.toBe(changes[i - 1]?.kind);
      }),
      { numRuns: 300 },
    );
  });

  it("shows a text too long to compare word by word as replaced whole", () => {
    const long = (word: string) => `${word} `.repeat(Math.ceil(Math.sqrt(WORD_DIFF_LIMIT)) + 1);
    const changes = wordDiff(long("uno"), long("dos"));
    expect(changes.map((c) => c.kind)).toEqual(["removed", "added"]);
  });
});
