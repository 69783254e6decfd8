// The consultation designer (organizers, online): /disenar lists the consultations, /disenar/:id edits one.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { Uuid } from "../../domain/primitives";
import { ConsultationsAnswer } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import type { ConsultationSummary } from "./design-api";
import { DesignerPage } from "./designer-page";

export function DesignScreen() {
  const { params } = useRoute();
  const { t } = useI18n();
  const id = params.id;
  if (!id) return <ConsultationList />;
  if (!Uuid.safeParse(id).success) {
    return (
      <section>
        <h1>{t("design.title")}</h1>
        <p class="card">
          {t("design.notFound")} <a href="/disenar">{t("design.back")}</a>
        </p>
      </section>
    );
  }
  return <DesignerPage key={id} id={id} />;
}

function ConsultationList() {
  const { t } = useI18n();
  const { route } = useLocation();
  const [loaded, setLoaded] = useState<StaffLoad<{ consultations: ConsultationSummary[] }>>({
    state: "loading",
  });
  useEffect(() => {
    void loadStaffJson("/api/v1/organizer/consultations", ConsultationsAnswer).then(setLoaded);
  }, []);

  return (
    <section>
      <h1>{t("design.title")}</h1>
      {!("data" in loaded) ? (
        <StaffGate state={loaded.state} signIn="design.signIn" offline="design.offline" />
      ) : (
        <>
          {/* The id is made here, so saving the first draft twice (a lost answer) still makes one consultation. */}
          <p>
            <button type="button" class="button button-primary" onClick={() => route(`/disenar/${uuidv7()}`)}>
              {t("design.new")}
            </button>
          </p>
          {loaded.data.consultations.length === 0 ? (
            <p>{t("design.none")}</p>
          ) : (
            <ul class="list">
              {loaded.data.consultations.map((consultation) => (
                <li key={consultation.id} class="card" data-testid="design-consultation">
                  <h2>
                    <a href={`/disenar/${consultation.id}`}>{consultation.title}</a>
                  </h2>
                  <p>
                    {t("design.list.version", {
                      version: consultation.version,
                      status: t(`design.status.${consultation.status}`),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
