// Characters no text people type needs and that do harm where text is stored or shown: NUL (PostgreSQL refuses
// it in text), other C0 controls but tab and line breaks, DEL, and the bidirectional embeddings, overrides and
// isolates that make "gpj.exe" read as "exe.jpg" in an inbox.

// biome-ignore lint/suspicious/noControlCharactersInRegex: these controls are exactly what is matched
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** The text without those characters. */
export const cleanText = (text: string): string => text.replace(UNSAFE, "");

/** The JSON Pointer of the first string in `value` that holds such a character, if any. */
export function unsafeTextAt(value: unknown, pointer = ""): string | undefined {
  if (typeof value === "string") return cleanText(value) === value ? undefined : pointer;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unsafeTextAt(item, `${pointer}/${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const escaped = key.replaceAll("~", "~0").replaceAll("/", "~1");
      const found = unsafeTextAt(key, `${pointer}/${escaped}`) ?? unsafeTextAt(item, `${pointer}/${escaped}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
