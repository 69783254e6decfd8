// The designer's controls: a text in each language, a one-line field, the move/remove buttons of a list item,
// each with its label and the plain sentence of what is wrong with it.
import type { ComponentChildren } from "preact";
import type { ContentLanguage } from "../../domain/language-codes";
import { useI18n } from "../i18n/i18n";
import type { TextDraft } from "./design-form";
import { fieldId } from "./design-issues";

/** The sentence for what is wrong at a control's pointer, if anything. */
export type IssueAt = (pointer: string) => string | undefined;

/** Moves focus once the next render is on screen (after an item was added, moved or removed). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function IssueText({ pointer, issueAt }: { pointer: string; issueAt: IssueAt }) {
  const issue = issueAt(pointer);
  return issue ? (
    <p id={`${fieldId(pointer)}-error`} class="error-text">
      {issue}
    </p>
  ) : null;
}

/** The button that adds an item to a list; its id is the list's, so a "list is empty" issue links to it. */
export function AddButton(props: {
  pointer: string;
  issueAt: IssueAt;
  onClick(): void;
  children: ComponentChildren;
}) {
  const id = fieldId(props.pointer);
  return (
    <button
      type="button"
      class="button"
      id={id}
      aria-describedby={props.issueAt(props.pointer) ? `${id}-error` : undefined}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** What a control needs to say it is wrong and which text says why. */
function invalidProps(pointer: string, issue: string | undefined, hintId?: string) {
  const describedBy = [hintId, issue && `${fieldId(pointer)}-error`].filter(Boolean).join(" ");
  return { "aria-invalid": issue ? true : undefined, "aria-describedby": describedBy || undefined };
}

interface TextFieldsProps {
  /** Where the text is in the design, e.g. "/themes/0/title"; each language's field adds "/es", "/en"… */
  pointer: string;
  legend: string;
  hint?: string;
  value: TextDraft;
  languages: readonly ContentLanguage[];
  /** The whole text may stay blank; otherwise Spanish is required. */
  optional?: boolean;
  multiline?: boolean;
  issueAt: IssueAt;
  onChange(next: TextDraft): void;
  children?: ComponentChildren;
}

export function TextFields(props: TextFieldsProps) {
  const { t } = useI18n();
  const { pointer, legend, hint, value, languages, optional, multiline, issueAt, onChange } = props;
  const hintId = `${fieldId(pointer)}-hint`;
  return (
    <fieldset class="field text-fields" aria-describedby={hint ? hintId : undefined}>
      <legend>
        {legend} {optional ? <span class="hint">{t("design.optional")}</span> : null}
      </legend>
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
      {languages.map((language) => {
        const at = `${pointer}/${language}`;
        const id = fieldId(at);
        const issue = issueAt(at);
        const control = {
          id,
          lang: language,
          value: value[language] ?? "",
          ...invalidProps(at, issue),
          onInput: (event: Event) =>
            onChange({ ...value, [language]: (event.currentTarget as HTMLInputElement).value }),
        };
        return (
          <div key={language} class="text-field">
            <label for={id}>
              {t(`design.lang.${language}`)}{" "}
              {optional ? null : (
                <span class="hint">{language === "es" ? t("design.required") : t("design.optional")}</span>
              )}
            </label>
            <IssueText pointer={at} issueAt={issueAt} />
            {multiline ? <textarea rows={3} {...control} /> : <input type="text" {...control} />}
          </div>
        );
      })}
      {props.children}
    </fieldset>
  );
}

interface LineFieldProps {
  pointer: string;
  label: string;
  hint?: string;
  value: string;
  /** Numbers get the phone's number keyboard; codes get no capitals and no spelling fixes. */
  kind: "code" | "whole" | "decimal";
  issueAt: IssueAt;
  onInput(value: string): void;
}

export function LineField({ pointer, label, hint, value, kind, issueAt, onInput }: LineFieldProps) {
  const id = fieldId(pointer);
  const hintId = hint ? `${id}-hint` : undefined;
  const issue = issueAt(pointer);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
      <IssueText pointer={pointer} issueAt={issueAt} />
      <input
        type="text"
        id={id}
        value={value}
        inputMode={kind === "code" ? "text" : kind === "whole" ? "numeric" : "decimal"}
        autocapitalize="none"
        spellcheck={false}
        {...invalidProps(pointer, issue, hintId)}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}

interface ItemActionsProps {
  /** The item's stable key: its buttons' ids, so focus can follow the item when it moves. */
  itemKey: string;
  /** How the item is named in the buttons' spoken labels: "pregunta 3". */
  name: string;
  index: number;
  count: number;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

export function ItemActions({ itemKey, name, index, count, onMove, onRemove }: ItemActionsProps) {
  const { t } = useI18n();
  const move = (by: -1 | 1) => {
    onMove(by);
    // At the top or the bottom the pressed button is disabled: focus goes to the other one.
    const to = index + by;
    const edge = (by < 0 && to === 0) || (by > 0 && to === count - 1);
    focusSoon(`${itemKey}-${(by < 0) !== edge ? "up" : "down"}`);
  };
  return (
    <div class="actions item-actions">
      <button
        type="button"
        class="button"
        id={`${itemKey}-up`}
        disabled={index === 0}
        aria-label={t("design.item.upFor", { name })}
        onClick={() => move(-1)}
      >
        {t("design.item.up")}
      </button>
      <button
        type="button"
        class="button"
        id={`${itemKey}-down`}
        disabled={index === count - 1}
        aria-label={t("design.item.downFor", { name })}
        onClick={() => move(1)}
      >
        {t("design.item.down")}
      </button>
      <button
        type="button"
        class="button"
        aria-label={t("design.item.removeFor", { name })}
        onClick={onRemove}
      >
        {t("design.item.remove")}
      </button>
    </div>
  );
}
