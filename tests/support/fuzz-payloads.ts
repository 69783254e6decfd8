// Hostile input for fuzzing the server (fast-check): strings, numbers and JSON that break naive code, valid records
// with a few fields broken, bodies that are not JSON, headers, query strings and path segments.
import { gzipSync } from "node:zlib";
import fc from "fast-check";

/** Characters that break storage or display: NUL (PostgreSQL refuses it), other controls, bidi overrides. */
const CONTROLS = ["\u0000", "\u0001", "\u0007", "\b", "\u001B", "\u007F", "\r\n", "\u2028", "\uFEFF"];
const BIDI = ["\u202A", "\u202B", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];

/** Strings that have broken servers before: injections, paths, numbers in disguise, scripts, odd Unicode. */
const NASTY = [
  "",
  " ",
  "\t\n ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e400",
  "9".repeat(40),
  "true",
  "[]",
  "{}",
  "' OR '1'='1' --",
  "'; DROP TABLE info_requests; --",
  "\\",
  '"',
  "%00",
  "%",
  "../../../etc/passwd",
  "..\\..\\windows",
  "<script>alert(1)</script>",
  "$" + "{7*7}{{7*7}}",
  "__proto__",
  "constructor",
  "Ana \u202Egpj.exe\u202C Tzul",
  "k'iche' q'eqchi' Xib'alb'a",
  "مرحبا بالعالم",
  "שלום",
  "Z̸̢̛a̶̡͝l̵̢̛g̷̨̛o̴̢͠",
  "👩🏽‍🌾🇬🇹",
  "\uD800",
  "\uDFFF\uD800",
  "\uFFFE\uFFFF",
  "P-0000-0000",
  "0000-0000-0000-0000",
  "2026-02-30T25:61:61Z",
  "0190a000-0000-7000-8000-0000000000aa",
  "00000000-0000-0000-0000-000000000000",
];

const oneChar = (chars: string[]) => fc.constantFrom(...chars);

/** Visible ASCII, for header values and tokens (fetch refuses controls in headers). */
export const visibleAscii = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength,
  });

/** A string meant to hurt: random Unicode, controls and bidi spliced in, lone surrogates, or a very long one. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme" }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.string(), oneChar([...CONTROLS, ...BIDI]), fc.string())
      .map(([before, bad, after]) => before + bad + after),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0xd800, max: 0xdfff })
      .map((unit) => `solo ${String.fromCharCode(unit)} medio`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(201, 1_001, 5_001, 10_001, 20_001, 70_000),
        fc.constantFrom("x", "ñ", "\u0000", "👍"),
      )
      .map(([length, unit]) => unit.repeat(length)),
  },
);

/** Numbers at the edges: NaN and infinities (null in JSON), -0, huge, tiny, unsafe integers, fractions. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, -0, 1, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 1e21, 100_001),
);

/** Arrays nested `depth` deep, built without recursion. */
export function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** Any JSON-ish value, hostile ones often: the value put where a field should be. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 1_000 }).map(nested) },
);

/** JSON number tokens JSON.stringify never writes but a hostile client can: they parse to Infinity, -0, 0. */
const RAW_TOKENS = [
  "1e400",
  "-1e400",
  "-0",
  "1E-400",
  "123456789012345678901234567890",
  "0.0000000000000000001",
];

type Path = readonly (string | number)[];

/** Every place in a value that an edit can touch: the value itself, and each field and item inside it. */
export function pathsOf(value: unknown, at: Path = []): Path[] {
  const here: Path[] = [at];
  if (Array.isArray(value)) return here.concat(...value.map((item, index) => pathsOf(item, [...at, index])));
  if (value && typeof value === "object")
    return here.concat(...Object.entries(value).map(([key, item]) => pathsOf(item, [...at, key])));
  return here;
}

/** One change to a valid record: a field set to something else, dropped, a key added, a raw number token. */
export type Edit =
  | { kind: "set"; at: Path; value: unknown }
  | { kind: "drop"; at: Path }
  | { kind: "add"; at: Path; key: string; value: unknown }
  | { kind: "raw"; at: Path; token: string };

export function editsOf(valid: unknown, maxEdits = 3): fc.Arbitrary<Edit[]> {
  const paths = pathsOf(valid);
  const at = fc.constantFrom(...paths);
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), at, value: nastyValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), at }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("add" as const),
        at,
        key: fc.oneof(nastyString, fc.constantFrom("__proto__", "constructor", "id", "admin", "status")),
        value: nastyValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("raw" as const), at, token: fc.constantFrom(...RAW_TOKENS) }),
    },
  );
  return fc.array(edit, { minLength: 1, maxLength: maxEdits });
}

const RAW_MARK = "\u0000raw-token-";

/** A valid record with the edits made (on a copy), as the JSON text a client would send. */
export function editedJson(valid: unknown, edits: readonly Edit[]): string {
  let root: unknown = structuredClone(valid);
  const tokens: string[] = [];
  for (const edit of edits) {
    const value =
      edit.kind === "raw"
        ? `${RAW_MARK}${tokens.push(edit.token) - 1}`
        : edit.kind === "set"
          ? edit.value
          : undefined;
    if (edit.at.length === 0) {
      if (edit.kind === "set" || edit.kind === "raw") root = value;
      else if (edit.kind === "add" && root && typeof root === "object")
        Object.defineProperty(root, edit.key, {
          value: edit.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      continue;
    }
    const parent = edit.at.slice(0, -1).reduce<unknown>((node, key) => (node as never)?.[key], root);
    const key = edit.at.at(-1)!;
    if (!parent || typeof parent !== "object") continue;
    const target = (parent as Record<string | number, unknown>)[key];
    if (edit.kind === "drop") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key];
    } else if (edit.kind === "add") {
      if (target && typeof target === "object")
        // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it, not a prototype.
        Object.defineProperty(target, edit.key, {
          value: edit.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    } else {
      (parent as Record<string | number, unknown>)[key] = value;
    }
  }
  const text = JSON.stringify(root) ?? "null";
  return text.replace(/"\\u0000raw-token-(\d+)"/g, (_, index: string) => tokens[Number(index)]!);
}

/** A request body: bytes, and the content type and encoding it claims. */
export interface Body {
  contentType?: string;
  encoding?: string;
  bytes: string | Uint8Array;
}

const JSON_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "application/vnd.tejido+json",
  "APPLICATION/JSON",
  "application/json; charset=utf-16",
];
const OTHER_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/octet-stream",
  "application/jsonp",
  "json",
  "",
];

/** 1 MB of zeros in 1 KB of gzip: the server must stop reading at its limit, not inflate it all. */
const GZIP_BOMB = gzipSync(Buffer.alloc(1_200_000));

/**
 * The JSON text of a payload sent the way clients do, mostly; otherwise sent wrongly: another content type,
 * gzip (sound or damaged), an encoding the server does not speak, cut short, with a BOM, as UTF-16, or junk.
 */
export function bodyFor(json: string): fc.Arbitrary<Body> {
  const bytes = Buffer.from(json, "utf8");
  return fc.oneof(
    { weight: 14, arbitrary: fc.constant<Body>({ contentType: "application/json", bytes: json }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...JSON_TYPES).map((contentType): Body => ({ contentType, bytes: json })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...OTHER_TYPES).map((contentType): Body => ({ contentType, bytes: json })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ bytes: json }) },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({
        contentType: "application/json",
        encoding: "gzip",
        bytes: gzipSync(bytes),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 0, max: Math.max(0, bytes.length - 1) })
        .map((cut): Body => ({ contentType: "application/json", bytes: json.slice(0, cut) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { contentType: "application/json", encoding: "gzip", bytes: bytes.subarray(0, 40) },
        { contentType: "application/json", encoding: "gzip", bytes: gzipSync(bytes).subarray(0, 12) },
        { contentType: "application/json", encoding: "gzip", bytes: GZIP_BOMB },
        { contentType: "application/json", encoding: "br", bytes: json },
        { contentType: "application/json", encoding: "gzip, gzip", bytes: json },
        { contentType: "application/json", bytes: `\uFEFF${json}` },
        { contentType: "application/json", bytes: Buffer.from(json, "utf16le") },
        { contentType: "application/json", bytes: `${json}${json}` },
        { contentType: "application/json", bytes: `${json} // comment` },
        { contentType: "application/json", bytes: "" },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string().map((text): string | Uint8Array => text),
          fc.uint8Array({ maxLength: 512 }),
          fc.integer({ min: 1_000, max: 200_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
          fc
            .integer({ min: 1_000, max: 200_000 })
            .map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
        )
        .map((junk): Body => ({ contentType: "application/json", bytes: junk })),
    },
  );
}

/** Any JSON value at all, sent as a body. */
export const anyJsonBody: fc.Arbitrary<Body> = fc
  .oneof(
    fc.jsonValue(),
    nastyValue.map((value) => JSON.stringify(value) ?? "null").map((text) => JSON.parse(text)),
  )
  .chain((value) => bodyFor(JSON.stringify(value)));

/** A body for a route that reads JSON: any JSON, or a valid payload broken by a few edits, sent in some way. */
export function jsonPayload(valid: fc.Arbitrary<unknown>, maxEdits = 3): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 1, arbitrary: anyJsonBody },
    { weight: 2, arbitrary: valid.chain((record) => bodyFor(JSON.stringify(record))) },
    {
      weight: 6,
      arbitrary: valid.chain((record) =>
        editsOf(record, maxEdits).chain((edits) => bodyFor(editedJson(record, edits))),
      ),
    },
  );
}

const HEADER_NAMES = [
  "accept",
  "accept-encoding",
  "accept-language",
  "authorization",
  "cookie",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-tejido-reader",
  "if-none-match",
  "if-modified-since",
  "origin",
  "range",
  "x-request-id",
  "x-http-method-override",
  "user-agent",
];

/** Extra headers a client might send, with values that are valid on the wire but mean nothing good. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)),
  fc.oneof(
    visibleAscii(),
    fc.constantFrom(
      "Bearer ",
      "Bearer \u0020x",
      "Basic Zm9vOmJhcg==",
      "tejido_session=x; tejido_session=y",
      "gzip;q=0, *;q=0",
      "bytes=0-0,-1",
      "*",
      'W/"0"',
      "1.1.1.1, 10.0.0.1, ::1",
      "DELETE",
    ),
    fc.constantFrom(4_000, 9_000).map((length) => "x".repeat(length)),
  ),
  { maxKeys: 3 },
);

/** A path segment: a real id sometimes, a random one, anything percent-encoded, or escapes that do not decode. */
export function pathSegment(real: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    ...(real.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...real) }] : []),
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 4, arbitrary: nastyString.map(percentEncode) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "%",
        "%zz",
        "%00",
        "a%00b",
        "%E0%A4%A",
        "%C0%AE%C0%AE",
        "%FF%FE",
        "%2e%2e",
        "%2F",
        "..%2F..%2Fetc",
        ";a=b",
        "%u0000",
        "~",
        "x".repeat(3_000),
      ),
    },
  );
}

/** Percent-encodes the UTF-8 of a string (lone surrogates too, which encodeURIComponent refuses). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** A query string: known keys with hostile values, unknown keys, repeated keys, or escapes that do not decode. */
export function queryString(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...keys), nastyString);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant("") },
    {
      weight: 6,
      arbitrary: fc
        .array(fc.tuple(key, fc.oneof(nastyString, nastyNumber.map(String))), { maxLength: 4 })
        .map((pairs) =>
          pairs.length === 0
            ? ""
            : `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&")}`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...keys)
        .chain((name) =>
          fc.constantFrom(
            `?${name}`,
            `?${name}=`,
            `?${name}=%`,
            `?${name}=%00`,
            `?${name}=1&${name}=2`,
            `?${name}[]=1`,
            `?&&=&`,
          ),
        ),
    },
  );
}
