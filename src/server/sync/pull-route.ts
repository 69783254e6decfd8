// GET /api/v1/sync/pull?cursor= — the changes after a cursor, in changelog order.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { Consultation } from "../../domain/consultation";
import {
  type Change,
  Cursor,
  clientUpdateFor,
  PULL_PAGE_SIZE,
  type PullResponse,
} from "../../domain/sync-messages";
import { sendProblem } from "../http/problem-response";
import type { Logger } from "../logger";
import type { Database } from "../storage/schema";

/** Role: anonymous. Only consultations that left draft are visible, and they are public. */
export function pullRoute({ db, logger }: { db: Kysely<Database>; logger: Logger }): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const rawCursor = c.req.query("cursor") ?? "0";
    const cursor = Cursor.safeParse(rawCursor);
    if (!cursor.success) {
      return sendProblem(c, "invalid-request", 400, "The cursor is not valid", {
        errors: [
          { pointer: "/cursor", code: "invalid", detail: "Use the nextCursor of the previous pull, or 0." },
        ],
      });
    }
    const after = Number(cursor.data);
    // One more row than a page tells whether there is more, without a count query.
    const rows = await db
      .selectFrom("changes")
      .innerJoin("consultations", (join) =>
        join
          .onRef("consultations.id", "=", "changes.entity_id")
          .onRef("consultations.version", "=", "changes.entity_version"),
      )
      .select(["changes.position", "consultations.status", "consultations.data"])
      .where("changes.entity", "=", "consultation")
      .where("changes.position", ">", after)
      .orderBy("changes.position")
      .limit(PULL_PAGE_SIZE + 1)
      .execute();
    const page = rows.slice(0, PULL_PAGE_SIZE);
    const changes: Change[] = [];
    for (const row of page) {
      if (row.status === "draft") continue;
      const data = Consultation.safeParse(JSON.parse(row.data));
      // One unreadable row must not stop every device from pulling; it is logged for an operator.
      if (!data.success) {
        logger.error(
          { position: row.position, issues: data.error.issues.length },
          "stored consultation is invalid",
        );
        continue;
      }
      changes.push({ kind: "consultation", cursor: String(row.position), data: data.data });
    }
    const last = page.at(-1);
    const protocol = Number(c.req.query("protocol") ?? "1");
    const clientUpdate = clientUpdateFor(Number.isInteger(protocol) ? protocol : 1);
    const response: PullResponse = {
      ...(clientUpdate ? { clientUpdate } : {}),
      changes,
      nextCursor: last ? String(last.position) : cursor.data,
      hasMore: rows.length > PULL_PAGE_SIZE,
    };
    return c.json(response);
  });
  return app;
}
