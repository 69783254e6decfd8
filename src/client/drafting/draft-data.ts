// Reading participatory drafts: online through the domain's schemas, and offline from the copy this phone kept the
// last time the draft was opened (issue #13: "anyone can read it, offline too, once opened").
import { z } from "zod/mini";
import { DraftChange, DraftView, PublicDraftListing } from "../../domain/drafts";
import { loadDatabase } from "../db/lazy-live-query";
import { type Loaded, loadPublicJson } from "../ui/public-json";

export type { Loaded };

const DraftAnswer = z.object({ draft: DraftView });
const ListAnswer = z.object({ drafts: z.array(PublicDraftListing) });
const ChangesAnswer = z.object({ from: z.number(), to: z.number(), changes: z.array(DraftChange) });
export type DraftListingItem = z.infer<typeof PublicDraftListing>;

export async function loadDraftList(): Promise<Loaded<DraftListingItem[]>> {
  const loaded = await loadPublicJson("/api/v1/public/drafts", ListAnswer);
  if (loaded.state === "ready") return { state: "ready", data: loaded.data.drafts };
  if (loaded.state !== "offline") return loaded;
  // Offline: the drafts opened on this phone before.
  const kept = await loadDatabase()
    .then((db) => db.draftTexts.toArray())
    .catch(() => []);
  if (kept.length === 0) return loaded;
  return {
    state: "ready",
    data: kept.map(({ view }) => ({ id: view.id, title: view.title, version: view.version })),
    savedAt: kept.map((k) => k.fetchedAt).sort()[0],
  };
}

/**
 * A draft's published version (the latest, or `version`). The latest one read online is kept on this phone, so the
 * page opens again without a signal; offline, that copy is shown with the date it was kept. `fresh` skips the
 * browser's cache (the answer may be kept a minute): after sending a comment, the page shows it.
 */
export async function loadDraft(id: string, version?: number, fresh = false): Promise<Loaded<DraftView>> {
  const query = version === undefined ? "" : `?version=${version}`;
  const loaded = await loadPublicJson(
    `/api/v1/public/drafts/${encodeURIComponent(id)}${query}`,
    DraftAnswer,
    fresh ? "no-cache" : "default",
  );
  if (loaded.state === "ready") {
    const view = loaded.data.draft;
    if (version === undefined)
      await loadDatabase()
        .then((db) => db.draftTexts.put({ id, view, fetchedAt: new Date().toISOString() }))
        .catch(() => undefined);
    return { state: "ready", data: view };
  }
  if (loaded.state !== "offline") return loaded;
  const kept = await loadDatabase()
    .then((db) => db.draftTexts.get(id))
    .catch(() => undefined);
  if (!kept || (version !== undefined && kept.view.version !== version)) return loaded;
  return { state: "ready", data: kept.view, savedAt: kept.fetchedAt };
}

export async function loadChanges(id: string, from: number, to: number) {
  return loadPublicJson(
    `/api/v1/public/drafts/${encodeURIComponent(id)}/changes?from=${from}&to=${to}`,
    ChangesAnswer,
  );
}

/** Paragraphs of a section's text (blank lines part them; single line breaks stay inside a paragraph). */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
