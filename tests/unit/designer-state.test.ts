// The designer's draft form as state: loading puts the server's draft in the form (or a fresh one), an edit marks
// it unsaved and drops what the server refused about the older design, a save attempt shows every missing field,
// and a save moves the version and the base the next save is checked against.
import { describe, expect, it } from "vitest";
import { designFromDraft } from "../../src/client/design/design-form";
import { draftFormReducer, EMPTY_DRAFT_FORM, issuesByControl } from "../../src/client/design/designer-state";
import type { Consultation } from "../../src/domain/consultation";
import { allTypesConsultation } from "../support/factories";

const stored: Consultation = { ...allTypesConsultation(), version: 3, status: "draft" };

describe("designer draft form", () => {
  it("starts a consultation the server does not have with one empty theme, to be saved as version 1", () => {
    const form = draftFormReducer(EMPTY_DRAFT_FORM, { type: "started" });
    expect(form.draft?.themes).toHaveLength(1);
    expect(form.draft?.languages).toEqual(["es", "en"]);
    expect(form.editing).toBeUndefined();
    expect(form.dirty).toBe(false);
  });

  it("puts the server's draft in the form, with the version and time a save goes over", () => {
    const form = draftFormReducer(EMPTY_DRAFT_FORM, { type: "loaded", stored });
    expect(form.editing).toBe(3);
    expect(form.base).toBe(stored.updatedAt);
    expect(form.draft && designFromDraft(form.draft).title).toEqual(stored.title);
  });

  it("shows no form for a consultation with no draft (its released version is only shown)", () => {
    for (const none of [null, undefined]) {
      const form = draftFormReducer(EMPTY_DRAFT_FORM, { type: "loaded", stored: none });
      expect(form.draft).toBeUndefined();
    }
    const form = draftFormReducer(EMPTY_DRAFT_FORM, { type: "loaded", stored: null });
    expect(issuesByControl(form).size).toBe(0);
  });

  it("shows a missing title only once a save was tried, and keeps the summary of that save", () => {
    const fresh = draftFormReducer(EMPTY_DRAFT_FORM, { type: "started" });
    expect(issuesByControl(fresh).has("/title/es")).toBe(false);
    const tried = draftFormReducer(fresh, {
      type: "checked",
      found: [{ pointer: "/title/es", code: "spanish" }],
    });
    expect(issuesByControl(tried).get("/title/es")?.code).toBe("too_small");
    expect(tried.summary).toEqual([{ pointer: "/title/es", code: "spanish" }]);
    // Typing changes the issues at the fields, not the summary read at the top.
    const typed = draftFormReducer(tried, {
      type: "edited",
      draft: { ...(tried.draft ?? fresh.draft!), title: { es: "Salud" } },
    });
    expect(issuesByControl(typed).has("/title/es")).toBe(false);
    expect(typed.summary).toEqual(tried.summary);
    expect(typed.dirty).toBe(true);
  });

  it("shows what the server refused until the form changes, then only what the check finds", () => {
    const loaded = draftFormReducer(EMPTY_DRAFT_FORM, { type: "loaded", stored });
    const refused = draftFormReducer(loaded, {
      type: "refused",
      issues: [{ pointer: "/themes/0/id", code: "duplicate_id" }],
    });
    expect(issuesByControl(refused).get("/themes/0/id")?.code).toBe("duplicate_id");
    const edited = draftFormReducer(refused, { type: "edited", draft: refused.draft! });
    expect(issuesByControl(edited).has("/themes/0/id")).toBe(false);
  });

  it("after a save, the next one goes over that version and time, and nothing is unsaved", () => {
    const loaded = draftFormReducer(EMPTY_DRAFT_FORM, { type: "started" });
    const edited = draftFormReducer(loaded, { type: "edited", draft: loaded.draft! });
    const saved = draftFormReducer(edited, {
      type: "saved",
      version: 1,
      updatedAt: "2026-12-02T10:00:00.000Z",
    });
    expect(saved).toMatchObject({ editing: 1, base: "2026-12-02T10:00:00.000Z", dirty: false });
    expect(saved.draft).toBe(edited.draft);
  });
});
