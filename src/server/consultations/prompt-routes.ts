// Audio prompts (issue #14, item 5): organizers record or upload, per language, the consultation's introduction,
// each theme and each question; anyone (a phone opening the consultation) lists and downloads them, to keep offline.
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { z } from "zod/mini";
import { Consultation } from "../../domain/consultation";
import { servedMediaType } from "../../domain/media-type";
import { Uuid } from "../../domain/primitives";
import {
  PROMPT_LANGUAGES,
  PROMPT_MAX_BYTES,
  type Prompt,
  PromptTarget,
  SetPrompt,
  targetExists,
} from "../../domain/prompts";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { parseJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import { openPrompt } from "../requests/attachment-store";
import type { Database } from "../storage/schema";

interface PromptRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  filesDir: string;
}

/** Every version of a consultation (a prompt may name a theme or question of any); none when there is no such one. */
async function versionsOf(db: Kysely<Database>, id: string, released: boolean): Promise<Consultation[]> {
  if (!Uuid.safeParse(id).success) return [];
  let query = db.selectFrom("consultations").select("data").where("id", "=", id);
  if (released) query = query.where("status", "!=", "draft");
  return (await query.execute()).map((row) => Consultation.parse(JSON.parse(row.data)));
}

/** The prompts of a consultation; for the public, only those whose target a released version has. */
async function listPrompts(
  db: Kysely<Database>,
  consultationId: string,
  released?: readonly Consultation[],
): Promise<Prompt[]> {
  const rows = await db
    .selectFrom("consultation_prompts")
    .innerJoin("attachments", "attachments.id", "consultation_prompts.attachment_id")
    .select([
      "consultation_prompts.target",
      "consultation_prompts.language",
      "consultation_prompts.updated_at",
      "attachments.id",
      "attachments.mime",
      "attachments.size",
      "attachments.sha256",
    ])
    .where("consultation_prompts.consultation_id", "=", consultationId)
    .orderBy("consultation_prompts.target")
    .orderBy("consultation_prompts.language")
    .execute();
  return rows.flatMap((row) =>
    released && !targetExists(released, row.target)
      ? []
      : [
          {
            target: row.target,
            language: row.language as Prompt["language"],
            id: row.id,
            mime: row.mime,
            size: row.size,
            sha256: row.sha256,
            updatedAt: row.updated_at,
          },
        ],
  );
}

const noConsultation = (c: Context) => sendProblem(c, "not-found", 404, "No such consultation");

/** Mounted under /api/v1/organizer. Role: organizer, admin. */
export function organizerPromptRoutes({ db, now }: PromptRoutesOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const organizers = requireRole({ db, now }, "organizer", "admin");

  // Role: organizer, admin. The prompts recorded so far, drafts' included.
  app.get("/consultations/:id/prompts", organizers, async (c) => {
    if ((await versionsOf(db, c.req.param("id"), false)).length === 0) return noConsultation(c);
    return c.json({ prompts: await listPrompts(db, c.req.param("id")) });
  });

  // Role: organizer, admin. Sets one prompt to an audio file the organizer uploaded (replacing the one before).
  app.put("/consultations/:id/prompts", organizers, async (c) => {
    const id = c.req.param("id");
    const versions = await versionsOf(db, id, false);
    if (versions.length === 0) return noConsultation(c);
    const body = await parseJsonBody(c, SetPrompt, 4 * 1024);
    if (!body.ok) return body.response;
    const { target, language, uploadId } = body.value;
    if (!targetExists(versions, target))
      return sendProblem(
        c,
        "invalid-request",
        422,
        "The consultation has no such introduction, theme or question",
        {
          errors: [{ pointer: "/target", code: "unknown" }],
        },
      );
    const upload = await db
      .selectFrom("attachments")
      .select(["mime", "size"])
      .where("id", "=", uploadId)
      .where("created_by", "=", c.get("user").id)
      .where("state", "=", "complete")
      .where("request_id", "is", null)
      .executeTakeFirst();
    if (!upload)
      return sendProblem(c, "attachment-rejected", 422, "No finished upload of yours has this id", {
        errors: [{ pointer: "/uploadId", code: "unknown" }],
      });
    if (!upload.mime.startsWith("audio/") || upload.size > PROMPT_MAX_BYTES)
      return sendProblem(c, "attachment-rejected", 422, "A prompt is an audio file of at most 3 MB", {
        errors: [{ pointer: "/uploadId", code: upload.size > PROMPT_MAX_BYTES ? "too-large" : "not-audio" }],
      });
    const row = {
      consultation_id: id,
      target,
      language,
      attachment_id: uploadId,
      updated_at: now().toISOString(),
      updated_by: c.get("user").id,
    };
    await db
      .insertInto("consultation_prompts")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["consultation_id", "target", "language"])
          .doUpdateSet({ attachment_id: uploadId, updated_at: row.updated_at, updated_by: row.updated_by }),
      )
      .execute();
    const prompt = (await listPrompts(db, id)).find((p) => p.target === target && p.language === language);
    return c.json(prompt);
  });

  // Role: organizer, admin. ?target=&language= : removes that prompt (phones stop offering it).
  app.delete("/consultations/:id/prompts", organizers, async (c) => {
    const target = PromptTarget.safeParse(c.req.query("target"));
    const language = z.enum(PROMPT_LANGUAGES).safeParse(c.req.query("language"));
    if (!target.success || !language.success)
      return sendProblem(c, "invalid-request", 400, "Say which prompt: ?target= and ?language=");
    const deleted = await db
      .deleteFrom("consultation_prompts")
      .where("consultation_id", "=", c.req.param("id"))
      .where("target", "=", target.data)
      .where("language", "=", language.data)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return sendProblem(c, "not-found", 404, "No such prompt");
    return c.body(null, 204);
  });
  return app;
}

/** Mounted under /api/v1/public. Role: anonymous. */
export function publicPromptRoutes({ db, filesDir }: PromptRoutesOptions): Hono {
  const app = new Hono();

  // Role: anonymous. A released consultation's prompts, for a phone to keep offline.
  app.get("/consultations/:id/prompts", async (c) => {
    const released = await versionsOf(db, c.req.param("id"), true);
    if (released.length === 0) return noConsultation(c);
    // A prompt of a theme or question only a draft has waits, like the draft, until it is released.
    return c.json({ prompts: await listPrompts(db, c.req.param("id"), released) }, 200, {
      "cache-control": "public, max-age=60",
    });
  });

  // Role: anonymous. One prompt's audio: a new recording has a new id, so a copy never goes stale.
  app.get("/prompts/:id", async (c) => {
    const file = await openPrompt(db, filesDir, c.req.param("id"));
    const released = file ? await versionsOf(db, file.row.consultation_id, true) : [];
    if (!file || !targetExists(released, file.row.target)) {
      await file?.stream.cancel();
      return sendProblem(c, "not-found", 404, "No such prompt");
    }
    return new Response(file.stream, {
      headers: {
        "content-type": servedMediaType(file.row.mime),
        "x-content-type-options": "nosniff",
        "content-length": String(file.row.size),
        "x-content-sha256": file.row.sha256,
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  });
  return app;
}
