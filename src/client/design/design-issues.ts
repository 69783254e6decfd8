// What is wrong with a design, where in the form it is, and which plain sentence says so.
import { ConsultationDesign, designIssues } from "../../domain/consultation";
import { CONTENT_LANGUAGES, type ContentLanguage } from "../../domain/language-codes";
import { issuesToFieldErrors } from "../../domain/problem";
import type { DesignKey } from "../i18n/catalogue";

/** A problem with one field, as a JSON Pointer into the design ("/themes/0/questions/5/top"). */
export interface FieldIssue {
  pointer: string;
  code: string;
}

/**
 * The design's problems: the rules beyond its shape (repeated ids, bounds that cannot be met) always, and
 * its shape too (texts missing, too few options) when `complete`, i.e. once someone tried to save. The
 * same checks the server makes, so what it would refuse is said before sending.
 */
export function checkDesign(design: ConsultationDesign, complete: boolean): FieldIssue[] {
  const found: FieldIssue[] = [...designIssues(design)];
  if (complete) {
    const parsed = ConsultationDesign.safeParse(design);
    if (!parsed.success) {
      for (const { pointer, code } of issuesToFieldErrors(parsed.error.issues)) found.push({ pointer, code });
    }
  }
  return sortIssues(found);
}

/** The server's field errors about the design, as pointers into it (its "/design" prefix removed). */
export function designErrors(errors: readonly FieldIssue[]): FieldIssue[] {
  return errors
    .filter((error) => error.pointer.startsWith("/design/"))
    .map((error) => ({ pointer: error.pointer.slice("/design".length), code: error.code }));
}

const LANGUAGE = `(${CONTENT_LANGUAGES.join("|")})`;
const QUESTION = String.raw`\/themes\/\d+\/questions\/\d+`;
/** Every pointer the form has a control for (a list's "add" button stands for the list). */
const CONTROLS = [
  new RegExp(`^\\/(title|description|rules|consent)\\/${LANGUAGE}$`),
  /^\/themes$/,
  /^\/themes\/\d+\/(id|questions)$/,
  new RegExp(`^\\/themes\\/\\d+\\/(title|description)\\/${LANGUAGE}$`),
  new RegExp(`^${QUESTION}\\/(id|type|required|options|maxChoices|top|min|max|integer)$`),
  new RegExp(`^${QUESTION}\\/(label|help|minLabel|maxLabel)\\/${LANGUAGE}$`),
  new RegExp(`^${QUESTION}\\/options\\/\\d+\\/(id|label\\/${LANGUAGE})$`),
];

/** The pointer of the control that shows an issue: the field itself, or the nearest list that holds it. */
export function controlPointer(pointer: string): string {
  let at = pointer;
  while (at && !CONTROLS.some((control) => control.test(at))) at = at.slice(0, at.lastIndexOf("/"));
  return at || "/title/es";
}

/** The id of a control in the page, made from its pointer: "/themes/0/id" → "d-themes-0-id". */
export function fieldId(pointer: string): string {
  return `d${pointer.replaceAll("/", "-")}`;
}

const NUMBERS = new Set(["top", "maxChoices", "min", "max"]);
const FIXED: Record<string, DesignKey> = {
  duplicate_id: "design.issue.duplicate_id",
  top_exceeds_options: "design.issue.top_exceeds_options",
  max_choices_exceeds_options: "design.issue.max_choices_exceeds_options",
  min_above_max: "design.issue.min_above_max",
  invalid_format: "design.issue.slug",
};

/** The sentence for an issue; schema codes (too_small, too_big…) read differently for texts, lists and numbers. */
export function issueMessageKey({ pointer, code }: FieldIssue): DesignKey {
  const last = pointer.slice(pointer.lastIndexOf("/") + 1);
  const fixed = FIXED[code];
  if (fixed) return fixed;
  if (code === "too_small") {
    if (last === "options") return "design.issue.fewOptions";
    if (last === "themes") return "design.issue.noThemes";
    if (NUMBERS.has(last)) return "design.issue.tooSmallNumber";
    return last === "es" ? "design.issue.spanish" : "design.issue.other";
  }
  if (code === "too_big") {
    if (last === "options" || last === "themes" || last === "questions") return "design.issue.tooMany";
    if (NUMBERS.has(last)) return "design.issue.tooBigNumber";
    return "design.issue.tooLong";
  }
  if (code === "invalid_type" && NUMBERS.has(last)) return "design.issue.notNumber";
  return "design.issue.other";
}

/** Where a pointer is, for the error summary: theme, question and option numbers (from 1), field, language. */
export interface Place {
  theme?: number;
  question?: number;
  option?: number;
  field: string;
  language?: ContentLanguage;
}

export function placeOf(pointer: string): Place {
  const parts = pointer.split("/").slice(1);
  const place: Place = { field: "" };
  for (let at = 0; at < parts.length; at += 1) {
    const part = parts[at] ?? "";
    const index = Number(parts[at + 1]);
    if ((part === "themes" || part === "questions" || part === "options") && Number.isInteger(index)) {
      place[part === "themes" ? "theme" : part === "questions" ? "question" : "option"] = index + 1;
      at += 1;
    } else if ((CONTENT_LANGUAGES as readonly string[]).includes(part)) {
      place.language = part as ContentLanguage;
    } else {
      place.field = part;
    }
  }
  return place;
}

// The summary lists issues in the order the form shows their fields.
const ORDER = [
  "title",
  "description",
  "rules",
  "consent",
  "themes",
  "type",
  "label",
  "help",
  "id",
  "questions",
  "required",
  "options",
  "maxChoices",
  "top",
  "min",
  "max",
  "integer",
  "minLabel",
  "maxLabel",
  ...CONTENT_LANGUAGES,
];
function rank(part: string): number {
  const number = Number(part);
  return Number.isInteger(number) ? number : 1000 + ORDER.indexOf(part);
}
function sortIssues(issues: FieldIssue[]): FieldIssue[] {
  const compare = (a: FieldIssue, b: FieldIssue) => {
    const left = a.pointer.split("/");
    const right = b.pointer.split("/");
    for (let at = 0; at < Math.min(left.length, right.length); at += 1) {
      const difference = rank(left[at] ?? "") - rank(right[at] ?? "");
      if (difference !== 0) return difference;
    }
    return left.length - right.length;
  };
  // One issue per field: the first found is the one to fix first.
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.pointer) && seen.add(issue.pointer)).sort(compare);
}

const FIELDS: Record<string, DesignKey> = {
  title: "design.field.title",
  description: "design.field.description",
  rules: "design.field.rules",
  consent: "design.field.consent",
  themes: "design.field.themes",
  id: "design.field.id",
  questions: "design.field.questions",
  type: "design.field.type",
  label: "design.field.label",
  help: "design.field.help",
  required: "design.field.required",
  options: "design.field.options",
  maxChoices: "design.field.maxChoices",
  top: "design.field.top",
  min: "design.field.min",
  max: "design.field.max",
  integer: "design.field.integer",
  minLabel: "design.field.minLabel",
  maxLabel: "design.field.maxLabel",
};

/** The name of the field at a place, as its label in the form says it. */
export function fieldLabelKey(place: Place): DesignKey {
  if (place.field === "label" && place.option) return "design.field.optionLabel";
  if (place.field === "title" && place.theme) return "design.field.themeTitle";
  return FIELDS[place.field] ?? "design.field.title";
}
