// The implementation tracker over HTTP (issue #13): commitments and milestones for anyone (/api/v1/public), the
// responsible institution's updates (/api/v1/officer), and every evidence file at its permanent address
// /evidencia/<sha256>, which only ever answers GET and HEAD.
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { commitmentFeed } from "../../domain/exports/atom";
import { servedMediaType } from "../../domain/media-type";
import { NewMilestoneUpdate, Sha256Hex } from "../../domain/tracker";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { signingKey } from "../signing/signing-key";
import type { Database } from "../storage/schema";
import { trackerPackage } from "./tracker-package";
import {
  commitmentView,
  listCommitments,
  openEvidence,
  type Poster,
  postUpdate,
  TrackerRefusal,
  updatesBy,
} from "./tracker-store";

const JSON_LIMIT = 32 * 1024;

interface TrackerOptions {
  db: Kysely<Database>;
  now: () => Date;
  filesDir: string;
}

/** Mounted under /api/v1/public: read by anyone, no account. */
export function publicTrackerRoutes({ db, now }: Pick<TrackerOptions, "db" | "now">): Hono {
  const app = new Hono();
  // Role: anonymous.
  app.get("/commitments", async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ commitments: await listCommitments(db) });
  });
  // Role: anonymous.
  app.get("/commitments/:id", async (c) => {
    const commitment = await commitmentView(db, c.req.param("id"));
    if (!commitment) return sendProblem(c, "not-found", 404, "No such commitment");
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ commitment });
  });
  // Role: anonymous. The commitment's updates as an Atom feed, newest first, evidence as enclosures.
  app.get("/commitments/:id/updates.atom", async (c) => {
    const commitment = await commitmentView(db, c.req.param("id"));
    if (!commitment) return sendProblem(c, "not-found", 404, "No such commitment");
    return c.body(commitmentFeed(commitment, new URL(c.req.url).origin), 200, {
      "content-type": "application/atom+xml; charset=utf-8",
      "cache-control": "public, max-age=300",
    });
  });
  // Role: anonymous. The commitment as open data: a signed zip that `npm run verify` checks offline.
  app.get("/commitments/:id/datapackage.zip", async (c) => {
    const commitment = await commitmentView(db, c.req.param("id"));
    if (!commitment) return sendProblem(c, "not-found", 404, "No such commitment");
    const zip = trackerPackage(commitment, new URL(c.req.url).origin, now(), await signingKey(db));
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="tejido-compromiso-${commitment.code.toLowerCase()}.zip"`,
      "cache-control": "public, max-age=300",
    });
  });
  return app;
}

/** Mounted under /api/v1/officer: the government's updates, by officers of the responsible institution. */
export function officerTrackerRoutes({ db, now, filesDir }: TrackerOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const officer = requireRole({ db, now }, "officer");
  // Role: officer. A dated update on a milestone of their own institution, with evidence from their finished
  // uploads; 201 the first time, 200 for a re-send of the same update.
  app.post("/milestones/:id/updates", officer, async (c) => {
    const user = c.get("user");
    return takeUpdate(
      c,
      { db, now, filesDir },
      { id: user.id, voice: "government", institutionId: user.institutionId },
    );
  });
  return app;
}

/** Mounted under /api/v1/civil-society: an organisation's own assessments, beside the government's. */
export function civilSocietyTrackerRoutes({ db, now, filesDir }: TrackerOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use("*", requireRole({ db, now }, "civil_society"));
  /** The organisation the signed-in account speaks for (set when the account was made). */
  const organisationOf = async (userId: string) =>
    (await db.selectFrom("users").select("organisation").where("id", "=", userId).executeTakeFirst())
      ?.organisation ?? undefined;

  // Role: civil_society. The organisation's own assessment of a milestone, with its own evidence.
  app.post("/milestones/:id/updates", async (c) => {
    const user = c.get("user");
    const organisation = await organisationOf(user.id);
    if (!organisation) return sendProblem(c, "forbidden", 403, "This account names no organisation");
    return takeUpdate(c, { db, now, filesDir }, { id: user.id, voice: "civil_society", organisation });
  });
  // Role: civil_society. The organisation's own assessments, newest first (no one else's).
  app.get("/updates", async (c) => {
    const organisation = await organisationOf(c.get("user").id);
    return c.json({
      organisation: organisation ?? null,
      updates: organisation ? await updatesBy(db, organisation) : [],
    });
  });
  return app;
}

/** Reads an update from the body and posts it as `poster`: 201 the first time, 200 for a re-send, or a problem. */
async function takeUpdate(c: Context<AuthEnv>, { db, now, filesDir }: TrackerOptions, poster: Poster) {
  const body = await parseJsonBody(c, NewMilestoneUpdate, JSON_LIMIT);
  if (!body.ok) return body.response;
  try {
    const { created, milestone } = await postUpdate(
      db,
      filesDir,
      c.req.param("id") ?? "",
      poster,
      body.value,
      now(),
    );
    return c.json({ milestone }, created ? 201 : 200);
  } catch (error) {
    if (error instanceof TrackerRefusal) return refusal(c, error);
    throw error;
  }
}

function refusal(c: Context, { reason }: TrackerRefusal): Response {
  switch (reason) {
    case "unknown-milestone":
      return sendProblem(c, "not-found", 404, "No such milestone");
    case "not-responsible":
      return sendProblem(c, "forbidden", 403, "Your institution is not responsible for this milestone");
    case "bad-draft":
      return sendProblem(c, "invalid-request", 422, "A draft version to keep is not a published one", {
        errors: [{ pointer: "/draftVersions", code: "unknown" }],
      });
    case "bad-attachment":
      return sendProblem(
        c,
        "attachment-rejected",
        422,
        "An evidence file is not one of your finished uploads",
        {
          errors: [{ pointer: "/attachmentIds", code: "unknown" }],
        },
      );
    case "bad-correction":
      return sendProblem(c, "invalid-request", 422, "Only an earlier update of your side on this milestone", {
        errors: [{ pointer: "/corrects", code: "unknown" }],
      });
    case "id-reused":
      return sendProblem(c, "record-conflict", 409, "Another update already has this id");
  }
}

/**
 * GET /evidencia/<sha256>: the file whose bytes have that SHA-256, for ever. Nothing else is answered there: a
 * file is never replaced or removed, so any other method is 405.
 */
export function evidenceRoutes({ db, filesDir }: Pick<TrackerOptions, "db" | "filesDir">): Hono {
  const app = new Hono();
  app.on(["GET", "HEAD"], "/:sha256", async (c) => {
    const sha256 = c.req.param("sha256");
    if (!Sha256Hex.safeParse(sha256).success)
      return sendProblem(
        c,
        "not-found",
        404,
        "An evidence address is /evidencia/ and 64 lower-case hex digits",
      );
    const file = await openEvidence(db, filesDir, sha256);
    if (!file) return sendProblem(c, "not-found", 404, "No evidence file has this SHA-256");
    const etag = `"${sha256}"`;
    const headers = {
      "content-type": servedMediaType(file.row.media_type),
      "x-content-type-options": "nosniff",
      // Shown in the browser where it can be (a PDF, a photo), in a sandbox: nothing in it runs as our page.
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "content-disposition": `inline; filename="${sha256}"`,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-sha256": sha256,
      etag,
    };
    if (c.req.header("if-none-match") === etag) {
      await file.stream.cancel();
      return c.body(null, 304, headers);
    }
    if (c.req.method === "HEAD") {
      await file.stream.cancel();
      return c.body(null, 200, { ...headers, "content-length": String(file.size) });
    }
    return new Response(file.stream, { headers: { ...headers, "content-length": String(file.size) } });
  });
  app.all("/*", (c) => {
    c.header("Allow", "GET, HEAD");
    return sendProblem(c, "method-not-allowed", 405, "Evidence is never replaced or removed");
  });
  return app;
}
