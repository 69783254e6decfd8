// GET /api/v1/sync/pull?cursor= — the changes after a cursor that this phone may see, in changelog order.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import {
  type Change,
  Cursor,
  clientUpdateFor,
  PULL_PAGE_BYTES,
  PULL_PAGE_SIZE,
  type PullResponse,
  READER_KEY_HEADER,
} from "../../domain/sync-messages";
import { bearerToken, deviceForToken } from "../devices/device-store";
import { sha256Hex } from "../hash";
import { sendProblem } from "../http/problem-response";
import { languageSummaries } from "../i18n/translation-store";
import type { Logger } from "../logger";
import { audienceOfDevice, audienceOfReader, type ChangeEntity } from "../storage/changelog";
import type { Database } from "../storage/schema";
import { type ChangeRow, PULL_READERS } from "./pull-readers";

/** A reader key as the phone makes it: 32 random bytes in base64url. */
const READER_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * Role: anonymous. Public changes (released consultations, institutions) for anyone; an enrolled device's
 * bearer token adds the dispositions of its inputs; a reader key adds the statuses of the requests filed with it.
 */
export function pullRoute({ db, logger }: { db: Kysely<Database>; logger: Logger }): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const cursor = Cursor.safeParse(c.req.query("cursor") ?? "0");
    if (!cursor.success) {
      return sendProblem(c, "invalid-request", 400, "The cursor is not valid", {
        errors: [
          { pointer: "/cursor", code: "invalid", detail: "Use the nextCursor of the previous pull, or 0." },
        ],
      });
    }
    const protocolParam = Number(c.req.query("protocol") ?? "1");
    const protocol = Number.isInteger(protocolParam) ? protocolParam : 1;
    const audiences: string[] = [];
    const token = bearerToken(c.req.header("authorization"));
    // An unknown token pulls as anyone: the push, not the pull, tells the phone it must enrol again.
    const device = token ? await deviceForToken(db, token) : undefined;
    if (device) audiences.push(audienceOfDevice(device.id));
    const readerKey = c.req.header(READER_KEY_HEADER);
    if (readerKey && READER_KEY.test(readerKey)) audiences.push(audienceOfReader(sha256Hex(readerKey)));
    // A client older than protocol 1 reads what a v1 client reads (and is told to update).
    const kinds = (Object.keys(PULL_READERS) as ChangeEntity[]).filter(
      (kind) => PULL_READERS[kind].minProtocol <= Math.max(1, protocol),
    );

    const after = Number(cursor.data);
    // The head is read first: every position up to it has committed (changelog.ts), so a page that ends
    // short of it may move the cursor to it, past changes this phone may not see, without skipping any it may.
    const head = Number(
      (
        await db
          .selectFrom("changes")
          .select((eb) => eb.fn.max("position").as("head"))
          .executeTakeFirst()
      )?.head ?? 0,
    );
    // One more row than a page tells whether there is more, without a count query.
    const rows: ChangeRow[] = await db
      .selectFrom("changes")
      .select(["position", "entity", "entity_id", "entity_version"])
      .where("position", ">", after)
      .where("position", "<=", head)
      .where("entity", "in", kinds)
      .where((eb) =>
        audiences.length > 0
          ? eb.or([eb("audience", "is", null), eb("audience", "in", audiences)])
          : eb("audience", "is", null),
      )
      .orderBy("position")
      .limit(PULL_PAGE_SIZE + 1)
      .execute();
    const page = rows.slice(0, PULL_PAGE_SIZE);

    // Read a few rows at a time, so a page cut short by its size never reads what it will not send.
    const changes: Change[] = [];
    let bytes = 0;
    let last: number | undefined;
    const onInvalid = (position: number) => logger.error({ position }, "stored consultation is invalid");
    for (let first = 0; first < page.length && bytes <= PULL_PAGE_BYTES; first += READ_CHUNK) {
      const chunk = page.slice(first, first + READ_CHUNK);
      const read = await readPage(db, chunk, onInvalid);
      for (const row of chunk) {
        // A big page stops early (consultations can be large); the phone asks for the rest.
        if (bytes > PULL_PAGE_BYTES) break;
        last = row.position;
        const change = read.get(row.position);
        if (!change) continue;
        const placed = { ...change, cursor: String(row.position) } as Change;
        bytes += JSON.stringify(placed).length;
        changes.push(placed);
      }
    }
    const full = last !== page.at(-1)?.position || rows.length > PULL_PAGE_SIZE;
    const nextCursor = full ? String(last) : String(Math.max(after, head));
    const clientUpdate = clientUpdateFor(protocol);
    const languages = await languageSummaries(db);
    const response: PullResponse = {
      ...(clientUpdate ? { clientUpdate } : {}),
      changes,
      nextCursor,
      hasMore: full,
      ...(languages.length > 0
        ? {
            uiLanguages: languages.map(({ language, name, coverage, updatedAt }) => ({
              language,
              name,
              coverage,
              updatedAt,
            })),
          }
        : {}),
    };
    // Each phone's answer is its own (its token, its reader key): no shared cache may keep or reuse it.
    c.header("Cache-Control", "private, no-store");
    c.header("Vary", `Authorization, ${READER_KEY_HEADER}`);
    return c.json(response);
  });
  return app;
}

/** Rows of a page read at once. */
const READ_CHUNK = 50;

/** Reads the records of some rows, each kind with its own reader. */
async function readPage(
  db: Kysely<Database>,
  rows: ChangeRow[],
  onInvalid: (position: number) => void,
): Promise<Map<number, Change>> {
  const byKind = new Map<ChangeEntity, ChangeRow[]>();
  for (const row of rows) {
    const kind = row.entity as ChangeEntity;
    if (!(kind in PULL_READERS)) continue;
    const list = byKind.get(kind);
    if (list) list.push(row);
    else byKind.set(kind, [row]);
  }
  const read = new Map<number, Change>();
  for (const [kind, kindRows] of byKind) {
    for (const [position, change] of await PULL_READERS[kind].read(db, kindRows, onInvalid))
      read.set(position, change);
  }
  return read;
}
