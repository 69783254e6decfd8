// Crockford's base32 codes that people read aloud and type: tracking codes, enrolment codes.

/** No I, L, O or U: a code read aloud or copied by hand is hard to get wrong. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `count` random symbols, 5 bits each, from the given source of random bytes. */
export function randomSymbols(count: number, random: (bytes: Uint8Array) => Uint8Array): string {
  let code = "";
  for (const byte of random(new Uint8Array(count))) code += CROCKFORD[byte & 31];
  return code;
}

/**
 * A code as a person typed it, made canonical: any case, spaces or dashes anywhere, and the letters people
 * confuse with digits (O → 0, I and L → 1). Undefined unless it is `length` symbols of the alphabet.
 */
export function normalizeSymbols(text: string, length: number): string | undefined {
  // Only printable ASCII: Unicode case mapping could otherwise turn "ß" into "SS".
  if (/[^\x20-\x7E\s]/.test(text)) return undefined;
  const plain = text
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (plain.length !== length) return undefined;
  for (const char of plain) if (!CROCKFORD.includes(char)) return undefined;
  return plain;
}
