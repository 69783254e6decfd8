// Participatory drafting (issue #13), the text itself: a draft is a list of numbered sections, written or imported as
// Markdown, and each new version is compared with the one before, section by section and word by word, so anyone
// can see what changed. Pure: storage, comments and amendments are the server's.

export interface DraftSection {
  /** Stable across versions: a section keeps its id when its text or place changes. */
  id: string;
  heading: string;
  text: string;
}

/** A section as shown: its number is its place in its version, counted from 1. */
export interface NumberedSection extends DraftSection {
  number: number;
}

export const numbered = (sections: readonly DraftSection[]): NumberedSection[] =>
  sections.map((section, index) => ({ ...section, number: index + 1 }));

const HEADING = /^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/;

/**
 * Splits Markdown into sections: every heading (`#` to `######`) starts one, its text is what follows up to the
 * next heading. Text before the first heading is a section with no heading (a preamble). Blank sections (no
 * heading, no text) are dropped. `newId` names each section (the caller's ids: uuidv7 on the server).
 */
export function sectionsFromMarkdown(markdown: string, newId: () => string): DraftSection[] {
  const sections: { heading: string; lines: string[] }[] = [{ heading: "", lines: [] }];
  let fence = false;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    // A heading inside a fenced code block is code, not a section.
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : HEADING.exec(line);
    if (heading) sections.push({ heading: (heading[1] ?? "").trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  return sections
    .map(({ heading, lines }) => ({ heading, text: lines.join("\n").trim() }))
    .filter(({ heading, text }) => heading !== "" || text !== "")
    .map((section) => ({ id: newId(), ...section }));
}

/** The sections back as Markdown (level-2 headings), as an organizer downloads or edits them. */
export function sectionsToMarkdown(sections: readonly DraftSection[]): string {
  return `${sections
    .map(({ heading, text }) => (heading ? `## ${heading}\n\n${text}` : text).trim())
    .join("\n\n")}\n`;
}

export type WordChange = { kind: "same" | "added" | "removed"; text: string };

export type SectionChange =
  | { kind: "unchanged"; before: NumberedSection; after: NumberedSection }
  | {
      kind: "changed";
      before: NumberedSection;
      after: NumberedSection;
      heading: WordChange[];
      text: WordChange[];
    }
  | { kind: "added"; after: NumberedSection }
  | { kind: "removed"; before: NumberedSection };

/** Past this many word pairs a changed text is shown as replaced whole (the table would not fit a phone's memory). */
export const WORD_DIFF_LIMIT = 4_000_000;

/**
 * What changed from one version to the next, in the new version's order, with removed sections where they stood.
 * Sections are matched by id.
 */
export function sectionDiff(
  before: readonly DraftSection[],
  after: readonly DraftSection[],
): SectionChange[] {
  const old = numbered(before);
  const next = numbered(after);
  const oldById = new Map(old.map((section) => [section.id, section]));
  const kept = new Set(next.map((section) => section.id));
  const changes: SectionChange[] = [];
  let oldIndex = 0;
  const flushRemoved = (until: number) => {
    for (; oldIndex < until; oldIndex++) {
      const section = old[oldIndex];
      if (section && !kept.has(section.id)) changes.push({ kind: "removed", before: section });
    }
  };
  for (const section of next) {
    const previous = oldById.get(section.id);
    if (!previous) {
      changes.push({ kind: "added", after: section });
      continue;
    }
    flushRemoved(previous.number);
    if (previous.heading === section.heading && previous.text === section.text)
      changes.push({ kind: "unchanged", before: previous, after: section });
    else
      changes.push({
        kind: "changed",
        before: previous,
        after: section,
        heading: wordDiff(previous.heading, section.heading),
        text: wordDiff(previous.text, section.text),
      });
  }
  flushRemoved(old.length);
  return changes;
}

/** Words and the spaces after them, so joining the pieces gives the text back exactly. */
const words = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

/** A word-by-word diff (longest common subsequence), runs of the same kind merged. */
export function wordDiff(before: string, after: string): WordChange[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = words(before);
  const b = words(after);
  if (a.length * b.length > WORD_DIFF_LIMIT)
    return merge([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  // lengths[i][j]: the common subsequence of a[i..] and b[j..], in one flat table.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const out: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      out.push({ kind: "removed", text: a[i++] ?? "" });
    } else {
      out.push({ kind: "added", text: b[j++] ?? "" });
    }
  }
  while (i < a.length) out.push({ kind: "removed", text: a[i++] ?? "" });
  while (j < b.length) out.push({ kind: "added", text: b[j++] ?? "" });
  return merge(out);
}

function merge(changes: WordChange[]): WordChange[] {
  const merged: WordChange[] = [];
  for (const change of changes) {
    if (!change.text) continue;
    const last = merged.at(-1);
    if (last?.kind === change.kind) last.text += change.text;
    else merged.push({ ...change });
  }
  return merged;
}
