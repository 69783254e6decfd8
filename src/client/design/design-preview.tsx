// The design as participants will see it, in a chosen language, with the capture screen's own question fields.
import "../consultations/i18n";
import { useState } from "preact/hooks";
import { type ConsultationDesign, hasOptions, type Question } from "../../domain/consultation";
import { type ContentLanguage, localize } from "../../domain/language-codes";
import type { LocalizedText } from "../../domain/localized-text";
import { type FieldValue, QuestionField } from "../consultations/question-field";
import { useI18n } from "../i18n/i18n";

/**
 * The question with its texts in `language` only (the field shows what it is given) and ids made unique for
 * this page: a draft may still repeat ids, and the form around the preview uses its own.
 */
function previewQuestion(question: Question, id: string, language: ContentLanguage): Question {
  const pick = (text: LocalizedText): LocalizedText => ({ es: localize(text, language) });
  const copy = { ...question, id, label: pick(question.label), help: question.help && pick(question.help) };
  if (hasOptions(copy)) {
    copy.options = copy.options.map((option, at) => ({ id: `o${at + 1}`, label: pick(option.label) }));
  }
  if (copy.type === "scale") {
    copy.minLabel = copy.minLabel && pick(copy.minLabel);
    copy.maxLabel = copy.maxLabel && pick(copy.maxLabel);
  }
  return copy;
}

interface DesignPreviewProps {
  design: ConsultationDesign;
  languages: readonly ContentLanguage[];
}

export function DesignPreview({ design, languages }: DesignPreviewProps) {
  const { t } = useI18n();
  const [language, setLanguage] = useState<ContentLanguage>("es");
  // Tried answers stay on this page: the preview never saves anything.
  const [answers, setAnswers] = useState<Record<string, FieldValue>>({});
  const say = (text: LocalizedText) => localize(text, language);
  return (
    <section id="design-preview" class="card preview" aria-labelledby="design-preview-title">
      <h2 id="design-preview-title" tabIndex={-1}>
        {t("design.preview.title")}
      </h2>
      <p class="hint">{t("design.preview.hint")}</p>
      <div class="field">
        <label for="design-preview-language">{t("design.preview.language")}</label>
        <select
          id="design-preview-language"
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value as ContentLanguage)}
        >
          {languages.map((code) => (
            <option key={code} value={code}>
              {t(`design.lang.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div lang={language} data-testid="design-preview">
        <h3>{say(design.title)}</h3>
        <p>{say(design.description)}</p>
        <p>{say(design.rules)}</p>
        {design.consent ? <p class="attention-note card">{say(design.consent)}</p> : null}
        {design.themes.map((theme, th) => (
          <section key={`${th}-${theme.id}`} class="preview-theme" aria-labelledby={`preview-theme-${th}`}>
            <h4 id={`preview-theme-${th}`}>{say(theme.title)}</h4>
            {theme.description ? <p>{say(theme.description)}</p> : null}
            {theme.questions.map((question, q) => {
              const id = `preview-${th}-${q}`;
              return (
                <QuestionField
                  key={`${id}-${question.type}`}
                  question={previewQuestion(question, id, language)}
                  value={answers[id]}
                  issue={undefined}
                  onInput={(value) => setAnswers((current) => ({ ...current, [id]: value }))}
                  describeIssue={() => ""}
                />
              );
            })}
          </section>
        ))}
      </div>
    </section>
  );
}
