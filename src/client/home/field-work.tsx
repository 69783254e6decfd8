// The facilitator's part of the home (loaded after the first paint: it opens the database): what waits to be
// sent, the consultations to capture inputs in, and the inputs saved on this phone.
import { ConsultationList } from "../consultations/consultation-list";
import { useI18n } from "../i18n/i18n";
import { SyncPanel } from "../ui/sync-panel";

export function FieldWork() {
  const { t } = useI18n();
  return (
    <>
      <SyncPanel />
      <section aria-labelledby="field-consultations">
        <h2 id="field-consultations">{t("home.consultations")}</h2>
        <ConsultationList field level={3} />
        <p class="more-links">
          <a href="/aportes">{t("home.field.inputs")}</a>
        </p>
      </section>
    </>
  );
}
