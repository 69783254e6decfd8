// The list of what to fix before saving, each a link to its control, named by where it is in the consultation.
import type { RefObject } from "preact";
import { useI18n } from "../i18n/i18n";
import {
  controlPointer,
  type FieldIssue,
  fieldId,
  fieldLabelKey,
  issueMessageKey,
  placeOf,
} from "./design-issues";

export function DesignSummary({
  issues,
  focusRef,
}: {
  issues: FieldIssue[];
  focusRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  /** "Tema 2 › Pregunta 1 › Opción 3 › Texto (K'iche')". */
  const where = (pointer: string) => {
    const place = placeOf(pointer);
    const field = t(fieldLabelKey(place));
    return [
      place.theme && t("design.where.theme", { n: place.theme }),
      place.question && t("design.where.question", { n: place.question }),
      place.option && t("design.where.option", { n: place.option }),
      place.language && place.language !== "es" ? `${field} (${t(`design.lang.${place.language}`)})` : field,
    ]
      .filter(Boolean)
      .join(" › ");
  };
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={focusRef}>
      <p>
        <strong>{t("design.errors.title")}</strong>
      </p>
      <ul>
        {issues.map((issue) => {
          const at = controlPointer(issue.pointer);
          return (
            <li key={`${issue.pointer} ${issue.code}`}>
              <a href={`#${fieldId(at)}`}>
                {where(at)}: {t(issueMessageKey(issue))}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
