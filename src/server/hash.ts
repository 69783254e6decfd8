// SHA-256 of a text, as lower-case hex: payload fingerprints, hashed session tokens and tracking codes.
import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
