// Tracking codes of information requests: the secret that, with the folio, shows a request's status.
// Made on the phone so a request filed offline has its code at once, and a re-sent request keeps it.
import { normalizeSymbols, randomSymbols } from "../crockford";

/** 16 symbols of 5 bits: 80 random bits, far beyond guessing under the status page's rate limit. */
export const TRACKING_CODE_SYMBOLS = 16;

/** A fresh code, e.g. "7KQ2-M9XD-4RTB-H3WA", from the platform's cryptographic random source. */
export function newTrackingCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return formatTrackingCode(randomSymbols(TRACKING_CODE_SYMBOLS, random));
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
  return normalizeSymbols(text, TRACKING_CODE_SYMBOLS);
}

/** A short code for a request not yet sent, printed on the receipt: "P-4RTB-H3WA". Not secret. */
export function newProvisionalCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return `P-${formatTrackingCode(randomSymbols(8, random))}`;
}
