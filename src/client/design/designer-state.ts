// The designer's draft form as state: what is in the form, which version it saves to and over which save, which
// issues show where, and whether anything is unsaved. The page's calls to the server dispatch these events.
import type { Consultation } from "../../domain/consultation";
import { designOf } from "./design-api";
import { type DesignDraft, designFromDraft, draftFromDesign, emptyDesign } from "./design-form";
import { checkDesign, controlPointer, type FieldIssue } from "./design-issues";

export interface DraftForm {
  /** Undefined when the consultation has no draft: its released version is shown, not edited. */
  draft?: DesignDraft;
  /** The draft version the form saves to; undefined until the server has version 1. */
  editing?: number;
  /** The draft's updatedAt as last loaded or saved here: saving over a newer one is refused. */
  base?: string;
  /** A save was tried: from then on every missing field is shown, not only what was typed wrong. */
  attempted: boolean;
  /** What the server refused in the last save, until the form changes. */
  serverIssues: FieldIssue[];
  /** The issues as they were at the last save: the summary does not change under the reader's eyes. */
  summary: FieldIssue[];
  dirty: boolean;
}

export type DraftEvent =
  /** A consultation the server does not have yet: an empty form, to be saved as version 1. */
  | { type: "started" }
  /** The server's draft put in the form; none (the released version is only shown) if it has none. */
  | { type: "loaded"; stored: Consultation | null | undefined }
  | { type: "edited"; draft: DesignDraft }
  /** A save was tried; `found` is what the check found (nothing is sent while it finds anything). */
  | { type: "checked"; found: FieldIssue[] }
  | { type: "refused"; issues: FieldIssue[] }
  | { type: "saved"; version: number; updatedAt: string };

export const EMPTY_DRAFT_FORM: DraftForm = { attempted: false, serverIssues: [], summary: [], dirty: false };

export function draftFormReducer(form: DraftForm, event: DraftEvent): DraftForm {
  switch (event.type) {
    case "started":
      return { ...EMPTY_DRAFT_FORM, draft: emptyDesign() };
    case "loaded":
      return event.stored
        ? {
            ...EMPTY_DRAFT_FORM,
            draft: draftFromDesign(designOf(event.stored)),
            editing: event.stored.version,
            base: event.stored.updatedAt,
          }
        : EMPTY_DRAFT_FORM;
    case "edited":
      // What the server refused is about the design it was sent; the check speaks for the new one.
      return { ...form, draft: event.draft, dirty: true, serverIssues: [] };
    case "checked":
      return { ...form, attempted: true, serverIssues: [], summary: event.found };
    case "refused":
      return { ...form, serverIssues: event.issues, summary: event.issues };
    case "saved":
      return { ...form, editing: event.version, base: event.updatedAt, dirty: false };
  }
}

/** One issue per control: what the check finds (all of it once a save was tried), then what the server said. */
export function issuesByControl(
  form: DraftForm,
  design = form.draft && designFromDraft(form.draft),
): Map<string, FieldIssue> {
  const found = design ? checkDesign(design, form.attempted) : [];
  const byControl = new Map<string, FieldIssue>();
  for (const issue of [...found, ...form.serverIssues]) {
    const at = controlPointer(issue.pointer);
    if (!byControl.has(at)) byControl.set(at, issue);
  }
  return byControl;
}
