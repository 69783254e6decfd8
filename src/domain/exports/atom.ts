// The Atom feed (RFC 4287) of a commitment's updates (issue #13): one entry per update of either side, newest
// first, its evidence files as enclosures at their permanent addresses. Pure text; the server sends it.
import { localize } from "../language-codes";
import type { Commitment } from "../tracker";

const STATUS_ES = {
  not_started: "No iniciado",
  limited: "Avance limitado",
  substantial: "Avance sustancial",
  complete: "Completo",
} as const;
const VOICE_ES = { government: "Según el gobierno", civil_society: "Según la sociedad civil" } as const;

/** Text as XML character data or attribute value: the five special characters escaped, control characters gone. */
export function xmlText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; they are removed.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

/** `origin`: the site's public address; every link in the feed is absolute. */
export function commitmentFeed(commitment: Commitment, origin: string): string {
  const page = `${origin}/compromisos/${commitment.id}`;
  const entries = commitment.milestones
    .flatMap((milestone) => milestone.updates.map((update) => ({ milestone, update })))
    .sort((a, b) =>
      a.update.postedAt < b.update.postedAt ? 1 : a.update.postedAt > b.update.postedAt ? -1 : 0,
    );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">',
    `  <id>urn:uuid:${commitment.id}</id>`,
    `  <title>${xmlText(`${commitment.code}: ${localize(commitment.title, "es")}`)}</title>`,
    `  <subtitle>${xmlText(commitment.actionPlan)}</subtitle>`,
    `  <updated>${commitment.lastUpdated}</updated>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${origin}/api/v1/public/commitments/${commitment.id}/updates.atom`)}"/>`,
    `  <author><name>Tejido</name></author>`,
  ];
  for (const { milestone, update } of entries) {
    const title = `Hito ${milestone.position}: ${VOICE_ES[update.voice]} (${update.author}): ${STATUS_ES[update.status]}`;
    lines.push(
      "  <entry>",
      `    <id>urn:uuid:${update.id}</id>`,
      `    <title>${xmlText(title)}</title>`,
      `    <updated>${update.postedAt}</updated>`,
      `    <published>${update.postedAt}</published>`,
      `    <author><name>${xmlText(update.author)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
      ...update.evidence.map(
        (file) =>
          `    <link rel="enclosure" href="${xmlText(`${origin}${file.address}`)}" type="${xmlText(file.mediaType)}" length="${file.size}" title="${xmlText(file.name)}"/>`,
      ),
      `    <content type="text">${xmlText(`${update.happenedOn}: ${update.text}`)}</content>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}
