// One theme in the designer: its title, description and code, and its questions (add, move, remove).
import { useState } from "preact/hooks";
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
import { emptyQuestion, moveItem, relabel, removeAt, replaceAt, type ThemeDraft } from "./design-form";
import { fieldId } from "./design-issues";
import { QuestionEditor } from "./question-editor";

interface ThemeEditorProps {
  theme: ThemeDraft;
  index: number;
  count: number;
  /** The other themes' ids: a derived id never repeats one. */
  takenIds: string[];
  languages: readonly ContentLanguage[];
  issueAt: IssueAt;
  onChange(theme: ThemeDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

export function ThemeEditor(props: ThemeEditorProps) {
  const { t } = useI18n();
  const { theme, index, languages, issueAt, onChange } = props;
  const [newType, setNewType] = useState<QuestionType>("short_text");
  const pointer = `/themes/${index}`;
  const questions = theme.questions;
  const addPointer = `${pointer}/questions`;
  const headingId = `${theme.key}-heading`;
  const newTypeId = `${theme.key}-new-type`;
  const ids = (except: number) => questions.filter((_, at) => at !== except).map((question) => question.id);

  const setQuestions = (next: ThemeDraft["questions"]) => onChange({ ...theme, questions: next });
  const add = () => {
    setQuestions([...questions, emptyQuestion(newType, ids(-1))]);
    focusSoon(fieldId(`${addPointer}/${questions.length}/label/es`));
  };

  return (
    <section class="design-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("design.theme.heading", { n: index + 1 })}</h3>
      <TextFields
        pointer={`${pointer}/title`}
        legend={t("design.field.themeTitle")}
        value={theme.title}
        languages={languages}
        issueAt={issueAt}
        onChange={(title) => onChange({ ...relabel(theme, title.es ?? "", props.takenIds, "tema"), title })}
      />
      <TextFields
        pointer={`${pointer}/description`}
        legend={t("design.field.description")}
        optional
        multiline
        value={theme.description}
        languages={languages}
        issueAt={issueAt}
        onChange={(description) => onChange({ ...theme, description })}
      />
      <LineField
        pointer={`${pointer}/id`}
        label={t("design.field.id")}
        hint={t("design.id.hint")}
        kind="code"
        value={theme.id}
        issueAt={issueAt}
        onInput={(id) => onChange({ ...theme, id, autoId: false })}
      />
      <ItemActions
        itemKey={theme.key}
        name={t("design.theme.name", { n: index + 1 })}
        index={index}
        count={props.count}
        onMove={props.onMove}
        onRemove={props.onRemove}
      />
      {questions.map((question, q) => (
        <QuestionEditor
          key={question.key}
          question={question}
          pointer={`${addPointer}/${q}`}
          index={q}
          count={questions.length}
          takenIds={ids(q)}
          languages={languages}
          issueAt={issueAt}
          onChange={(next) => setQuestions(replaceAt(questions, q, next))}
          onMove={(by) => setQuestions(moveItem(questions, q, by))}
          onRemove={() => {
            setQuestions(removeAt(questions, q));
            focusSoon(fieldId(addPointer));
          }}
        />
      ))}
      <IssueText pointer={addPointer} issueAt={issueAt} />
      <div class="add-row">
        <div class="field">
          <label for={newTypeId}>{t("design.question.newType")}</label>
          <select
            id={newTypeId}
            value={newType}
            onChange={(event) => setNewType(event.currentTarget.value as QuestionType)}
          >
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`design.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <AddButton pointer={addPointer} issueAt={issueAt} onClick={add}>
          {t("design.question.add")}
        </AddButton>
      </div>
    </section>
  );
}
