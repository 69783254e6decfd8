// One question in the designer: its type, texts, code and the settings its type has (options, bounds, labels).

import { QUESTION_TYPES, type QuestionType } from "../../domain/consultation";
import type { ContentLanguage } from "../../domain/language-codes";
import { useI18n } from "../i18n/i18n";
import {
  AddButton,
  focusSoon,
  type IssueAt,
  IssueText,
  ItemActions,
  LineField,
  TextFields,
} from "./design-fields";
import {
  emptyOption,
  moveItem,
  OPTION_TYPES,
  type QuestionDraft,
  relabel,
  removeAt,
  replaceAt,
  withType,
} from "./design-form";
import { fieldId } from "./design-issues";

interface QuestionEditorProps {
  question: QuestionDraft;
  /** "/themes/0/questions/2" */
  pointer: string;
  index: number;
  count: number;
  /** The other questions' ids in this theme: a derived id never repeats one. */
  takenIds: string[];
  languages: readonly ContentLanguage[];
  issueAt: IssueAt;
  onChange(question: QuestionDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

export function QuestionEditor(props: QuestionEditorProps) {
  const { t } = useI18n();
  const { question, pointer, languages, issueAt, onChange } = props;
  const set = (change: Partial<QuestionDraft>) => onChange({ ...question, ...change });
  const typeId = fieldId(`${pointer}/type`);
  const requiredId = fieldId(`${pointer}/required`);
  const integerId = fieldId(`${pointer}/integer`);
  return (
    <fieldset class="design-item">
      <legend>{t("design.question.legend", { n: props.index + 1 })}</legend>
      <div class="field">
        <label for={typeId}>{t("design.field.type")}</label>
        <select
          id={typeId}
          value={question.type}
          onChange={(event) => onChange(withType(question, event.currentTarget.value as QuestionType))}
        >
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`design.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <TextFields
        pointer={`${pointer}/label`}
        legend={t("design.field.label")}
        value={question.label}
        languages={languages}
        issueAt={issueAt}
        onChange={(label) =>
          onChange({ ...relabel(question, label.es ?? "", props.takenIds, "pregunta"), label })
        }
      />
      <TextFields
        pointer={`${pointer}/help`}
        legend={t("design.field.help")}
        optional
        value={question.help}
        languages={languages}
        issueAt={issueAt}
        onChange={(help) => set({ help })}
      />
      <LineField
        pointer={`${pointer}/id`}
        label={t("design.field.id")}
        hint={t("design.id.hint")}
        kind="code"
        value={question.id}
        issueAt={issueAt}
        onInput={(id) => set({ id, autoId: false })}
      />
      <label class="choice" for={requiredId}>
        <input
          type="checkbox"
          id={requiredId}
          checked={question.required}
          onChange={(event) => set({ required: event.currentTarget.checked })}
        />
        {t("design.field.required")}
      </label>
      {OPTION_TYPES.includes(question.type) ? <OptionsEditor {...props} /> : null}
      {question.type === "multiple_choice" ? (
        <LineField
          pointer={`${pointer}/maxChoices`}
          label={t("design.field.maxChoices")}
          hint={t("design.maxChoices.hint")}
          kind="whole"
          value={question.maxChoices}
          issueAt={issueAt}
          onInput={(maxChoices) => set({ maxChoices })}
        />
      ) : null}
      {question.type === "ranking" ? (
        <LineField
          pointer={`${pointer}/top`}
          label={t("design.field.top")}
          kind="whole"
          value={question.top}
          issueAt={issueAt}
          onInput={(top) => set({ top })}
        />
      ) : null}
      {question.type === "number" ? (
        <>
          <LineField
            pointer={`${pointer}/min`}
            label={t("design.field.min")}
            hint={t("design.bound.hint")}
            kind="decimal"
            value={question.min}
            issueAt={issueAt}
            onInput={(min) => set({ min })}
          />
          <LineField
            pointer={`${pointer}/max`}
            label={t("design.field.max")}
            hint={t("design.bound.hint")}
            kind="decimal"
            value={question.max}
            issueAt={issueAt}
            onInput={(max) => set({ max })}
          />
          <label class="choice" for={integerId}>
            <input
              type="checkbox"
              id={integerId}
              checked={question.integer}
              onChange={(event) => set({ integer: event.currentTarget.checked })}
            />
            {t("design.field.integer")}
          </label>
        </>
      ) : null}
      {question.type === "scale" ? (
        <>
          <TextFields
            pointer={`${pointer}/minLabel`}
            legend={t("design.field.minLabel")}
            optional
            value={question.minLabel}
            languages={languages}
            issueAt={issueAt}
            onChange={(minLabel) => set({ minLabel })}
          />
          <TextFields
            pointer={`${pointer}/maxLabel`}
            legend={t("design.field.maxLabel")}
            optional
            value={question.maxLabel}
            languages={languages}
            issueAt={issueAt}
            onChange={(maxLabel) => set({ maxLabel })}
          />
        </>
      ) : null}
      <ItemActions
        itemKey={question.key}
        name={t("design.question.name", { n: props.index + 1 })}
        index={props.index}
        count={props.count}
        onMove={props.onMove}
        onRemove={props.onRemove}
      />
    </fieldset>
  );
}

/** The options of a single choice, multiple choice or ranking question: add, word, move, remove. */
function OptionsEditor({ question, pointer, languages, issueAt, onChange }: QuestionEditorProps) {
  const { t } = useI18n();
  const options = question.options;
  const addPointer = `${pointer}/options`;
  const taken = (except: number) => options.filter((_, at) => at !== except).map((option) => option.id);
  const add = () => {
    onChange({ ...question, options: [...options, emptyOption(options.map((option) => option.id))] });
    focusSoon(fieldId(`${pointer}/options/${options.length}/label/es`));
  };
  return (
    <fieldset class="field">
      <legend>{t("design.field.options")}</legend>
      {options.map((option, o) => (
        <TextFields
          key={option.key}
          pointer={`${pointer}/options/${o}/label`}
          legend={t("design.option.legend", { n: o + 1 })}
          value={option.label}
          languages={languages}
          issueAt={issueAt}
          onChange={(label) =>
            onChange({
              ...question,
              options: replaceAt(options, o, {
                ...relabel(option, label.es ?? "", taken(o), "opcion"),
                label,
              }),
            })
          }
        >
          <LineField
            pointer={`${pointer}/options/${o}/id`}
            label={t("design.field.id")}
            kind="code"
            value={option.id}
            issueAt={issueAt}
            onInput={(id) =>
              onChange({ ...question, options: replaceAt(options, o, { ...option, id, autoId: false }) })
            }
          />
          <ItemActions
            itemKey={option.key}
            name={t("design.option.name", { n: o + 1 })}
            index={o}
            count={options.length}
            onMove={(by) => onChange({ ...question, options: moveItem(options, o, by) })}
            onRemove={() => {
              onChange({ ...question, options: removeAt(options, o) });
              focusSoon(fieldId(addPointer));
            }}
          />
        </TextFields>
      ))}
      <IssueText pointer={addPointer} issueAt={issueAt} />
      <AddButton pointer={addPointer} issueAt={issueAt} onClick={add}>
        {t("design.option.add")}
      </AddButton>
    </fieldset>
  );
}
