// The fields of a consultation's design: its languages, its texts and its themes with their questions.
import { useState } from "preact/hooks";
import type { ContentLanguage } from "../../domain/language-codes";
import { useI18n } from "../i18n/i18n";
import { AddButton, focusSoon, type IssueAt, IssueText, TextFields } from "./design-fields";
import {
  ADDABLE_LANGUAGES,
  type DesignDraft,
  emptyTheme,
  moveItem,
  removeAt,
  replaceAt,
  withLanguage,
} from "./design-form";
import { fieldId } from "./design-issues";
import { ThemeEditor } from "./theme-editor";

interface DesignEditorProps {
  draft: DesignDraft;
  issueAt: IssueAt;
  onChange(draft: DesignDraft): void;
}

export function DesignEditor({ draft, issueAt, onChange }: DesignEditorProps) {
  const { t } = useI18n();
  const { languages, themes } = draft;
  const text = { languages, issueAt };
  const themeIds = (except: number) => themes.filter((_, at) => at !== except).map((theme) => theme.id);
  const setThemes = (next: DesignDraft["themes"]) => onChange({ ...draft, themes: next });
  const addTheme = () => {
    setThemes([...themes, emptyTheme(themeIds(-1))]);
    focusSoon(fieldId(`/themes/${themes.length}/title/es`));
  };

  return (
    <>
      <LanguagePicker languages={languages} onAdd={(language) => onChange(withLanguage(draft, language))} />
      <section aria-labelledby="design-texts">
        <h2 id="design-texts">{t("design.texts.title")}</h2>
        <TextFields
          {...text}
          pointer="/title"
          legend={t("design.field.title")}
          value={draft.title}
          onChange={(title) => onChange({ ...draft, title })}
        />
        <TextFields
          {...text}
          pointer="/description"
          legend={t("design.field.description")}
          multiline
          value={draft.description}
          onChange={(description) => onChange({ ...draft, description })}
        />
        <TextFields
          {...text}
          pointer="/rules"
          legend={t("design.field.rules")}
          hint={t("design.rules.hint")}
          multiline
          value={draft.rules}
          onChange={(rules) => onChange({ ...draft, rules })}
        />
        <TextFields
          {...text}
          pointer="/consent"
          legend={t("design.field.consent")}
          hint={t("design.consent.hint")}
          optional
          multiline
          value={draft.consent}
          onChange={(consent) => onChange({ ...draft, consent })}
        />
      </section>
      <section aria-labelledby="design-themes">
        <h2 id="design-themes">{t("design.themes.title")}</h2>
        {themes.map((theme, index) => (
          <ThemeEditor
            key={theme.key}
            theme={theme}
            index={index}
            count={themes.length}
            takenIds={themeIds(index)}
            languages={languages}
            issueAt={issueAt}
            onChange={(next) => setThemes(replaceAt(themes, index, next))}
            onMove={(by) => setThemes(moveItem(themes, index, by))}
            onRemove={() => {
              setThemes(removeAt(themes, index));
              focusSoon(fieldId("/themes"));
            }}
          />
        ))}
        <IssueText pointer="/themes" issueAt={issueAt} />
        <AddButton pointer="/themes" issueAt={issueAt} onClick={addTheme}>
          {t("design.theme.add")}
        </AddButton>
      </section>
    </>
  );
}

/** Adds a Mayan language: every text of the consultation then shows a field for it. */
function LanguagePicker({
  languages,
  onAdd,
}: {
  languages: readonly ContentLanguage[];
  onAdd(language: ContentLanguage): void;
}) {
  const { t } = useI18n();
  const left = ADDABLE_LANGUAGES.filter((code) => !languages.includes(code));
  const [picked, setPicked] = useState<ContentLanguage | undefined>();
  const chosen = picked && left.includes(picked) ? picked : left[0];
  return (
    <section aria-labelledby="design-languages">
      <h2 id="design-languages">{t("design.languages.title")}</h2>
      <p class="hint">{t("design.languages.hint")}</p>
      <p>{languages.map((code) => t(`design.lang.${code}`)).join(" · ")}</p>
      {chosen ? (
        <div class="add-row">
          <div class="field">
            <label for="design-language-pick">{t("design.languages.pick")}</label>
            <select
              id="design-language-pick"
              value={chosen}
              onChange={(event) => setPicked(event.currentTarget.value as ContentLanguage)}
            >
              {left.map((code) => (
                <option key={code} value={code}>
                  {t(`design.lang.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            class="button"
            onClick={() => {
              onAdd(chosen);
              focusSoon(fieldId(`/title/${chosen}`));
            }}
          >
            {t("design.languages.add")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
