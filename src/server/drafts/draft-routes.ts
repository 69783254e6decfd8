// Participatory drafting over HTTP (issue #13): organizers write, publish and answer (/api/v1/organizer/drafts…);
// anyone reads the published versions, what changed between two of them and why, and comments or proposes an
// amendment without an account, with the same protections as filing an information request (/api/v1/public/drafts…).
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { z } from "zod/mini";
import { CommentResponse, DraftEdit, NewDraft, NewDraftComment } from "../../domain/drafts";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { limited } from "../http/client-address";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { createRateLimiter, type RateLimit } from "../http/rate-limit";
import type { Database } from "../storage/schema";
import {
  addComment,
  answerComment,
  createDraft,
  DraftRefusal,
  draftDiff,
  draftView,
  editDraft,
  organizerDrafts,
  publicDrafts,
  publishDraft,
  startNextVersion,
} from "./draft-store";

const JSON_LIMIT = 2 * 1024 * 1024;
/** As many comments from one address as requests may be filed from it. */
export const DEFAULT_COMMENT_LIMIT: RateLimit = { limit: 120, windowMs: 10 * 60_000 };

interface DraftOptions {
  db: Kysely<Database>;
  now: () => Date;
  commentLimit?: RateLimit;
  trustProxyHops?: number;
}

const Version = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000));

/** Mounted under /api/v1/organizer. */
export function organizerDraftRoutes({ db, now }: DraftOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const organizers = requireRole({ db, now }, "organizer", "admin");
  const attempt = async (c: Context, work: () => Promise<Response>) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DraftRefusal) return refusal(c, error);
      throw error;
    }
  };

  // Role: organizer, admin. A new draft, version 1 being edited, its sections read from Markdown.
  app.post("/drafts", organizers, async (c) => {
    const body = await parseJsonBody(c, NewDraft, JSON_LIMIT);
    if (!body.ok) return body.response;
    return attempt(c, async () => {
      const { created } = await createDraft(db, body.value, c.get("user").id, now());
      const view = await draftView(db, body.value.id, { publicOnly: false });
      return c.json({ draft: view }, created ? 201 : 200);
    });
  });
  // Role: organizer, admin. Every draft: its latest version, whether it is being edited, and what waits for an answer.
  app.get("/drafts", organizers, async (c) => c.json({ drafts: await organizerDrafts(db) }));
  // Role: organizer, admin. The draft with its latest version (being edited or published) and its comments.
  app.get("/drafts/:id", organizers, async (c) => {
    const view = await draftView(db, c.req.param("id"), { publicOnly: false });
    if (!view) return sendProblem(c, "not-found", 404, "No such draft");
    return c.json({ draft: view });
  });
  // Role: organizer, admin. The sections of the version being edited.
  app.put("/drafts/:id/sections", organizers, async (c) => {
    const body = await parseJsonBody(c, DraftEdit, JSON_LIMIT);
    if (!body.ok) return body.response;
    return attempt(c, async () => {
      await editDraft(db, c.req.param("id"), body.value, now());
      return c.json({ draft: await draftView(db, c.req.param("id"), { publicOnly: false }) });
    });
  });
  // Role: organizer, admin. Publishes the version being edited (every comment on the one before answered first).
  app.post("/drafts/:id/publish", organizers, (c) =>
    attempt(c, async () => c.json({ version: await publishDraft(db, c.req.param("id"), now()) })),
  );
  // Role: organizer, admin. Starts the next version as a copy of the published one.
  app.post("/drafts/:id/next", organizers, (c) =>
    attempt(c, async () => c.json({ version: await startNextVersion(db, c.req.param("id"), now()) })),
  );
  // Role: organizer, admin. The answer to a comment or amendment, with its reason (public).
  app.put("/draft-comments/:id/response", organizers, async (c) => {
    const body = await parseJsonBody(c, CommentResponse, JSON_LIMIT);
    if (!body.ok) return body.response;
    return attempt(c, async () =>
      c.json({ comment: await answerComment(db, c.req.param("id"), body.value, c.get("user").id, now()) }),
    );
  });
  return app;
}

/** Mounted under /api/v1/public: no account. */
export function publicDraftRoutes({ db, now, commentLimit, trustProxyHops = 0 }: DraftOptions): Hono {
  const app = new Hono();
  const limiter = createRateLimiter(
    { db, scope: "draft-comment", ...(commentLimit ?? DEFAULT_COMMENT_LIMIT) },
    now,
  );

  // Role: anonymous. The drafts with a published version.
  app.get("/drafts", async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ drafts: await publicDrafts(db) });
  });
  // Role: anonymous. A draft's latest published version (or ?version=N), its sections and comments with answers.
  app.get("/drafts/:id", async (c) => {
    const asked = c.req.query("version");
    const version = asked === undefined ? undefined : Version.safeParse(asked);
    if (version && !version.success)
      return sendProblem(c, "invalid-request", 400, "version is a whole number from 1", {
        errors: [{ pointer: "/version", code: "invalid" }],
      });
    const view = await draftView(db, c.req.param("id"), { version: version?.data, publicOnly: true });
    if (!view) return sendProblem(c, "not-found", 404, "No such published draft or version");
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ draft: view });
  });
  // Role: anonymous. What changed from published version `from` to `to`, section by section, with the accepted
  // amendments that caused each change.
  app.get("/drafts/:id/changes", async (c) => {
    const from = Version.safeParse(c.req.query("from"));
    const to = Version.safeParse(c.req.query("to"));
    if (!from.success || !to.success)
      return sendProblem(c, "invalid-request", 400, "from and to are version numbers", {
        errors: [{ pointer: from.success ? "/to" : "/from", code: "invalid" }],
      });
    const changes = await draftDiff(db, c.req.param("id"), from.data, to.data);
    if (!changes) return sendProblem(c, "not-found", 404, "No such pair of published versions");
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ from: from.data, to: to.data, changes });
  });
  // Role: anonymous (no account, ever). A comment or amendment on a section of the latest published version;
  // 201 the first time, 200 for a re-send.
  app.post("/drafts/:id/comments", async (c) => {
    const refused = await limited(c, limiter, trustProxyHops);
    if (refused) return refused;
    const body = await parseJsonBody(c, NewDraftComment, 64 * 1024);
    if (!body.ok) return body.response;
    // Citing the consultation's inputs is the facilitator's, from an enrolled phone that took them: an anonymous
    // comment could otherwise borrow any input's weight (or probe which ids exist).
    if (body.value.inputIds?.length)
      return sendProblem(c, "invalid-request", 422, "Inputs are cited from a facilitator's enrolled phone", {
        errors: [{ pointer: "/inputIds", code: "not-allowed" }],
      });
    try {
      const { created, comment } = await addComment(
        db,
        c.req.param("id"),
        body.value,
        { channel: "web" },
        now(),
      );
      return c.json({ comment }, created ? 201 : 200);
    } catch (error) {
      if (error instanceof DraftRefusal) return refusal(c, error);
      throw error;
    }
  });
  return app;
}

function refusal(c: Context, { reason, count }: DraftRefusal): Response {
  switch (reason) {
    case "unknown-draft":
    case "not-published":
      return sendProblem(c, "not-found", 404, "No such draft open for comments");
    case "unknown-comment":
      return sendProblem(c, "not-found", 404, "No such comment");
    case "id-reused":
      return sendProblem(c, "record-conflict", 409, "Another record already has this id");
    case "not-editing":
      return sendProblem(c, "not-allowed-now", 409, "No version is being edited: start the next one first");
    case "edit-conflict":
      return sendProblem(
        c,
        "design-conflict",
        409,
        "Another organizer changed this version since you read it",
      );
    case "unknown-section":
      return sendProblem(c, "invalid-request", 422, "No such section in this draft", {
        errors: [{ pointer: "/sectionId", code: "unknown" }],
      });
    case "unknown-input":
      return sendProblem(
        c,
        "invalid-request",
        422,
        "Every cited input must be one of the draft's consultation",
        {
          errors: [{ pointer: "/inputIds", code: "unknown" }],
        },
      );
    case "amendment-text":
      return sendProblem(c, "invalid-request", 422, "An amendment proposes a text; a comment does not", {
        errors: [{ pointer: "/proposedText", code: "invalid" }],
      });
    case "unanswered":
      return sendProblem(
        c,
        "not-allowed-now",
        409,
        `${count} comments or amendments still wait for an answer`,
      );
    case "already-answered":
      return sendProblem(
        c,
        "not-allowed-now",
        409,
        "This comment was answered already; an answer is not changed",
      );
  }
}
