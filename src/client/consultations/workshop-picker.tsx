// Which workshop the inputs being captured belong to: one of this phone's workshops for the consultation, or none.
import { findMunicipality } from "../../domain/territory/guatemala";
import { database } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";

interface WorkshopPickerProps {
  consultationId: string;
  value: string;
  onChange(workshopId: string): void;
}

export function WorkshopPicker({ consultationId, value, onChange }: WorkshopPickerProps) {
  const { t, formatDate } = useI18n();
  const workshops = useLiveQuery(
    () => database().workshops.where("consultationId").equals(consultationId).toArray(),
    [consultationId],
  );
  const sorted = [...(workshops ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <div class="field">
      <label for="workshop">{t("workshop.pick")}</label>
      <p id="workshop-hint" class="hint">
        {t("workshop.pick.hint")}
      </p>
      <select
        id="workshop"
        aria-describedby="workshop-hint"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">{t("workshop.none")}</option>
        {sorted.map((workshop) => (
          <option key={workshop.id} value={workshop.id}>
            {t("workshop.option", {
              community: workshop.community,
              municipality: findMunicipality(workshop.municipalityCode)?.name ?? workshop.municipalityCode,
              date: formatDate(workshop.date),
            })}
          </option>
        ))}
      </select>
      <p>
        <a href={`/consulta/${consultationId}/taller`}>{t("workshop.open")}</a>
        {value ? (
          <>
            {" · "}
            <a href={`/consulta/${consultationId}/taller/${value}`}>{t("workshop.edit")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}
