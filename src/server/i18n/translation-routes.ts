// Interface translations (issue #14, item 7). Anyone may download the Spanish catalogue as a translation file and
// read the languages installed; an admin imports a community's translated file, checked string by string against
// the app's own Spanish catalogue (never against what the file claims the Spanish was).
import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { issuesToFieldErrors } from "../../domain/problem";
import {
  COMMUNITY_LANGUAGES,
  checkTranslation,
  TranslationFile,
  translationTemplate,
} from "../../domain/ui-translation";
import { type AuthEnv, requireRole } from "../auth/auth-routes";
import { readJsonBody } from "../http/json-body";
import { sendProblem } from "../http/problem-response";
import type { Database } from "../storage/schema";
import {
  featureOf,
  isCommunity,
  languageSummaries,
  SPANISH_CATALOGUE,
  storedLanguage,
  summaryOf,
} from "./translation-store";

interface TranslationRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
}

/** A translated file of the whole interface, with context, is a few hundred KB. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

const unknownLanguage = (c: Context) =>
  sendProblem(c, "not-found", 404, "No interface translation in this language", {
    detail: `Languages that may be translated: ${COMMUNITY_LANGUAGES.join(", ")}.`,
  });

/** Mounted under /api/v1/public. Role: anonymous. */
export function publicTranslationRoutes({ db }: TranslationRoutesOptions): Hono {
  const app = new Hono();

  // Role: anonymous. The Spanish catalogue as a translation file (?language=quc fills in what is already there).
  app.get("/ui-translations/template", async (c) => {
    const language = c.req.query("language") ?? "";
    if (language && !isCommunity(language)) return unknownLanguage(c);
    const existing = language ? ((await storedLanguage(db, language))?.strings ?? {}) : {};
    const file = translationTemplate(SPANISH_CATALOGUE, featureOf, language, existing);
    return c.json(file, 200, {
      "content-disposition": `attachment; filename="tejido-traduccion-${language || "plantilla"}.json"`,
      "cache-control": "no-cache",
    });
  });

  // Role: anonymous. The languages installed, each with its coverage (the picker lists them).
  app.get("/ui-languages", async (c) => {
    const languages = await languageSummaries(db);
    // Phones read it rarely (the picker, a daily check); a few minutes old is fine.
    return c.json({ languages }, 200, { "cache-control": "public, max-age=300" });
  });

  // Role: anonymous. One language's strings (keys missing here show in Spanish).
  app.get("/ui-languages/:language", async (c) => {
    const language = c.req.param("language");
    const found = isCommunity(language) ? await storedLanguage(db, language) : undefined;
    if (!isCommunity(language) || !found) return unknownLanguage(c);
    return c.json({ ...summaryOf(language, found.strings, found.updatedAt), strings: found.strings }, 200, {
      "cache-control": "public, max-age=300",
    });
  });
  return app;
}

/** Mounted under /api/v1/admin. Role: admin. */
export function adminTranslationRoutes(options: TranslationRoutesOptions): Hono<AuthEnv> {
  const { db, now } = options;
  const app = new Hono<AuthEnv>();
  app.use("/ui-translations/*", requireRole(options, "admin"));

  // Role: admin. Imports a translated file for :language: it replaces the language's strings with those that pass
  // the checks; the answer says what was taken, what was refused and why, and what is still missing.
  app.put("/ui-translations/:language", async (c) => {
    const language = c.req.param("language");
    if (!isCommunity(language)) return unknownLanguage(c);
    // Controls and bidirectional overrides are taken out: a string that reads backwards is a trap.
    const body = await readJsonBody(c, MAX_FILE_BYTES, true);
    if (!body.ok) return body.response;
    const file = TranslationFile.safeParse(body.value);
    if (!file.success)
      return sendProblem(
        c,
        "invalid-request",
        400,
        "This is not a Tejido translation file, or it is damaged",
        {
          errors: issuesToFieldErrors(file.error.issues),
        },
      );
    if (file.data.language && file.data.language !== language)
      return sendProblem(c, "invalid-request", 422, "The file says it is in another language", {
        errors: [{ pointer: "/language", code: "mismatch" }],
      });
    const check = checkTranslation(SPANISH_CATALOGUE, file.data);
    if (check.translated === 0)
      return sendProblem(c, "invalid-request", 422, "The file has no string that could be taken", {
        errors: [{ pointer: "/strings", code: "empty" }],
      });
    const at = now().toISOString();
    const row = {
      language,
      strings: JSON.stringify(check.strings),
      updated_at: at,
      updated_by: c.get("user").id,
    };
    await db
      .insertInto("ui_translations")
      .values(row)
      .onConflict((oc) =>
        oc
          .column("language")
          .doUpdateSet({ strings: row.strings, updated_at: at, updated_by: row.updated_by }),
      )
      .execute();
    return c.json({
      ...summaryOf(language, check.strings, at),
      problems: check.problems,
      missing: check.missing,
    });
  });

  // Role: admin. Takes a language out of the picker (phones that chose it go back to Spanish).
  app.delete("/ui-translations/:language", async (c) => {
    const language = c.req.param("language");
    const deleted = await db
      .deleteFrom("ui_translations")
      .where("language", "=", language)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return unknownLanguage(c);
    return c.body(null, 204);
  });
  return app;
}
