// The media type a file is stored and served with. Whatever a client declares is reduced to a plain
// "type/subtype" (with at most a charset): no line breaks that would split a header, no parameters that smuggle
// anything. Types a browser would run (HTML, SVG, XML, scripts) are served as plain bytes to download.

const PLAIN =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}(; ?charset=[a-z0-9_-]{1,40})?$/;
const ACTIVE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/ecmascript|text\/xsl)\b/;

export const OPAQUE_TYPE = "application/octet-stream";

/** The declared type as stored: lower-cased and plain, or application/octet-stream. */
export function storedMediaType(declared: string | undefined): string {
  const type = (declared ?? "").trim().toLowerCase();
  return PLAIN.test(type) ? type : OPAQUE_TYPE;
}

/** The type a stored file is served with: never one a browser would render or run from our origin. */
export function servedMediaType(stored: string): string {
  const type = storedMediaType(stored);
  return ACTIVE.test(type) ? OPAQUE_TYPE : type;
}
