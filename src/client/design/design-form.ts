// The designer's form state: a consultation design as it is being typed, and the pure moves that edit it.
import type { ChoiceOption, ConsultationDesign, Question, QuestionType } from "../../domain/consultation";
import { CONTENT_LANGUAGES, type ContentLanguage } from "../../domain/language-codes";
import type { LocalizedText } from "../../domain/localized-text";
import { stripAccents } from "../../domain/strip-accents";

/** A text while it is typed: any language may be blank, and blank ones are left out when saved. */
export type TextDraft = Partial<Record<ContentLanguage, string>>;

/** Themes, questions and options get their id from their Spanish text until someone edits the id. */
interface Keyed {
  /** Stable while the item moves or its id changes, so the list keeps focus and typed text in place. */
  key: string;
  id: string;
  autoId: boolean;
}
export interface OptionDraft extends Keyed {
  label: TextDraft;
}
export interface QuestionDraft extends Keyed {
  type: QuestionType;
  label: TextDraft;
  help: TextDraft;
  required: boolean;
  /** Every type's settings are kept, so switching the type and back loses nothing typed. */
  options: OptionDraft[];
  maxChoices: string;
  top: string;
  min: string;
  max: string;
  integer: boolean;
  minLabel: TextDraft;
  maxLabel: TextDraft;
}
export interface ThemeDraft extends Keyed {
  title: TextDraft;
  description: TextDraft;
  questions: QuestionDraft[];
}
export interface DesignDraft {
  /** The languages the form shows a field for: Spanish and English always, Mayan languages once added. */
  languages: ContentLanguage[];
  title: TextDraft;
  description: TextDraft;
  rules: TextDraft;
  consent: TextDraft;
  themes: ThemeDraft[];
}

/** Mayan languages an organizer may add texts in (K'iche', Kaqchikel, Mam, Q'eqchi'). */
export const ADDABLE_LANGUAGES: readonly ContentLanguage[] = CONTENT_LANGUAGES.filter(
  (code) => code !== "es" && code !== "en",
);

/** Which question types pick among options. */
export const OPTION_TYPES: readonly QuestionType[] = ["single_choice", "multiple_choice", "ranking"];

let lastKey = 0;
const newKey = () => `k${++lastKey}`;

/** "Educación Básica" → "educacion-basica": lowercase, no accents, hyphens; at most 60 characters. */
export function slugify(text: string): string {
  return stripAccents(text.toLowerCase())
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** A slug of the text that none of `taken` uses: "agua", then "agua-2", "agua-3"… */
export function uniqueSlug(text: string, taken: readonly string[], fallback: string): string {
  const base = slugify(text) || fallback;
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** The item's id after its Spanish text changed: derived again unless someone chose the id. */
export function relabel<T extends Keyed>(
  item: T,
  spanish: string,
  taken: readonly string[],
  fallback: string,
): T {
  return item.autoId ? { ...item, id: uniqueSlug(spanish, taken, fallback) } : item;
}

export function emptyOption(taken: readonly string[]): OptionDraft {
  return { key: newKey(), id: uniqueSlug("", taken, "opcion"), autoId: true, label: {} };
}

export function emptyQuestion(type: QuestionType, taken: readonly string[]): QuestionDraft {
  const question: QuestionDraft = {
    key: newKey(),
    id: uniqueSlug("", taken, "pregunta"),
    autoId: true,
    type: "short_text",
    label: {},
    help: {},
    required: false,
    options: [],
    maxChoices: "",
    top: "",
    min: "",
    max: "",
    integer: true,
    minLabel: {},
    maxLabel: {},
  };
  return withType(question, type);
}

/** Changes a question's type; a type with options starts with two blank ones to fill. */
export function withType(question: QuestionDraft, type: QuestionType): QuestionDraft {
  const options = [...question.options];
  if (OPTION_TYPES.includes(type)) {
    while (options.length < 2) options.push(emptyOption(options.map((option) => option.id)));
  }
  return { ...question, type, options };
}

export function emptyTheme(taken: readonly string[]): ThemeDraft {
  return {
    key: newKey(),
    id: uniqueSlug("", taken, "tema"),
    autoId: true,
    title: {},
    description: {},
    questions: [],
  };
}

export function emptyDesign(): DesignDraft {
  return {
    languages: ["es", "en"],
    title: {},
    description: {},
    rules: {},
    consent: {},
    themes: [emptyTheme([])],
  };
}

/** Moves the item at `index` by `by` places (−1 up, +1 down); out of bounds leaves the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, by: number): T[] {
  const to = index + by;
  const copy = [...list];
  if (to < 0 || to >= list.length) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, at) => (at === index ? item : current));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}

export function withLanguage(draft: DesignDraft, language: ContentLanguage): DesignDraft {
  if (draft.languages.includes(language)) return draft;
  // Shown in the catalogue's order, whatever order they were added in.
  const languages = CONTENT_LANGUAGES.filter((code) => code === language || draft.languages.includes(code));
  return { ...draft, languages };
}

// ——— From the server's design to the form and back ———

const textDraft = (text: LocalizedText | undefined): TextDraft => ({ ...text });
const numberDraft = (value: number | undefined) => (value === undefined ? "" : String(value));

/** Spanish, English, and every other language any text of the design is written in. */
export function languagesOf(design: ConsultationDesign): ContentLanguage[] {
  const used = new Set<string>(["es", "en"]);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      // A LocalizedText is the one object with a Spanish string; its keys are its languages.
      if (typeof (value as { es?: unknown }).es === "string") for (const code in value) used.add(code);
      else Object.values(value).forEach(visit);
    }
  };
  visit(design);
  return CONTENT_LANGUAGES.filter((code) => used.has(code));
}

export function draftFromDesign(design: ConsultationDesign): DesignDraft {
  // Ids of a saved design stay as they are: answers and exports already refer to them.
  const option = (o: ChoiceOption): OptionDraft => ({
    key: newKey(),
    id: o.id,
    autoId: false,
    label: textDraft(o.label),
  });
  const question = (q: Question): QuestionDraft => ({
    key: newKey(),
    id: q.id,
    autoId: false,
    type: q.type,
    label: textDraft(q.label),
    help: textDraft(q.help),
    required: q.required,
    options: "options" in q ? q.options.map(option) : [],
    maxChoices: q.type === "multiple_choice" ? numberDraft(q.maxChoices) : "",
    top: q.type === "ranking" ? String(q.top) : "",
    min: q.type === "number" ? numberDraft(q.min) : "",
    max: q.type === "number" ? numberDraft(q.max) : "",
    integer: q.type === "number" ? q.integer : true,
    minLabel: textDraft(q.type === "scale" ? q.minLabel : undefined),
    maxLabel: textDraft(q.type === "scale" ? q.maxLabel : undefined),
  });
  return {
    languages: languagesOf(design),
    title: textDraft(design.title),
    description: textDraft(design.description),
    rules: textDraft(design.rules),
    consent: textDraft(design.consent),
    themes: design.themes.map((theme) => ({
      key: newKey(),
      id: theme.id,
      autoId: false,
      title: textDraft(theme.title),
      description: textDraft(theme.description),
      questions: theme.questions.map(question),
    })),
  };
}

/** A required text: Spanish always (blank if not typed, which the check reports), other languages if typed. */
function text(draft: TextDraft): LocalizedText {
  const result: LocalizedText = { es: (draft.es ?? "").trim() };
  for (const code of CONTENT_LANGUAGES) {
    const value = draft[code]?.trim();
    if (code !== "es" && value) result[code] = value;
  }
  return result;
}

/** An optional text is left out when every language is blank. */
function optionalText(draft: TextDraft): LocalizedText | undefined {
  return Object.values(draft).some((value) => value?.trim()) ? text(draft) : undefined;
}

/** Blank means "not set"; anything else that is not a number stays NaN, so the check says "write a number". */
function numberFrom(typed: string): number | undefined {
  const trimmed = typed.trim();
  return trimmed ? Number(trimmed) : undefined;
}

function questionFrom(draft: QuestionDraft): Question {
  const help = optionalText(draft.help);
  const base = {
    id: draft.id,
    label: text(draft.label),
    ...(help ? { help } : {}),
    required: draft.required,
  };
  const options = draft.options.map((option) => ({ id: option.id, label: text(option.label) }));
  switch (draft.type) {
    case "short_text":
    case "long_text":
      return { ...base, type: draft.type };
    case "single_choice":
      return { ...base, type: draft.type, options };
    case "multiple_choice": {
      const maxChoices = numberFrom(draft.maxChoices);
      return { ...base, type: draft.type, options, ...(maxChoices === undefined ? {} : { maxChoices }) };
    }
    case "scale": {
      const minLabel = optionalText(draft.minLabel);
      const maxLabel = optionalText(draft.maxLabel);
      return {
        ...base,
        type: draft.type,
        ...(minLabel ? { minLabel } : {}),
        ...(maxLabel ? { maxLabel } : {}),
      };
    }
    case "ranking":
      return { ...base, type: draft.type, options, top: numberFrom(draft.top) ?? Number.NaN };
    case "number": {
      const min = numberFrom(draft.min);
      const max = numberFrom(draft.max);
      return {
        ...base,
        type: draft.type,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        integer: draft.integer,
      };
    }
  }
}

/**
 * The design the form describes, in the server's shape. It is not checked here: items keep their place
 * (a blank option stays), so every problem the check finds points at the field it came from.
 */
export function designFromDraft(draft: DesignDraft): ConsultationDesign {
  const consent = optionalText(draft.consent);
  return {
    title: text(draft.title),
    description: text(draft.description),
    rules: text(draft.rules),
    ...(consent ? { consent } : {}),
    themes: draft.themes.map((theme) => {
      const description = optionalText(theme.description);
      return {
        id: theme.id,
        title: text(theme.title),
        ...(description ? { description } : {}),
        questions: theme.questions.map(questionFrom),
      };
    }),
  };
}
