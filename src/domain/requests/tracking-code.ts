// Tracking codes of information requests: the secret that, with the folio, shows a request's status.
// Made on the phone so a request filed offline has its code at once, and a re-sent request keeps it.

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 16 symbols of 5 bits: 80 random bits, far beyond guessing under the status page's rate limit. */
export const TRACKING_CODE_SYMBOLS = 16;

/** A fresh code, e.g. "7KQ2-M9XD-4RTB-H3WA", from the platform's cryptographic random source. */
export function newTrackingCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(TRACKING_CODE_SYMBOLS));
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return formatTrackingCode(code);
}

/** Groups a code in fours for reading: "7KQ2M9XD4RTBH3WA" → "7KQ2-M9XD-4RTB-H3WA". */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/**
 * A code as a person typed it, made canonical: any case, spaces or dashes anywhere, and the letters
 * people confuse with digits (O → 0, I and L → 1). Undefined if it cannot be a code.
 */
export function normalizeTrackingCode(text: string): string | undefined {
  // Only printable ASCII: Unicode case mapping could otherwise turn "ß" into "SS".
  if (/[^\x20-\x7E\s]/.test(text)) return undefined;
  const plain = text
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (plain.length !== TRACKING_CODE_SYMBOLS) return undefined;
  for (const char of plain) if (!ALPHABET.includes(char)) return undefined;
  return plain;
}

/** A short code for a request not yet sent, printed on the receipt: "P-4RTB-H3WA". Not secret. */
export function newProvisionalCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(8));
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return `P-${formatTrackingCode(code)}`;
}
