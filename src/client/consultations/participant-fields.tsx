// The parts of a capture form about the participant: consent, assisted mode and optional demographics.
import { AGE_BANDS, type Demographics, PEOPLES, SEXES } from "../../domain/demographics";
import type { InputIssue } from "../../domain/input";
import { localize } from "../../domain/language-codes";
import type { LocalizedText } from "../../domain/localized-text";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface ConsentFieldProps {
  text: LocalizedText;
  agreed: boolean;
  issue: InputIssue | undefined;
  describeIssue(issue: InputIssue): string;
  onChange(agreed: boolean): void;
}

export function ConsentField({ text, agreed, issue, describeIssue, onChange }: ConsentFieldProps) {
  const { t, language } = useI18n();
  return (
    <fieldset
      class="field consent"
      aria-invalid={issue ? true : undefined}
      aria-describedby={issue ? "consent-text consent-error" : "consent-text"}
    >
      <legend>{t("field.consent.title")}</legend>
      <p class="hint">{t("field.consent.read")}</p>
      <blockquote id="consent-text">{localize(text, language)}</blockquote>
      {issue ? (
        <p id="consent-error" class="error-text">
          {describeIssue(issue)}
        </p>
      ) : null}
      <label class="choice">
        <input
          type="checkbox"
          id="consent"
          checked={agreed}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{t("field.consent.agree")}</span>
      </label>
    </fieldset>
  );
}

export function AssistedField({
  assisted,
  onChange,
}: {
  assisted: boolean;
  onChange(assisted: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <label class="choice">
      <input
        type="checkbox"
        id="assisted"
        checked={assisted}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span>{t("field.assisted")}</span>
    </label>
  );
}

const GROUPS = [
  { field: "sex", values: SEXES, label: "field.sex" },
  { field: "ageBand", values: AGE_BANDS, label: "field.age" },
  { field: "people", values: PEOPLES, label: "field.people" },
] as const;

/** Optional questions about the participant; each one can stay unanswered, and that is the default. */
export function DemographicsFields({
  value,
  onChange,
}: {
  value: Demographics;
  onChange(value: Demographics): void;
}) {
  const { t } = useI18n();
  return (
    <details class="field">
      <summary>{t("field.about.title")}</summary>
      <p class="hint">{t("field.about.hint")}</p>
      {GROUPS.map(({ field, values, label }) => (
        <div key={field} class="field">
          <label for={`about-${field}`}>{t(label)}</label>
          <select
            id={`about-${field}`}
            value={value[field] ?? ""}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              const next: Record<string, string> = { ...value };
              if (chosen) next[field] = chosen;
              else delete next[field];
              onChange(next as Demographics);
            }}
          >
            <option value="">{t("field.notSaid")}</option>
            {values.map((code) => (
              <option key={code} value={code}>
                {t(`${label}.${code}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </details>
  );
}
