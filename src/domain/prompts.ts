// Audio prompts (issue #14, item 5): an organizer's recording of the consultation's introduction, a theme or a
// question, per language, so people who do not read hear what is asked. Phones keep them offline within a budget.
import { z } from "zod/mini";
import type { Consultation } from "./consultation";
import { CONTENT_LANGUAGES } from "./language-codes";

/** Languages a prompt may be recorded in: Spanish and the Mayan languages offered for texts. */
export const PROMPT_LANGUAGES = CONTENT_LANGUAGES.filter((code) => code !== "en");
export type PromptLanguage = (typeof PROMPT_LANGUAGES)[number];

/** One prompt's file at most: a few minutes of speech. */
export const PROMPT_MAX_BYTES = 3 * 1024 * 1024;
/**
 * What one phone keeps of a consultation's prompts, all languages together: a hundred prompts of half a minute fit
 * (speech at ~32 kbit/s is ~120 KB a half minute). Prompts past it are played only with a signal.
 */
export const PROMPT_BUDGET_BYTES = 20 * 1024 * 1024;

/** "intro", "theme:<themeId>" or "question:<themeId>.<questionId>". */
export const PromptTarget = z
  .string()
  .check(z.regex(/^(intro|theme:[a-z0-9-]{1,64}|question:[a-z0-9-]{1,64}\.[a-z0-9-]{1,64})$/));

export const Prompt = z.object({
  target: PromptTarget,
  language: z.enum(PROMPT_LANGUAGES),
  /** The file's id (GET /api/v1/public/prompts/:id): a new recording gets a new id. */
  id: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  updatedAt: z.string(),
});
export type Prompt = z.infer<typeof Prompt>;
export const PromptList = z.object({ prompts: z.array(Prompt) });

export const SetPrompt = z.strictObject({
  target: PromptTarget,
  language: z.enum(PROMPT_LANGUAGES),
  /** An audio file the organizer uploaded (tus), finished and verified. */
  uploadId: z.uuid(),
});

export const promptTargets = {
  intro: "intro",
  theme: (themeId: string) => `theme:${themeId}`,
  question: (themeId: string, questionId: string) => `question:${themeId}.${questionId}`,
} as const;

/** Whether a target names something a version of the consultation has. */
export function targetExists(versions: readonly Consultation[], target: string): boolean {
  if (target === "intro") return versions.length > 0;
  return versions.some((consultation) =>
    consultation.themes.some(
      (theme) =>
        target === promptTargets.theme(theme.id) ||
        theme.questions.some((question) => target === promptTargets.question(theme.id, question.id)),
    ),
  );
}
