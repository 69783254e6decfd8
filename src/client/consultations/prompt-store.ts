// Keeps a consultation's audio prompts on the phone when it is opened with a signal (issue #14, item 5), within
// PROMPT_BUDGET_BYTES: the language on screen first, then Spanish, then the others, each in the order of the form.
// One list request (cached by the browser for a minute) and one per new file; nothing with no signal.
import type { Consultation } from "../../domain/consultation";
import { PROMPT_BUDGET_BYTES, type Prompt, promptTargets } from "../../domain/prompts";
import { database, type StoredPrompt } from "../db/database";
import { sha256Hex } from "../requests/sha256";

export interface PromptKeeping {
  /** Prompts on the phone now, and their bytes. */
  kept: number;
  bytes: number;
  /** Prompts the server has that did not fit in the budget (heard only with a signal). */
  left: number;
}

const running = new Map<string, Promise<PromptKeeping | undefined>>();

/** The order prompts are kept in: the form's order (introduction, then each theme and its questions). */
function formOrder(consultation: Consultation): Map<string, number> {
  const targets = [
    promptTargets.intro,
    ...consultation.themes.flatMap((theme) => [
      promptTargets.theme(theme.id),
      ...theme.questions.map((question) => promptTargets.question(theme.id, question.id)),
    ]),
  ];
  return new Map(targets.map((target, index) => [target, index]));
}

/** Brings the phone's copy in line with the server's list; undefined when there is no signal or no answer. */
export function keepPrompts(
  consultation: Consultation,
  language: string,
): Promise<PromptKeeping | undefined> {
  const busy = running.get(consultation.id);
  if (busy) return busy;
  const run = keep(consultation, language).finally(() => running.delete(consultation.id));
  running.set(consultation.id, run);
  return run;
}

async function keep(consultation: Consultation, language: string): Promise<PromptKeeping | undefined> {
  if (!navigator.onLine) return undefined;
  const db = database();
  let listed: Prompt[];
  try {
    const response = await fetch(
      `/api/v1/public/consultations/${encodeURIComponent(consultation.id)}/prompts`,
    );
    if (!response.ok) return undefined;
    listed = ((await response.json()) as { prompts: Prompt[] }).prompts;
  } catch {
    return undefined;
  }
  // Replaced or removed prompts leave the phone.
  const ids = new Set(listed.map((prompt) => prompt.id));
  const kept = await db.prompts.where("consultationId").equals(consultation.id).toArray();
  const gone = kept.filter((prompt) => !ids.has(prompt.id)).map((prompt) => prompt.id);
  if (gone.length > 0) await db.prompts.bulkDelete(gone);
  const have = new Map(kept.filter((prompt) => ids.has(prompt.id)).map((prompt) => [prompt.id, prompt]));

  const order = formOrder(consultation);
  const rank = (code: string) => (code === language ? 0 : code === "es" ? 1 : 2);
  const wanted = listed
    .filter((prompt) => order.has(prompt.target))
    .sort(
      (a, b) =>
        rank(a.language) - rank(b.language) ||
        a.language.localeCompare(b.language) ||
        order.get(a.target)! - order.get(b.target)!,
    );
  let bytes = 0;
  let left = 0;
  for (const prompt of wanted) {
    if (bytes + prompt.size > PROMPT_BUDGET_BYTES) {
      // Past the budget: not kept (one kept before, now past it, is let go too).
      if (have.has(prompt.id)) await db.prompts.delete(prompt.id);
      have.delete(prompt.id);
      left += 1;
      continue;
    }
    bytes += prompt.size;
    if (have.has(prompt.id)) continue;
    try {
      const response = await fetch(`/api/v1/public/prompts/${encodeURIComponent(prompt.id)}`);
      if (!response.ok) throw new Error(`prompt ${prompt.id}: ${response.status}`);
      const blob = await response.blob();
      if ((await sha256Hex(await blob.arrayBuffer())) !== prompt.sha256) throw new Error("damaged");
      const row: StoredPrompt = { ...prompt, consultationId: consultation.id, blob };
      await db.prompts.put(row);
      have.set(prompt.id, row);
    } catch {
      // Lost signal or a damaged copy: the next opening tries again.
      bytes -= prompt.size;
      left += 1;
    }
  }
  // Prompts of targets this version no longer has are let go.
  const current = new Set(wanted.map((prompt) => prompt.id));
  const stale = [...have.keys()].filter((id) => !current.has(id));
  if (stale.length > 0) await db.prompts.bulkDelete(stale);
  return { kept: have.size - stale.length, bytes, left };
}
