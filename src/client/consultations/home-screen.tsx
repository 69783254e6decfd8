// Home: the consultations on this phone, each with a way to capture inputs, and the sync state.

import { useEffect, useState } from "preact/hooks";
import { canCapture } from "../../domain/consultation-status";
import { localize } from "../../domain/language-codes";
import { database } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { settings } from "../storage/settings";
import { SyncPanel } from "../ui/sync-panel";

export function HomeScreen() {
  const { t, language } = useI18n();
  const consultations = useLiveQuery(() => database().consultations.toArray(), []);
  const [enrolled, setEnrolled] = useState<boolean>();
  useEffect(() => {
    void settings.getIdentity().then((identity) => setEnrolled(identity !== undefined));
  }, []);

  return (
    <>
      <h1>{t("home.title")}</h1>
      <SyncPanel />
      {enrolled === false && consultations?.length ? (
        <p class="card" data-testid="unenrolled">
          {t("home.unenrolled")} <a href="/inscribir">{t("enrol.link")}</a>
        </p>
      ) : null}
      {consultations === undefined ? (
        <p>{t("loading")}</p>
      ) : consultations.length === 0 ? (
        <p class="card">{t("home.empty")}</p>
      ) : (
        <ul class="list" aria-label={t("home.title")}>
          {consultations.map(({ data }) => {
            const title = localize(data.title, language);
            return (
              <li key={data.id} class="card">
                <h2>{title}</h2>
                <p>{localize(data.description, language)}</p>
                {canCapture(data.status) ? (
                  <a
                    class="button"
                    href={`/consulta/${data.id}`}
                    aria-label={t("home.capture.for", { title })}
                  >
                    {t("home.capture")}
                  </a>
                ) : (
                  <p>{t("home.closed")}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p class="staff-link">
        <a class="staff-link-anchor" href="/datos">
          {t("home.openData")}
        </a>
        {" · "}
        <a class="staff-link-anchor" href="/estadisticas">
          {t("home.stats")}
        </a>
      </p>
      <p class="staff-link">
        <a class="staff-link-anchor" href="/entrar">
          {t("staff.link")}
        </a>
      </p>
    </>
  );
}
