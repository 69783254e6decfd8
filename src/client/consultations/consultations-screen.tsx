// /consultas: every consultation on this phone, for anyone: what it asks, how to take part, its results.
import { useI18n } from "../i18n/i18n";
import { fieldMode } from "../ui/field-mode";
import { useStore } from "../ui/store";
import { ConsultationList } from "./consultation-list";

export function ConsultationsScreen() {
  const { t } = useI18n();
  const field = useStore(fieldMode);
  return (
    <>
      <h1>{t("home.consultations")}</h1>
      <p>{t("home.consultations.intro")}</p>
      <ConsultationList field={field} level={2} />
    </>
  );
}
