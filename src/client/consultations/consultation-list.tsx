// The consultations this phone holds (pulled from the server on its first connection): for the public, what is
// consulted and what was done with the inputs; for a facilitator, a way to capture inputs in each.
import { canCapture } from "../../domain/consultation-status";
import { localize } from "../../domain/language-codes";
import { database } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";

/** `field`: the facilitator's view. `level`: the heading level of each consultation's title. */
export function ConsultationList({ field, level }: { field: boolean; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const { t, language } = useI18n();
  const consultations = useLiveQuery(() => database().consultations.toArray(), []);
  if (consultations === undefined) return <p>{t("loading")}</p>;
  if (consultations.length === 0) return <p class="card">{t("home.empty")}</p>;
  return (
    <ul class="list" aria-label={t("home.consultations")}>
      {consultations.map(({ data }) => {
        const title = localize(data.title, language);
        const capture = canCapture(data.status) ? (
          <a class="button" href={`/consulta/${data.id}`} aria-label={t("home.capture.for", { title })}>
            {t("home.capture")}
          </a>
        ) : (
          <p>{t("home.closed")}</p>
        );
        return (
          <li key={data.id} class="card">
            <Heading>{title}</Heading>
            <p>{localize(data.description, language)}</p>
            {field ? (
              capture
            ) : (
              <>
                <p>
                  <a href={`/devolucion/${data.id}`}>{t("home.consultations.results")}</a>
                </p>
                {canCapture(data.status) ? <p class="hint">{t("home.consultations.facilitator")}</p> : null}
                {capture}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
