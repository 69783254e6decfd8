// Fuzzing (issue #15): over 10,000 generated payloads at every route that needs no staff session (the public ones,
// enrolment) and every route of an enrolled phone (push, pull, tus uploads), on the real server over HTTP, on SQLite
// and on PostgreSQL. Whatever arrives, the answer is below 500, every refusal in JSON is a problem (RFC 9457), and a
// refused payload stores nothing: every table's rows are counted before and after each request. By design a phone's
// refused mutations are kept raw in quarantine (bounded per device) with their log line in `mutations`, and failed
// sign-ins are counted in login_failures: those rows are allowed and reported.
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import fc from "fast-check";
import { sql } from "kysely";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceIdentity, newKeyPair, signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import { cleanText, unsafeTextAt } from "../../src/domain/clean-text";
import type { Consultation } from "../../src/domain/consultation";
import { CROCKFORD } from "../../src/domain/crockford";
import { EnrolDevice, normalizeEnrolmentCode } from "../../src/domain/devices";
import { NewDraftComment } from "../../src/domain/drafts";
import { checkInput } from "../../src/domain/input";
import { AppealFiling, ClarificationReply, NewInfoRequest } from "../../src/domain/requests/info-request";
import { formatTrackingCode, normalizeTrackingCode } from "../../src/domain/requests/tracking-code";
import { Mutation, type PushResponse } from "../../src/domain/sync-messages";
import { checkWorkshop } from "../../src/domain/workshop";
import { createApp } from "../../src/server/app";
import { findConsultationVersion, saveConsultation } from "../../src/server/consultations/consultation-store";
import { DEMO_CONSULTATION_ID } from "../../src/server/consultations/demo-consultation";
import { revokeDevice } from "../../src/server/devices/device-store";
import { createDraft, draftView, publishDraft } from "../../src/server/drafts/draft-store";
import { createLogger } from "../../src/server/logger";
import { listInstitutions } from "../../src/server/requests/catalogue-store";
import { DEMO_COMMITMENT_ID } from "../../src/server/tracker/demo-commitment";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { allTypesConsultation, makeInput, makeWorkshop } from "../support/factories";
import {
  type Body,
  bodyFor,
  type Edit,
  editedJson,
  editsOf,
  extraHeaders,
  jsonPayload,
  nastyString,
  pathSegment,
  percentEncode,
  queryString,
  visibleAscii,
} from "../support/fuzz-payloads";
import { makeRequest, postJson, seededInstitution, staffSession } from "../support/requests";
import { startTestServer, TEST_BACKEND, type TestServer } from "../support/test-server";
import { sha256Hex, uploadFile } from "../support/tus";

const SEED = 20_261_125;
/**
 * Shots sent at once between two counts of rows, on routes that may store nothing. A route that may store goes one
 * shot at a time, so each row is held to the answer that made it, and the run does not depend on timing.
 */
/**
 * PostgreSQL runs half of each route's payloads: the payloads are the same on both backends (same seed), the
 * routes' checks are shared code, and what PostgreSQL alone can refuse (NUL bytes, text it will not store) is
 * in a good share of any run's payloads. The suite stays within its time on two cores.
 */
const BACKEND_SHARE = TEST_BACKEND === "postgres" ? 0.5 : 1;
const IN_FLIGHT = 4;
// A Wednesday in Guatemala: a business day, so filings and clarifications count their terms as usual.
const CLOCK = new Date("2026-11-25T15:00:00Z");
const PLENTY = { limit: 10_000_000, windowMs: 60_000 };

/** One request as sent: method, path with its query, headers, body. */
interface Shot {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Body;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json?: unknown;
  /** The server sent a body in answer to a HEAD (reported, not failed: see send). */
  bodyToHead?: true;
}

/** Rows a table gained during one request. */
type Growth = Record<string, number>;

/** What one answer may have stored: the tables allowed to grow. Throws when a stored payload was not valid. */
type Judge = (shot: Shot, answer: Answer, growth: Growth) => readonly string[] | Promise<readonly string[]>;

interface Target {
  /** The route as the table reports it. */
  route: string;
  /** The app's route keys (`METHOD /path`, as Hono lists them) this target exercises. */
  covers: readonly string[];
  runs: number;
  shots: fc.Arbitrary<Shot | (() => Shot | Promise<Shot>)>;
  /** Absent: the route may store nothing at all, and its shots go out IN_FLIGHT at a time. */
  judge?: Judge;
  /** tus answers its refusals in plain text, as its clients expect; every other route answers problems. */
  plainTextRefusals?: true;
}

interface Tally {
  route: string;
  sent: number;
  ok: number;
  refused: number;
  limited: number;
  failed: number;
  /** Answers with a body to a HEAD (Node's 431), read from the raw bytes. */
  bodyToHead: number;
  stored: number;
  /** Rows stored where no accepted payload could have put them: must stay 0. */
  invalid: number;
  quarantined: number;
  logged: number;
  loginFailures: number;
  ms: number;
}

/** Tables that keep what was refused, by design: reported, not counted as stored. */
const BY_DESIGN = ["quarantine", "mutations", "login_failures"];

const emptyTally = (route: string): Tally => ({
  route,
  sent: 0,
  ok: 0,
  refused: 0,
  limited: 0,
  failed: 0,
  bodyToHead: 0,
  stored: 0,
  invalid: 0,
  quarantined: 0,
  logged: 0,
  loginFailures: 0,
  ms: 0,
});

let server: TestServer;
let tables: string[] = [];
/** The rows counted after the last request, while nothing else has run since. */
let counted: Record<string, number> | undefined;
const tallies: Tally[] = [];

/** Everything the deep cases need: real codes, folios, devices and files, made over HTTP like people do. */
const fx = {
  institutions: new Set<string>(),
  consultation: undefined as unknown as Consultation,
  waiting: [] as { folio: string; trackingCode: string }[],
  answered: { folio: "", trackingCode: "", fileId: "" },
  device: undefined as unknown as DeviceIdentity,
  revoked: undefined as unknown as DeviceIdentity,
  /** The key the server enrolled for `device`: what its stored records must be signed with. */
  devicePublicKey: undefined as unknown as KeyObject,
  media: { id: "", size: 0, sha256: "", bytes: new Uint8Array() },
  codes: [] as string[],
  /** A published consultation: its open-data package is really built. */
  published: "",
  /** A published draft, open for comments, and the ids of its sections. */
  draft: { id: "", sections: [] as string[] },
  keys: [] as JsonWebKey[],
};

// ---------------------------------------------------------------------------------------------------------------
// Counting rows and sending requests.

async function countRows(): Promise<Record<string, number>> {
  const selections = tables.map(
    (table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.id(table)}`,
  );
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(selections)}`.execute(
    server.storage.db,
  );
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([table, n]) => [table, Number(n)]));
}

/** Sockets kept open between requests: node:http is several times faster per request than fetch here. */
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** The headers a shot goes out with: its own, and its body's type and encoding. */
function headersOf(shot: Shot): Record<string, string> {
  const headers: Record<string, string> = { ...shot.headers };
  if (shot.body?.contentType !== undefined) headers["content-type"] = shot.body.contentType;
  if (shot.body?.encoding !== undefined) headers["content-encoding"] = shot.body.encoding;
  return headers;
}

const bodyBytes = (shot: Shot) =>
  shot.body && !["GET", "HEAD"].includes(shot.method) ? Buffer.from(shot.body.bytes) : undefined;

/** Undoes the answer's content encoding (a fuzzed Accept-Encoding may ask for one). */
function decoded(raw: Buffer, encoding: string | undefined): Buffer {
  if (raw.length === 0) return raw;
  if (encoding === "gzip") return gunzipSync(raw);
  if (encoding === "deflate") return inflateSync(raw);
  if (encoding === "br") return brotliDecompressSync(raw);
  return raw;
}

function send(shot: Shot): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname, port, path: shot.path, method: shot.method, headers: headersOf(shot), agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const contentType = response.headers["content-type"] ?? "";
          const raw = decoded(Buffer.concat(chunks), response.headers["content-encoding"]);
          const text = /json|text/.test(contentType) ? raw.toString("utf8") : `<${raw.length} bytes>`;
          let json: unknown;
          try {
            json = /json/.test(contentType) ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, contentType, text, json });
        });
      },
    );
    request.on("error", (error: Error & { code?: string; rawPacket?: Buffer }) => {
      // Should the answer to a request Node's parser refuses (client-errors.ts: 431) carry a body to a HEAD, which
      // Node's client refuses (a HEAD answer has no content, RFC 9110 §9.3.2), it is read from the raw bytes and
      // fails the run (the fuzzing found it once).
      const raw = error.rawPacket?.toString("latin1") ?? "";
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(raw)?.[1];
      if (error.code !== "HPE_CLOSED_CONNECTION" || !status) return reject(error);
      const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(raw)?.[1] ?? "";
      const text = raw.slice(raw.indexOf("\r\n\r\n") + 4);
      resolve({ status: Number(status), contentType, text, json: undefined, bodyToHead: true });
    });
    // A kept-alive socket the server closes while it sits free in the agent can fail twice (EPIPE on a write in
    // flight, then the reset); Node's free-socket handler catches only the first. A request's own errors still
    // reach it through the request above.
    request.on("socket", (socket) => {
      if (!guarded.has(socket)) {
        guarded.add(socket);
        socket.on("error", () => undefined);
      }
    });
    request.end(bodyBytes(shot));
  });
}

const guarded = new WeakSet<object>();

/** A request as a line of a report: enough to send it again by hand. */
function describeShot(shot: Shot): string {
  const body = shot.body
    ? ` ${shot.body.contentType ?? "(no content-type)"}${shot.body.encoding ? ` ${shot.body.encoding}` : ""} ` +
      JSON.stringify(
        typeof shot.body.bytes === "string"
          ? shot.body.bytes.slice(0, 600)
          : `<${shot.body.bytes.length} bytes: ${Buffer.from(shot.body.bytes).subarray(0, 80).toString("hex")}>`,
      )
    : "";
  return `${shot.method} ${shot.path.slice(0, 300)} ${JSON.stringify(shot.headers ?? {}).slice(0, 300)}${body}`;
}

/** A shot as fast-check reports a counterexample: the request line, cut short, not a 300 KB literal. */
function shown(shot: Shot | (() => Shot | Promise<Shot>)): Shot | (() => Shot | Promise<Shot>) {
  if (typeof shot === "function") return shot;
  return Object.assign(shot, { [fc.toStringMethod]: () => describeShot(shot) });
}

/** Replays a request that answered 5xx on an app with a logger, to report the server's own error line. */
async function serverErrorFor(shot: Shot): Promise<string> {
  counted = undefined;
  const lines: string[] = [];
  const { pino } = await import("pino");
  const logger = pino({ level: "error" }, { write: (line: string) => void lines.push(line) });
  const witness = createApp({
    db: server.storage.db,
    logger,
    maxBodyBytes: 1_048_576,
    filesDir: `${server.dataDir}/files`,
    now: () => CLOCK,
    requests: { statusLimit: PLENTY, filingLimit: PLENTY },
    devices: { enrolLimit: PLENTY },
    auth: { loginLimit: PLENTY },
  });
  const body = bodyBytes(shot);
  const response = await witness.request(shot.path, {
    method: shot.method,
    headers: headersOf(shot),
    ...(body ? { body } : {}),
  });
  return `replayed: ${response.status} ${(await response.text()).slice(0, 300)}\n${lines.join("").slice(0, 2_000)}`;
}

/**
 * Sends shots (a target's batch, at once) and holds the server to the rules; throws, and fast-check shrinks, when
 * it breaks one. Rows are counted before and after: a table may grow only as the answers' judge allows.
 */
async function fire(target: Target, tally: Tally, shots: Shot[]): Promise<void> {
  // Nothing writes between two requests of a run: the count after one is the count before the next.
  const before = counted ?? (await countRows());
  const answers = await Promise.all(shots.map(send));
  const after = await countRows();
  counted = after;
  const growth: Growth = {};
  for (const table of tables) {
    const added = (after[table] ?? 0) - (before[table] ?? 0);
    if (added > 0) growth[table] = added;
  }
  tally.sent += shots.length;
  tally.quarantined += growth.quarantine ?? 0;
  tally.logged += growth.mutations ?? 0;
  tally.loginFailures += growth.login_failures ?? 0;
  const allowed = new Set<string>();
  for (const [i, shot] of shots.entries()) {
    const answer = answers[i]!;
    if (answer.status >= 500) {
      tally.failed += 1;
      throw new Error(
        `${target.route} answered ${answer.status}: ${answer.text.slice(0, 300)}\n` +
          `request: ${describeShot(shot)}\n${await serverErrorFor(shot)}`,
      );
    }
    if (answer.bodyToHead) {
      tally.bodyToHead += 1;
      throw new Error(`${target.route} answered a HEAD with a body: ${describeShot(shot)}`);
    }
    if (answer.status === 429) tally.limited += 1;
    else if (answer.status >= 400) tally.refused += 1;
    else tally.ok += 1;
    if (answer.status >= 400 && !(target.plainTextRefusals && !/json/.test(answer.contentType))) {
      // A HEAD answer has the problem's headers and no body.
      const problem = (answer.json ??
        (shot.method === "HEAD" ? { type: "", status: answer.status } : undefined)) as
        | { type?: unknown; status?: unknown }
        | undefined;
      if (!answer.contentType.startsWith("application/problem+json") || typeof problem?.type !== "string")
        throw new Error(
          `${target.route} refused with ${answer.status} ${answer.contentType}, not a problem: ` +
            `${answer.text.slice(0, 300)}\nrequest: ${describeShot(shot)}`,
        );
      expect(problem.status, `problem status of ${describeShot(shot)}`).toBe(answer.status);
    }
    for (const table of (await target.judge?.(shot, answer, growth)) ?? []) allowed.add(table);
  }
  const unexpected = Object.keys(growth).filter((table) => !allowed.has(table));
  tally.invalid += unexpected.reduce((sum, table) => sum + (growth[table] ?? 0), 0);
  if (unexpected.length > 0)
    throw new Error(
      `${target.route} answered ${answers.map((a) => a.status).join(", ")} and stored rows in ` +
        `${JSON.stringify(growth)} (allowed: ${[...allowed].join(", ") || "none"})\n` +
        `request: ${shots.map(describeShot).join("\n")}`,
    );
  tally.stored += Object.entries(growth)
    .filter(([table]) => !BY_DESIGN.includes(table))
    .reduce((sum, [, n]) => sum + n, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// What the server saw, for judging what it stored.

/** The body parsed as the server parses it (gunzipped, text cleaned), or undefined if it is not JSON to it. */
function asServerSaw(body: Body | undefined, clean = true): unknown {
  if (!body) return undefined;
  try {
    const bytes = Buffer.from(body.bytes);
    const text = (body.encoding === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
    return clean
      ? JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? cleanText(value) : value))
      : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sameCode = (a: string, b: string) => normalizeTrackingCode(a) === normalizeTrackingCode(b);

/** A finding: the server stored something from a payload its own schema or rules refuse. */
function storedInvalid(route: string, why: string, shot: Shot): never {
  throw new Error(`${route} stored rows from an invalid payload (${why})\nrequest: ${describeShot(shot)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks of the shots.

const uuid = fc.noBias(fc.uuid({ version: 7 }));
const trackingCode = fc
  .string({ unit: fc.constantFrom(...CROCKFORD), minLength: 16, maxLength: 16 })
  .map(formatTrackingCode);

/** Extra headers, then the route's own (so a device's token is usually the one that counts). */
const withHeaders = (own: Record<string, string> = {}) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: extraHeaders.map((extra) => ({ ...extra, ...own })) },
  );

function getShots(
  path: fc.Arbitrary<string>,
  keys: readonly string[],
  own: fc.Arbitrary<Record<string, string>>,
) {
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constant("HEAD") },
      ),
      path,
      query: queryString(keys),
      headers: own.chain(withHeaders),
    })
    .map(({ method, path, query, headers }): Shot => ({ method, path: path + query, headers }));
}

function postShots(
  path: fc.Arbitrary<string>,
  body: fc.Arbitrary<Body>,
  own = fc.constant({}),
): fc.Arbitrary<Shot> {
  return fc
    .record({ path, body, headers: own.chain(withHeaders) })
    .map(({ path, body, headers }): Shot => ({ method: "POST", path, body, headers }));
}

const api = (path: string) => `/api/v1${path}`;

/** A value one time in ten, null otherwise. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arbitrary });

// ---------------------------------------------------------------------------------------------------------------
// The targets: every route a person without a staff account, or an enrolled phone, can reach.

function publicTargets(): Target[] {
  const consultationId = pathSegment([DEMO_CONSULTATION_ID, fx.published]);
  const noHeaders = fc.constant<Record<string, string>>({});
  return [
    {
      route: "GET /api/v1/health",
      covers: ["GET /api/v1/health"],
      runs: 200,
      shots: getShots(fc.constant(api("/health")), ["check"], noHeaders),
    },
    {
      route: "GET /api/v1/institutions",
      covers: ["GET /api/v1/institutions"],
      runs: 200,
      shots: getShots(
        fc.constant(api("/institutions")),
        ["active", "q"],
        fc.oneof(
          noHeaders,
          visibleAscii().map((tag) => ({ "if-none-match": tag })),
        ),
      ),
    },
    {
      route: "GET /api/v1/statistics/requests",
      covers: ["GET /api/v1/statistics/requests"],
      runs: 500,
      shots: fc.oneof(
        getShots(fc.constant(api("/statistics/requests")), ["year", "format", "bom"], noHeaders),
        fc
          .record({
            year: fc.oneof(fc.integer({ min: 2000, max: 2030 }).map(String), nastyString),
            format: fc.constantFrom("csv", "json", "CSV", ""),
            bom: fc.constantFrom("1", "0", "true"),
          })
          .map(
            ({ year, format, bom }): Shot => ({
              method: "GET",
              path: api(`/statistics/requests?year=${percentEncode(year)}&format=${format}&bom=${bom}`),
            }),
          ),
      ),
    },
    {
      route: "GET /api/v1/public/consultations/:id",
      covers: ["GET /api/v1/public/consultations/:id"],
      runs: 500,
      shots: getShots(
        consultationId.map((id) => api(`/public/consultations/${id}`)),
        ["lang", "version"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/public/consultations/:id/inputs",
      covers: ["GET /api/v1/public/consultations/:id/inputs"],
      runs: 600,
      shots: fc.oneof(
        getShots(
          consultationId.map((id) => api(`/public/consultations/${id}/inputs`)),
          ["after", "status"],
          noHeaders,
        ),
        fc
          .record({
            after: fc.oneof(uuid, nastyString),
            status: fc.constantFrom(
              "none",
              "incorporated",
              "partly_incorporated",
              "not_incorporated",
              "out_of_scope",
              "bogus",
              "",
            ),
          })
          .map(
            ({ after, status }): Shot => ({
              method: "GET",
              path: api(
                `/public/consultations/${DEMO_CONSULTATION_ID}/inputs?after=${percentEncode(after)}&status=${status}`,
              ),
            }),
          ),
      ),
    },
    {
      route: "GET /api/v1/public/consultations/:id/datapackage.zip",
      covers: ["GET /api/v1/public/consultations/:id/datapackage.zip"],
      runs: 200,
      shots: getShots(
        consultationId.map((id) => api(`/public/consultations/${id}/datapackage.zip`)),
        ["lang"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/public/signing-key",
      covers: ["GET /api/v1/public/signing-key"],
      runs: 100,
      shots: getShots(fc.constant(api("/public/signing-key")), ["keyId"], noHeaders),
    },
    {
      route: "GET /api/v1/public/catalogue",
      covers: ["GET /api/v1/public/catalogue"],
      runs: 100,
      shots: getShots(fc.constant(api("/public/catalogue")), ["page"], noHeaders),
    },
    {
      route: "GET /api/v1/public/ui-languages[/:language], ui-translations/template",
      covers: [
        "GET /api/v1/public/ui-languages",
        "GET /api/v1/public/ui-languages/:language",
        "GET /api/v1/public/ui-translations/template",
      ],
      runs: 200,
      shots: getShots(
        fc.oneof(
          fc.constant(api("/public/ui-languages")),
          pathSegment(["quc", "es", "kek"]).map((code) => api(`/public/ui-languages/${code}`)),
          fc.constant(api("/public/ui-translations/template")),
        ),
        ["language"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/public/consultations/:id/prompts, prompts/:id",
      covers: ["GET /api/v1/public/consultations/:id/prompts", "GET /api/v1/public/prompts/:id"],
      runs: 200,
      shots: getShots(
        fc.oneof(
          consultationId.map((id) => api(`/public/consultations/${id}/prompts`)),
          pathSegment([DEMO_CONSULTATION_ID]).map((id) => api(`/public/prompts/${id}`)),
        ),
        ["lang"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/public/commitments",
      covers: ["GET /api/v1/public/commitments"],
      runs: 100,
      shots: getShots(fc.constant(api("/public/commitments")), ["page"], noHeaders),
    },
    {
      route: "GET /api/v1/public/commitments/:id",
      covers: ["GET /api/v1/public/commitments/:id"],
      runs: 300,
      shots: getShots(
        pathSegment([DEMO_COMMITMENT_ID]).map((id) => api(`/public/commitments/${id}`)),
        ["lang"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/public/commitments/:id/datapackage.zip",
      covers: [
        "GET /api/v1/public/commitments/:id/datapackage.zip",
        "GET /api/v1/public/commitments/:id/updates.atom",
      ],
      runs: 200,
      shots: getShots(
        fc
          .tuple(pathSegment([DEMO_COMMITMENT_ID]), fc.constantFrom("datapackage.zip", "updates.atom"))
          .map(([id, file]) => api(`/public/commitments/${id}/${file}`)),
        ["lang"],
        noHeaders,
      ),
    },
    {
      route: "GET /api/v1/auth/first-start",
      covers: ["GET /api/v1/auth/first-start"],
      runs: 50,
      shots: getShots(fc.constant(api("/auth/first-start")), ["staff"], noHeaders),
    },
    {
      route: "GET /api/v1/sync/pull",
      covers: ["GET /api/v1/sync/pull", "ALL /api/v1/sync/pull"],
      runs: 700,
      shots: fc.oneof(
        getShots(fc.constant(api("/sync/pull")), ["cursor", "protocol"], deviceHeaders()),
        fc
          .record({
            cursor: fc.oneof(
              fc.nat().map(String),
              fc.constantFrom("0", "-1", "1e3", "0x10", "9007199254740993", "", " 1"),
              nastyString,
            ),
            protocol: fc.oneof(fc.integer().map(String), nastyString),
            headers: deviceHeaders(),
          })
          .map(
            ({ cursor, protocol, headers }): Shot => ({
              method: "GET",
              path: api(`/sync/pull?cursor=${percentEncode(cursor)}&protocol=${percentEncode(protocol)}`),
              headers,
            }),
          ),
      ),
    },
    {
      route: "GET /api/v1/public/drafts[/:id[/changes]]",
      covers: [
        "GET /api/v1/public/drafts",
        "GET /api/v1/public/drafts/:id",
        "GET /api/v1/public/drafts/:id/changes",
      ],
      runs: 300,
      shots: getShots(
        fc.oneof(
          fc.constant(api("/public/drafts")),
          fc
            .tuple(pathSegment([fx.draft.id]), fc.constantFrom("", "/changes"))
            .map(([id, tail]) => api(`/public/drafts/${id}${tail}`)),
        ),
        ["version", "from", "to"],
        noHeaders,
      ),
    },
    draftCommentTarget(),
    filingTarget(),
    statusTarget(),
    appealTarget(),
    clarificationTarget(),
    filesTarget(),
    loginTarget(),
    enrolTarget(),
  ];
}

/** Who a phone says it is: its token, a revoked phone's, a made-up one, none; sometimes a reader key. */
function deviceHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      token: fc.oneof(fc.constantFrom(fx.device.token, fx.revoked.token, ""), visibleAscii(60)),
      scheme: fc.constantFrom("Bearer ", "bearer ", "Bearer  ", "Basic ", ""),
      reader: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), visibleAscii(60))),
    })
    .map(({ token, scheme, reader }) => ({
      ...(token === "" ? {} : { authorization: `${scheme}${token}` }),
      ...(reader === null ? {} : { "x-tejido-reader": reader }),
    }));
}

function filingTarget(): Target {
  const minfin = seededInstitution("MINFIN").id;
  const valid = fc
    .record({
      id: uuid,
      deviceId: uuid,
      institutionId: fc.oneof(
        { weight: 4, arbitrary: fc.constant(minfin) },
        { weight: 1, arbitrary: fc.constantFrom(...[...fx.institutions].slice(0, 20)) },
        { weight: 1, arbitrary: uuid },
      ),
      trackingCode,
      provisionalCode: fc
        .string({ unit: fc.constantFrom(...CROCKFORD), minLength: 8, maxLength: 8 })
        .map((code) => `P-${code.slice(0, 4)}-${code.slice(4)}`),
      kind: fc.constantFrom(undefined, "information", "personal-data-access"),
      contact: fc.constantFrom({}, { contactEmail: "ana@example.gt" }, { contactPhone: "+502 5555-1234" }),
    })
    .map(({ kind, contact, ...fields }) => ({
      ...makeRequest({ ...fields, ...contact }),
      ...(kind ? { kind } : {}),
    }));
  return {
    route: "POST /api/v1/requests",
    covers: ["POST /api/v1/requests"],
    runs: 1_500,
    shots: postShots(fc.constant(api("/requests")), jsonPayload(valid)),
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      const filed = NewInfoRequest.safeParse(asServerSaw(shot.body));
      if (!filed.success) storedInvalid(this.route, filed.error.message.slice(0, 300), shot);
      if (!fx.institutions.has(filed.data.institutionId))
        storedInvalid(this.route, "unknown institution", shot);
      return ["info_requests", "request_events", "changes", "folio_counters", "mail_outbox"];
    },
  };
}

/** folio + tracking code: a real pair, a real folio with another code, or anything. */
function folioAndCode(
  real: { folio: string; trackingCode: string }[],
): fc.Arbitrary<{ folio: string; trackingCode: string }> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...real).map(({ folio, trackingCode }) => ({ folio, trackingCode })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...real), trackingCode)
        .map(([{ folio }, code]) => ({ folio, trackingCode: code })),
    },
    { weight: 1, arbitrary: fc.record({ folio: nastyString, trackingCode: nastyString }) },
  );
}

function statusTarget(): Target {
  const valid = folioAndCode([...fx.waiting, fx.answered]);
  return {
    route: "POST /api/v1/requests/status",
    covers: ["POST /api/v1/requests/status"],
    runs: 700,
    shots: postShots(fc.constant(api("/requests/status")), jsonPayload(valid)),
  };
}

const REASON = "No me respondieron en el plazo de ley.";

function draftCommentTarget(): Target {
  const valid = fc
    .record({
      id: uuid,
      sectionId: fc.constantFrom(...fx.draft.sections),
      kind: fc.constantFrom("comment", "amendment"),
      text: fc.constantFrom("Falta decir cuándo.", "Que se haga también en Nebaj."),
      proposedText: fc.constantFrom("Un texto nuevo para la sección.", undefined),
    })
    .map(({ proposedText, ...comment }) => (proposedText ? { ...comment, proposedText } : comment));
  return {
    route: "POST /api/v1/public/drafts/:id/comments",
    covers: ["POST /api/v1/public/drafts/:id/comments"],
    runs: 600,
    shots: postShots(
      pathSegment([fx.draft.id]).map((id) => api(`/public/drafts/${id}/comments`)),
      jsonPayload(valid),
    ),
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      const comment = NewDraftComment.safeParse(asServerSaw(shot.body));
      if (!comment.success) storedInvalid(this.route, comment.error.message.slice(0, 300), shot);
      if ((comment.data.kind === "amendment") !== (comment.data.proposedText !== undefined))
        storedInvalid(this.route, "an amendment without its text, or a comment with one", shot);
      if (!shot.path.includes(fx.draft.id)) storedInvalid(this.route, "a comment on another draft", shot);
      return ["draft_comments"];
    },
  };
}

function appealTarget(): Target {
  const valid = fc
    .record({
      pair: folioAndCode([fx.answered, ...fx.waiting]),
      reason: fc.constantFrom(REASON, "Falta el anexo 3."),
    })
    .map(({ pair, reason }) => ({ ...pair, reason }));
  return {
    route: "POST /api/v1/requests/appeal",
    covers: ["POST /api/v1/requests/appeal"],
    runs: 600,
    shots: postShots(fc.constant(api("/requests/appeal")), jsonPayload(valid)),
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      const appeal = AppealFiling.safeParse(asServerSaw(shot.body));
      if (!appeal.success) storedInvalid(this.route, appeal.error.message.slice(0, 300), shot);
      if (
        appeal.data.folio !== fx.answered.folio ||
        !sameCode(appeal.data.trackingCode, fx.answered.trackingCode)
      )
        storedInvalid(this.route, "not the answered request", shot);
      return ["request_events", "changes", "mail_outbox"];
    },
  };
}

function clarificationTarget(): Target {
  const valid = fc
    .record({
      id: uuid,
      pair: folioAndCode([...fx.waiting, fx.answered]),
      text: fc.constantFrom("Del municipio de Nebaj, año 2025.", "Los contratos de obra de 2024."),
    })
    .map(({ id, pair, text }) => ({ id, ...pair, text }));
  return {
    route: "POST /api/v1/requests/clarification",
    covers: ["POST /api/v1/requests/clarification"],
    runs: 800,
    shots: postShots(fc.constant(api("/requests/clarification")), jsonPayload(valid)),
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      const reply = ClarificationReply.safeParse(asServerSaw(shot.body));
      if (!reply.success) storedInvalid(this.route, reply.error.message.slice(0, 300), shot);
      const { folio, trackingCode: code } = reply.data;
      if (!fx.waiting.some((pair) => pair.folio === folio && sameCode(pair.trackingCode, code)))
        storedInvalid(this.route, "not a request waiting for a clarification", shot);
      return ["request_events", "changes", "mail_outbox"];
    },
  };
}

function filesTarget(): Target {
  const valid = folioAndCode([fx.answered]);
  return {
    route: "POST /api/v1/requests/files/:fileId",
    covers: ["POST /api/v1/requests/files/:fileId"],
    runs: 500,
    shots: postShots(
      fc.oneof(fc.constant(fx.answered.fileId), pathSegment()).map((id) => api(`/requests/files/${id}`)),
      jsonPayload(valid),
    ),
  };
}

function loginTarget(): Target {
  const valid = fc.record({
    email: fc.constantFrom("uip@minfin.gob.gt", "nadie@tejido.gt", " UIP@MINFIN.GOB.GT "),
    password: fc.constantFrom("una contraseña equivocada", "x"),
  });
  return {
    route: "POST /api/v1/auth/login",
    covers: ["POST /api/v1/auth/login"],
    runs: 400,
    shots: postShots(fc.constant(api("/auth/login")), jsonPayload(valid)),
    // Every sign-in that fails is counted, whatever the email (wrong ones too): that is how guessing slows down.
    judge: () => ["login_failures"],
  };
}

function enrolTarget(): Target {
  const valid = fc.record({
    code: fc.constantFrom(...fx.codes),
    deviceId: uuid,
    // A real key, or one shaped like P-256 whose point is (almost surely) not on the curve.
    publicKey: fc.oneof(
      fc.constantFrom(...fx.keys),
      fc.record({
        kty: fc.constant("EC"),
        crv: fc.constant("P-256"),
        x: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        y: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      }),
    ),
  });
  return {
    route: "POST /api/v1/devices/enrol",
    covers: ["POST /api/v1/devices/enrol"],
    runs: 700,
    shots: postShots(fc.constant(api("/devices/enrol")), jsonPayload(valid)),
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      const enrolment = EnrolDevice.safeParse(asServerSaw(shot.body));
      if (!enrolment.success) storedInvalid(this.route, enrolment.error.message.slice(0, 300), shot);
      if (!fx.codes.includes(normalizeEnrolmentCode(enrolment.data.code) ?? ""))
        storedInvalid(this.route, "not an issued code", shot);
      return ["devices"];
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The enrolled phone's routes: push (signed mutations, altered before or after signing, and garbage), tus uploads.

interface MutationPlan {
  kind: "input" | "workshop";
  mutationId: string;
  recordId: string;
  seq: number;
  withMedia: boolean;
  edits: Edit[] | null;
  where: "payload" | "mutation";
  signing: "after-edits" | "before-edits" | "none" | "garbage";
  garbage: string;
}

/** Ids met more than once across the run. */
const ID_POOL = [
  "0190a000-0000-7000-8000-000000000001",
  "0190a000-0000-7000-8000-000000000002",
  "0190a000-0000-7000-8000-000000000003",
];

const mutationPlan = (): fc.Arbitrary<MutationPlan> =>
  fc
    .tuple(
      fc.constantFrom("input" as const, "workshop" as const),
      fc.constantFrom("payload" as const, "payload" as const, "mutation" as const),
    )
    .chain(([kind, where]) =>
      fc.record({
        kind: fc.constant(kind),
        // Now and then an id already used: re-sends, reuse of a mutation id for other content, record conflicts.
        mutationId: fc.oneof(
          { weight: 9, arbitrary: uuid },
          { weight: 1, arbitrary: fc.constantFrom(...ID_POOL) },
        ),
        recordId: fc.oneof(
          { weight: 9, arbitrary: uuid },
          { weight: 1, arbitrary: fc.constantFrom(...ID_POOL) },
        ),
        seq: fc.oneof(fc.nat(1_000), fc.integer()),
        withMedia: fc.boolean(),
        // Edits reach any field of the payload, or of the whole mutation (its ids, type, seq, signature too).
        edits: fc.oneof(
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 3, arbitrary: editsOf(sampleOf(kind, where), 3) },
        ),
        where: fc.constant(where),
        signing: fc.constantFrom(
          "after-edits" as const,
          "after-edits" as const,
          "before-edits" as const,
          "none" as const,
          "garbage" as const,
        ),
        garbage: fc.oneof(visibleAscii(90), nastyString),
      }),
    );

/** A representative payload or mutation of a kind: the shape whose fields edits can touch. */
function sampleOf(kind: MutationPlan["kind"], where: MutationPlan["where"]): unknown {
  const [id, deviceId, mediaId] = ID_POOL as [string, string, string];
  const payload =
    kind === "workshop"
      ? makeWorkshop({ id, deviceId })
      : makeInput({
          id,
          deviceId,
          media: [{ id: mediaId, kind: "audio", mime: "audio/webm", size: 10, sha256: "0".repeat(64) }],
        });
  if (where === "payload") return payload;
  return {
    mutationId: mediaId,
    seq: 1,
    type: kind === "input" ? "input.create" : "workshop.save",
    recordId: id,
    payload,
    createdAt: "2026-11-20T15:04:05.000Z",
    signature: "x".repeat(86),
  };
}

function payloadOf(plan: MutationPlan): Record<string, unknown> {
  const deviceId = fx.device.deviceId;
  if (plan.kind === "workshop") return makeWorkshop({ id: plan.recordId, deviceId });
  return makeInput({
    id: plan.recordId,
    deviceId,
    ...(plan.withMedia
      ? {
          media: [
            { id: plan.mutationId, kind: "photo", mime: "image/jpeg", size: 2_048, sha256: "a".repeat(64) },
          ],
        }
      : {}),
  });
}

/**
 * One mutation as JSON text (edits may hold raw number tokens), signed by the enrolled phone over its payload as
 * sent, or as it was before the edits, or not at all, or with garbage.
 */
async function mutationText(plan: MutationPlan): Promise<string> {
  const payload = payloadOf(plan);
  const payloadText =
    plan.edits && plan.where === "payload" ? editedJson(payload, plan.edits) : JSON.stringify(payload);
  let signed: string | undefined;
  try {
    signed = canonicalJson(plan.signing === "before-edits" ? payload : JSON.parse(payloadText));
  } catch {
    signed = undefined; // a payload with a non-finite number has no canonical form: it goes unsigned
  }
  const signature =
    plan.signing === "none"
      ? undefined
      : plan.signing === "garbage"
        ? plan.garbage
        : signed === undefined
          ? undefined
          : await signText(fx.device.privateKey, signed);
  const mutation = {
    mutationId: plan.mutationId,
    seq: plan.seq,
    type: plan.kind === "input" ? "input.create" : "workshop.save",
    recordId: plan.recordId,
    payload: "\u0000payload",
    createdAt: "2026-11-20T15:04:05.000Z",
    ...(signature === undefined ? {} : { signature }),
  };
  return plan.edits && plan.where === "mutation"
    ? editedJson({ ...mutation, payload }, plan.edits)
    : JSON.stringify(mutation).replace('"\\u0000payload"', payloadText);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function pushTarget(): Target {
  const envelope = fc.record({
    protocol: fc.oneof(fc.constant(1), fc.constant(undefined), fc.integer(), nastyString),
    deviceId: fc.oneof(
      { weight: 8, arbitrary: fc.constant(fx.device.deviceId) },
      { weight: 1, arbitrary: fc.constant(fx.revoked.deviceId) },
      { weight: 1, arbitrary: fc.oneof(uuid, nastyString) },
    ),
    mutations: fc.oneof(
      { weight: 10, arbitrary: fc.array(mutationPlan(), { minLength: 1, maxLength: 4 }) },
      { weight: 1, arbitrary: mutationPlan().map((plan) => [plan, plan]) },
      { weight: 1, arbitrary: mutationPlan().map((plan) => Array.from({ length: 201 }, () => plan)) },
    ),
    token: fc.oneof(
      { weight: 10, arbitrary: fc.constant(fx.device.token) },
      { weight: 1, arbitrary: fc.constant(fx.revoked.token) },
      { weight: 1, arbitrary: visibleAscii(60) },
    ),
    // Sent as built, or the whole batch broken after the fact (envelope fields, how the body is sent).
    after: fc.oneof(
      { weight: 9, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: editsOf({ protocol: 1, deviceId: "", mutations: [{}] }, 2) },
    ),
    send: fc.nat(20),
  });
  const shots = fc.oneof(
    { weight: 1, arbitrary: postShots(fc.constant(api("/sync/push")), jsonPayload(fc.constant({}))) },
    {
      weight: 6,
      arbitrary: envelope.chain((plan) =>
        bodyFor("{}").map((how) => {
          const build = async (): Promise<Shot> => {
            const built = plan.mutations.length > 4 ? [await mutationText(plan.mutations[0]!)] : [];
            const texts =
              built.length > 0
                ? plan.mutations.map(() => built[0]!)
                : await Promise.all(plan.mutations.map(mutationText));
            const head = JSON.stringify({
              ...(plan.protocol === undefined ? {} : { protocol: plan.protocol }),
              deviceId: plan.deviceId,
            });
            let json = `${head.slice(0, -1)},"mutations":[${texts.join(",")}]}`;
            // A batch whose mutations are already broken JSON (a dropped payload, say) is sent as it is.
            if (plan.after && isJson(json)) json = editedJson(JSON.parse(json), plan.after);
            // Mostly sent as a phone sends it; now and then in one of the wrong ways bodyFor knows.
            const body: Body =
              plan.send > 2 || how.bytes === "{}"
                ? { contentType: "application/json", bytes: json }
                : { ...how, bytes: typeof how.bytes === "string" ? json : how.bytes };
            return {
              method: "POST",
              path: api("/sync/push"),
              headers: { authorization: `Bearer ${plan.token}` },
              body,
            };
          };
          // A counterexample is reported as its plan, not as the source of this function.
          return Object.assign(build, {
            [fc.toStringMethod]: () => fc.stringify({ plan, how }).slice(0, 3_000),
          });
        }),
      ),
    },
  );
  return {
    route: "POST /api/v1/sync/push",
    covers: ["POST /api/v1/sync/push", "ALL /api/v1/sync/push"],
    runs: 1_500,
    shots,
    async judge(shot, answer, growth) {
      // A revoked phone's batch is refused but kept raw in quarantine; any other refused batch stores nothing.
      if (answer.status !== 200)
        return answer.status === 403 && answer.text.includes("device-revoked") ? ["quarantine"] : [];
      // Refused mutations of a batch are kept raw for review, once per device and content, with a log line.
      const byDesign = ["quarantine", "mutations"];
      const applied = (answer.json as PushResponse).results.filter((r) => r.status === "applied");
      if (applied.length === 0) return byDesign;
      const sent = asServerSaw(shot.body, false) as { deviceId: string; mutations: unknown[] };
      let inputs = 0;
      let workshops = 0;
      for (const result of applied) {
        const raw = sent.mutations[result.index];
        const mutation = Mutation.safeParse(raw);
        if (!mutation.success) storedInvalid(this.route, `mutation ${result.index}: not a mutation`, shot);
        const payload = mutation.data.payload;
        // The stored text is the canonical JSON of the parsed payload: the enrolled key must have signed it.
        const signed = verify(
          "sha256",
          Buffer.from(canonicalJson(payload)),
          { key: fx.devicePublicKey, dsaEncoding: "ieee-p1363" },
          Buffer.from(mutation.data.signature ?? "", "base64url"),
        );
        const why =
          payload.deviceId !== fx.device.deviceId
            ? "another device's record"
            : sent.deviceId !== fx.device.deviceId
              ? "another device's batch"
              : !signed
                ? "no signature of the enrolled key"
                : unsafeTextAt(payload) !== undefined
                  ? "controls in signed text"
                  : mutation.data.type === "input.create"
                    ? checkInput(fx.consultation, mutation.data.payload)
                        .map((i) => i.code)
                        .join(",")
                    : mutation.data.type === "workshop.save"
                      ? checkWorkshop(mutation.data.payload)
                          .map((i) => i.code)
                          .join(",")
                      : // A field comment is judged against the draft in the database (tests/server/drafts).
                        "";
        if (why) storedInvalid(this.route, `mutation ${result.index}: ${why}`, shot);
        if (mutation.data.type === "input.create") inputs += 1;
        else if (mutation.data.type === "workshop.save") workshops += 1;
      }
      // One input per applied input.create; a workshop's later save updates its row.
      expect(growth.inputs ?? 0, `inputs stored by ${describeShot(shot)}`).toBe(inputs);
      expect(growth.workshops ?? 0, `workshops stored by ${describeShot(shot)}`).toBeLessThanOrEqual(
        workshops,
      );
      return [...byDesign, "inputs", "workshops", "media_refs", "changes", "draft_comments"];
    },
  };
}

/**
 * A transfer file relayed by the enrolled phone for another (issue #14): the same signed mutations as a push,
 * under a manifest signed, unsigned or naming another device. Whatever is applied must be a valid mutation of
 * the device the manifest names, signed with that device's key (only fx.device has one here).
 */
function relayTarget(): Target {
  const plan = fc.record({
    token: fc.oneof(
      { weight: 10, arbitrary: fc.constant(fx.device.token) },
      { weight: 1, arbitrary: fc.constant(fx.revoked.token) },
      { weight: 1, arbitrary: visibleAscii(60) },
    ),
    deviceId: fc.oneof(
      { weight: 8, arbitrary: fc.constant(fx.device.deviceId) },
      { weight: 1, arbitrary: fc.constant(fx.revoked.deviceId) },
      { weight: 1, arbitrary: fc.oneof(uuid, nastyString) },
    ),
    entries: fc.array(mutationPlan(), { maxLength: 4 }),
    signManifest: fc.boolean(),
    format: fc.oneof(
      { weight: 9, arbitrary: fc.constant("tejido-transfer") },
      { weight: 1, arbitrary: nastyString },
    ),
  });
  const shots = plan.map((p) => {
    const build = async (): Promise<Shot> => {
      const texts = await Promise.all(p.entries.map(mutationText));
      const manifest = {
        format: p.format,
        version: 1,
        deviceId: p.deviceId,
        createdAt: "2026-11-30T18:00:00.000Z",
        entries: p.entries.map((e) => ({ mutationId: e.mutationId, payloadSha256: "0".repeat(64) })),
      };
      const signature = p.signManifest ? await signText(fx.device.privateKey, canonicalJson(manifest)) : "x";
      const head = JSON.stringify({ manifest, signature });
      return {
        method: "POST",
        path: api("/sync/relay"),
        headers: { authorization: `Bearer ${p.token}` },
        body: {
          contentType: "application/json",
          bytes: `${head.slice(0, -1)},"entries":[${texts.join(",")}]}`,
        },
      };
    };
    return Object.assign(build, { [fc.toStringMethod]: () => fc.stringify(p).slice(0, 3_000) });
  });
  return {
    route: "POST /api/v1/sync/relay",
    covers: ["POST /api/v1/sync/relay"],
    runs: 400,
    shots,
    judge(shot, answer) {
      // A revoked device's file is refused but kept raw in quarantine; any other refusal stores nothing.
      if (answer.status !== 200)
        return answer.status === 403 && answer.text.includes("device-revoked") ? ["quarantine"] : [];
      const byDesign = ["quarantine", "mutations"];
      const sent = asServerSaw(shot.body, false) as { manifest: { deviceId: string }; entries: unknown[] };
      const { report } = answer.json as { report: { entries: { index: number; outcome: string }[] } };
      for (const entry of report.entries.filter((e) => e.outcome === "applied")) {
        const mutation = Mutation.safeParse(sent.entries[entry.index]);
        if (!mutation.success) storedInvalid(this.route, `entry ${entry.index}: not a mutation`, shot);
        const payload = mutation.data.payload;
        const signed = verify(
          "sha256",
          Buffer.from(canonicalJson(payload)),
          { key: fx.devicePublicKey, dsaEncoding: "ieee-p1363" },
          Buffer.from(mutation.data.signature ?? "", "base64url"),
        );
        if (
          sent.manifest.deviceId !== fx.device.deviceId ||
          payload.deviceId !== fx.device.deviceId ||
          !signed
        )
          storedInvalid(this.route, `entry ${entry.index}: applied without its device's signature`, shot);
      }
      return [...byDesign, "inputs", "workshops", "media_refs", "changes", "draft_comments"];
    },
  };
}

function uploadTarget(): Target {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const metadata = fc
    .record({
      name: fc.oneof(fc.constant("nota-de-voz.webm"), nastyString),
      type: fc.oneof(fc.constant("audio/webm"), nastyString),
      sha: fc.oneof(
        fc.constantFrom(fx.media.sha256, fx.media.sha256.toUpperCase(), "0".repeat(64)),
        nastyString,
      ),
      id: fc.oneof(fc.constant(fx.media.id), uuid, nastyString),
      drop: fc.subarray(["filename", "filetype", "sha256", "id"]),
      extra: rarely(fc.tuple(visibleAscii(10), visibleAscii(30))),
      broken: rarely(
        fc.constantFrom("filename", "filename ", "filename !!!", "sha256 ===", ",", " , ", "id a,id b"),
      ),
    })
    .map(({ name, type, sha, id, drop, extra, broken }) => {
      const pairs: [string, string][] = [
        ["filename", b64(name)],
        ["filetype", b64(type)],
        ["sha256", b64(sha)],
        ["id", b64(id)],
      ];
      const kept = pairs.filter(([key]) => !drop.includes(key)).map(([key, value]) => `${key} ${value}`);
      if (extra) kept.push(`${extra[0]} ${extra[1]}`);
      if (broken) kept.push(broken);
      return kept.join(",");
    });
  const tusHeaders = fc.record({
    auth: fc.oneof(
      { weight: 8, arbitrary: fc.constant({ authorization: `Bearer ${fx.device.token}` }) },
      { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${fx.revoked.token}` }) },
      { weight: 1, arbitrary: visibleAscii(60).map((token) => ({ authorization: `Bearer ${token}` })) },
      {
        weight: 1,
        arbitrary: visibleAscii(60).map((token) => ({ cookie: `tejido_session=${token}` })),
      },
      { weight: 1, arbitrary: fc.constant({}) },
    ),
    resumable: fc.oneof(
      { weight: 8, arbitrary: fc.constant("1.0.0") },
      { weight: 1, arbitrary: visibleAscii(8) },
    ),
    length: fc.oneof(
      fc.constant(String(fx.media.size)),
      fc.constantFrom("0", "-1", "1e3", "", "abc", "99999999999999999999", String(60 * 1024 * 1024), "64 "),
      fc.nat().map(String),
    ),
    offset: fc.oneof(
      fc.constant("0"),
      fc.constantFrom("-1", "", "1.5", "999999", "abc", String(2 ** 53)),
      fc.nat(100).map(String),
    ),
    override: rarely(fc.constantFrom("PATCH", "DELETE", "HEAD", "GET", "POST", "bogus")),
    defer: rarely(fc.constantFrom("1", "0", "yes")),
    metadata,
  });
  const shots = fc
    .record({
      method: fc.constantFrom(
        "POST",
        "POST",
        "POST",
        "PATCH",
        "PATCH",
        "HEAD",
        "DELETE",
        "OPTIONS",
        "GET",
        "PUT",
      ),
      at: fc.oneof(
        { weight: 3, arbitrary: fc.constant(fx.media.id) },
        { weight: 2, arbitrary: pathSegment() },
      ),
      headers: tusHeaders,
      contentType: fc.oneof(fc.constant("application/offset+octet-stream"), visibleAscii(30)),
      bytes: fc.oneof(
        fc.constant(fx.media.bytes),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(fx.media.size - 1).map((cut) => fx.media.bytes.subarray(0, cut)),
      ),
    })
    .map(({ method, at, headers, contentType, bytes }): Shot => {
      const tus: Record<string, string> = {
        ...headers.auth,
        "tus-resumable": headers.resumable,
        ...(headers.override ? { "x-http-method-override": headers.override } : {}),
      };
      if (method === "POST") {
        Object.assign(tus, {
          "upload-metadata": headers.metadata,
          ...(headers.defer ? { "upload-defer-length": headers.defer } : { "upload-length": headers.length }),
        });
        // tus creation-with-upload: now and then the first bytes come with the POST.
        return {
          method,
          path: api(headers.offset === "0" ? "/uploads" : `/uploads/${at}`),
          headers: tus,
          ...(contentType.startsWith("application/offset") ? { body: { contentType, bytes } } : {}),
        };
      }
      if (method === "PATCH" || method === "PUT")
        return {
          method,
          path: api(`/uploads/${at}`),
          headers: { ...tus, "upload-offset": headers.offset },
          body: { contentType, bytes },
        };
      return { method, path: api(`/uploads/${at}`), headers: tus };
    });
  return {
    route: "tus /api/v1/uploads[/:id] (device)",
    covers: ["ALL /api/v1/uploads", "ALL /api/v1/uploads/:id", "ALL /api/v1/uploads/*"],
    runs: 1_000,
    shots,
    plainTextRefusals: true,
    judge(shot, answer) {
      if (answer.status !== 201) return [];
      // A new upload of a phone: only the file its accepted, signed record names, with that size and SHA-256.
      const meta = new Map(
        (shot.headers?.["upload-metadata"] ?? "").split(",").map((pair) => {
          const [key = "", value = ""] = pair.trim().split(" ");
          return [key, Buffer.from(value, "base64").toString("utf8")] as const;
        }),
      );
      const name = cleanText(meta.get("filename") ?? "").trim();
      const why =
        shot.headers?.authorization !== `Bearer ${fx.device.token}`
          ? "not the enrolled device"
          : meta.get("id") !== fx.media.id
            ? "a file no record names"
            : shot.headers?.["upload-length"] !== String(fx.media.size)
              ? "another size"
              : (meta.get("sha256") ?? "").toLowerCase() !== fx.media.sha256
                ? "another SHA-256"
                : !name || name.length > 200 || /[\\/\0]/.test(name)
                  ? "a file with no usable name"
                  : "";
      if (why) storedInvalid(this.route, why, shot);
      return ["attachments"];
    },
  };
}

/** Any method at addresses the API does not serve, or at served ones with a method they do not take. */
function unknownTarget(): Target {
  const known = [
    "/health",
    "/requests",
    "/requests/status",
    "/devices/enrol",
    "/sync/push",
    "/public/catalogue",
    "/institutions",
  ];
  return {
    route: "ALL /api/* (no such route)",
    covers: ["ALL /api/v1/*", "ALL /api/*"],
    runs: 200,
    shots: fc
      .record({
        method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
        path: fc.oneof(
          fc.constantFrom(...known).map(api),
          pathSegment().map((segment) => api(`/${segment}`)),
          pathSegment().map((segment) => `/api/v2/${segment}`),
          pathSegment().map((segment) => api(`/public/${segment}/${segment}`)),
        ),
        body: fc.option(jsonPayload(fc.constant({}))),
      })
      .filter(({ method, path }) => !(method === "GET" && known.some((k) => path === api(k))))
      .filter(
        ({ method, path }) =>
          !(method === "POST" && path !== api("/health") && known.some((k) => path === api(k))),
      )
      .map(({ method, path, body }): Shot => ({ method, path, ...(body ? { body } : {}) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer({
    now: () => CLOCK,
    requests: { filingLimit: PLENTY, statusLimit: PLENTY },
    enrolLimit: PLENTY,
    auth: { loginLimit: PLENTY },
    load: { maxInFlight: 1_000, retryAfterSeconds: 1 },
  });
  const db = server.storage.db;
  const minfin = seededInstitution("MINFIN");
  for (const institution of await listInstitutions(db, { activeOnly: true }))
    fx.institutions.add(institution.id);
  fx.consultation = (await findConsultationVersion(db, DEMO_CONSULTATION_ID, 1))!.consultation;

  // Requests in every state the public routes act on: waiting for a clarification, and answered with a file.
  const officer = await staffSession(server, {
    email: "uip@minfin.gob.gt",
    role: "officer",
    institutionId: minfin.id,
  });
  const act = async (id: string, action: unknown) => {
    const response = await postJson(`${server.url}/api/v1/officer/requests/${id}/actions`, action, officer);
    if (response.status !== 200)
      throw new Error(`officer action: ${response.status} ${await response.text()}`);
  };
  const file = async () => {
    const request = makeRequest({ institutionId: minfin.id });
    const response = await postJson(`${server.url}/api/v1/requests`, request);
    if (response.status !== 201) throw new Error(`filing: ${response.status}`);
    const filed = (await response.json()) as { id: string; folio: string };
    return { id: filed.id, folio: filed.folio, trackingCode: request.trackingCode };
  };
  for (let i = 0; i < 4; i += 1) {
    const waiting = await file();
    await act(waiting.id, { action: "clarify", days: 5, text: "¿De qué municipio y de qué año?" });
    fx.waiting.push({ folio: waiting.folio, trackingCode: waiting.trackingCode });
  }
  const answered = await file();
  const fileId = await uploadFile(
    server.url,
    officer,
    "respuesta.pdf",
    "application/pdf",
    new Uint8Array([37, 80, 68, 70]),
  );
  await act(answered.id, { action: "start" });
  await act(answered.id, {
    action: "answer",
    outcome: "delivered",
    text: "Adjuntamos el presupuesto.",
    attachmentIds: [fileId],
  });
  // Seen on the status page: the appeal window opens (LAIP Art. 54).
  await postJson(`${server.url}/api/v1/requests/status`, {
    folio: answered.folio,
    trackingCode: answered.trackingCode,
  });
  fx.answered = { folio: answered.folio, trackingCode: answered.trackingCode, fileId };

  // An enrolled phone whose accepted input names a voice note, and a revoked one.
  fx.device = await enrol(server.url, codesFor(server));
  fx.revoked = await enrol(server.url, codesFor(server));
  await revokeDevice(db, fx.revoked.deviceId, "fuzz", CLOCK);
  const { public_key } = await db
    .selectFrom("devices")
    .select("public_key")
    .where("id", "=", fx.device.deviceId)
    .executeTakeFirstOrThrow();
  fx.devicePublicKey = createPublicKey({ key: JSON.parse(public_key), format: "jwk" });
  const bytes = new Uint8Array(64).map((_, i) => i * 7);
  fx.media = {
    id: "0190a000-0000-7000-8000-00000000f00d",
    size: bytes.length,
    sha256: sha256Hex(bytes),
    bytes,
  };
  const named = makeInput({
    deviceId: fx.device.deviceId,
    media: [
      { id: fx.media.id, kind: "audio", mime: "audio/webm", size: fx.media.size, sha256: fx.media.sha256 },
    ],
  });
  const pushed = await pushAs(server.url, fx.device, {
    deviceId: fx.device.deviceId,
    mutations: [await signedMutation(fx.device, named)],
  });
  if (pushed.status !== 200) throw new Error(`push: ${pushed.status}`);

  // Unused enrolment codes and real P-256 keys, for enrolments that should succeed.
  const codes = codesFor(server);
  for (let i = 0; i < 8; i += 1) fx.codes.push(await codes());
  for (let i = 0; i < 3; i += 1) {
    const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", (await newKeyPair()).publicKey);
    fx.keys.push({ kty, crv, x, y });
  }
  // A published consultation, so the open-data package and the catalogue have something to build.
  const published = allTypesConsultation({ status: "published" });
  await saveConsultation(db, published);
  fx.published = published.id;
  // A published draft, so comments have sections to land on.
  fx.draft.id = uuidv7();
  await createDraft(
    db,
    { id: fx.draft.id, title: { es: "Borrador" }, markdown: "# Uno\nPrimer texto.\n# Dos\nSegundo texto." },
    "fuzz",
    new Date(),
  );
  await publishDraft(db, fx.draft.id, new Date());
  fx.draft.sections = (await draftView(db, fx.draft.id, { publicOnly: true }))!.sections.map((s) => s.id);
  // One comment through the route: its address's rate-limit row exists before the rows are counted.
  const first = await postJson(`${server.url}/api/v1/public/drafts/${fx.draft.id}/comments`, {
    id: uuidv7(),
    kind: "comment",
    sectionId: fx.draft.sections[0],
    text: "Primer comentario.",
  });
  expect(first.status).toBe(201);
  // The signing key is made on first use: made now, so the rows counted below are the fuzzing's alone.
  await fetch(`${server.url}/api/v1/public/signing-key`);

  tables = (await db.introspection.getTables())
    .filter((table) => (server.storage.schema ? table.schema === server.storage.schema : true))
    .map((table) => table.name)
    .filter((name) => !name.startsWith("kysely_"))
    .sort();
}, 60_000);

afterAll(async () => {
  const columns: [string, number, (t: Tally) => string | number][] = [
    ["route", -52, (t) => t.route],
    ["sent", 6, (t) => t.sent],
    ["2xx/3xx", 8, (t) => t.ok],
    ["4xx", 6, (t) => t.refused],
    ["429", 5, (t) => t.limited],
    ["5xx", 5, (t) => t.failed],
    ["stored", 7, (t) => t.stored],
    ["from invalid", 13, (t) => t.invalid],
    ["quarantine", 11, (t) => t.quarantined],
    ["mutation log", 13, (t) => t.logged],
    ["login_failures", 15, (t) => t.loginFailures],
    ["seconds", 8, (t) => (t.ms / 1000).toFixed(1)],
  ];
  const line = (cells: (string | number)[]) =>
    cells
      .map((cell, i) => {
        const width = columns[i]![1];
        return width < 0 ? String(cell).padEnd(-width) : String(cell).padStart(width);
      })
      .join("");
  const totals = emptyTally("all routes");
  for (const tally of tallies)
    for (const key of Object.keys(totals) as (keyof Tally)[]) if (key !== "route") totals[key] += tally[key];
  console.log(
    [
      `fuzz on ${TEST_BACKEND}, seed ${SEED}: ${totals.sent} payloads; ${totals.bodyToHead} HEAD answered with a body`,
      line(columns.map(([name]) => name)),
      ...[...tallies, totals].map((t) => line(columns.map(([, , pick]) => pick(t)))),
    ].join("\n"),
  );
  agent.destroy();
  await server?.dispose();
});

const targets = () => [...publicTargets(), pushTarget(), relayTarget(), uploadTarget(), unknownTarget()];

/** The targets' routes, in order, known before the fixtures exist (one test each). */
const ROUTES = [
  "GET /api/v1/health",
  "GET /api/v1/institutions",
  "GET /api/v1/statistics/requests",
  "GET /api/v1/public/consultations/:id",
  "GET /api/v1/public/consultations/:id/inputs",
  "GET /api/v1/public/consultations/:id/datapackage.zip",
  "GET /api/v1/public/signing-key",
  "GET /api/v1/public/catalogue",
  "GET /api/v1/public/ui-languages[/:language], ui-translations/template",
  "GET /api/v1/public/consultations/:id/prompts, prompts/:id",
  "GET /api/v1/public/commitments",
  "GET /api/v1/public/commitments/:id",
  "GET /api/v1/public/commitments/:id/datapackage.zip",
  "GET /api/v1/auth/first-start",
  "GET /api/v1/sync/pull",
  "GET /api/v1/public/drafts[/:id[/changes]]",
  "POST /api/v1/public/drafts/:id/comments",
  "POST /api/v1/requests",
  "POST /api/v1/requests/status",
  "POST /api/v1/requests/appeal",
  "POST /api/v1/requests/clarification",
  "POST /api/v1/requests/files/:fileId",
  "POST /api/v1/auth/login",
  "POST /api/v1/devices/enrol",
  "POST /api/v1/sync/push",
  "POST /api/v1/sync/relay",
  "tus /api/v1/uploads[/:id] (device)",
  "ALL /api/* (no such route)",
];

describe(`fuzzing every public and device route (${TEST_BACKEND})`, () => {
  it("has a target for every route that needs no staff session", () => {
    const app = createApp({
      db: server.storage.db,
      logger: createLogger("silent"),
      maxBodyBytes: 1_000,
      filesDir: server.dataDir,
    });
    const staff = /\/api\/v1\/(admin|organizer|officer|civil-society)\b|\/api\/v1\/auth\/(logout|me)$/;
    const open = [...new Set(app.routes.map((route) => `${route.method} ${route.path}`))]
      .filter((key) => key.includes("/api/") && !staff.test(key))
      .sort();
    const covered = new Set(targets().flatMap((target) => target.covers));
    expect(open.filter((key) => !covered.has(key))).toEqual([]);
    expect(targets().map((target) => target.route)).toEqual(ROUTES);
  });

  // The targets are built in each test: their arbitraries read the fixtures made in beforeAll.
  ROUTES.forEach((route, index) => {
    it(`${route}: no answer 5xx, every refusal a problem, nothing stored from an invalid payload`, async () => {
      const target = targets().find((t) => t.route === route)!;
      const tally = emptyTally(route);
      tallies.push(tally);
      const started = performance.now();
      counted = undefined;
      const batch = target.judge ? 1 : IN_FLIGHT;
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(target.shots.map(shown), { minLength: batch, maxLength: batch }),
            async (planned) => {
              const shots = await Promise.all(
                planned.map((shot) => (typeof shot === "function" ? shot() : shot)),
              );
              await fire(target, tally, shots);
            },
          ),
          {
            seed: SEED + index,
            numRuns: Math.ceil((target.runs * BACKEND_SHARE) / batch),
            // A failure is shrunk to a small request, for a while: the report then names the smallest one found.
            interruptAfterTimeLimit: 90_000,
            markInterruptAsFailure: true,
          },
        );
      } finally {
        tally.ms = performance.now() - started;
      }
    }, 120_000);
  });

  // The smallest requests of what this fuzzing found on PostgreSQL (a NUL in text answered 500): now 400 everywhere.
  const nulCases: [string, () => Shot][] = [
    [
      "GET /api/v1/public/consultations/%00",
      () => ({ method: "GET", path: api("/public/consultations/%00") }),
    ],
    [
      "GET /api/v1/public/consultations/%00/inputs",
      () => ({ method: "GET", path: api("/public/consultations/%00/inputs") }),
    ],
    [
      "GET /api/v1/public/consultations/%00/datapackage.zip",
      () => ({ method: "GET", path: api("/public/consultations/%00/datapackage.zip") }),
    ],
    [
      "GET /api/v1/public/consultations/:id/inputs?after=%00",
      () => ({ method: "GET", path: api(`/public/consultations/${DEMO_CONSULTATION_ID}/inputs?after=%00`) }),
    ],
    [
      "POST /api/v1/requests/files/%00 with a real folio and tracking code",
      () => ({
        method: "POST",
        path: api("/requests/files/%00"),
        body: {
          contentType: "application/json",
          bytes: JSON.stringify({ folio: fx.answered.folio, trackingCode: fx.answered.trackingCode }),
        },
      }),
    ],
  ];
  for (const [request, shot] of nulCases) {
    it(`${request} is refused as a bad address (400), not a server error`, async () => {
      const answer = await send(shot());
      expect(answer.status, answer.text).toBe(400);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
    });
  }

  it(`sent at least ${(10_000 * BACKEND_SHARE).toLocaleString("en")} payloads in all`, () => {
    expect(tallies.reduce((sum, t) => sum + t.sent, 0)).toBeGreaterThanOrEqual(10_000 * BACKEND_SHARE);
  });
});
