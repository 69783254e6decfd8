// Home, by who holds the phone: a citizen's front door (ask, check a request, take part, results and data);
// on a phone that does field work, the facilitator's work first (signed-in staff have their links in the header).
// Nothing here opens the database: the field work loads after the first paint (field-work.tsx).
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { staffSession } from "../staff/staff-session";
import { fieldMode } from "../ui/field-mode";
import { useStore } from "../ui/store";
import { CITIZEN_DOORS, Doors } from "./doors";

function FieldWorkSlot() {
  const { t } = useI18n();
  const [FieldWork, setFieldWork] = useState<ComponentType>();
  useEffect(() => {
    void import("./field-work").then((m) => setFieldWork(() => m.FieldWork));
  }, []);
  // The slot keeps its height while the chunk arrives: the doors under it do not jump.
  return FieldWork ? (
    <FieldWork />
  ) : (
    <div class="field-slot">
      <p class="loading-shell">{t("home.field.loading")}</p>
    </div>
  );
}

export function HomeScreen() {
  const { t } = useI18n();
  const field = useStore(fieldMode);
  const staff = useStore(staffSession);
  return (
    <>
      <h1>{field ? t("home.field.title") : t("home.title")}</h1>
      {field ? <FieldWorkSlot /> : null}
      {field || staff ? <h2>{t("home.public.title")}</h2> : null}
      <Doors doors={CITIZEN_DOORS} label={t("home.public.title")} />
      <p class="more-links">
        <a href="/estadisticas">{t("home.stats")}</a>
      </p>
      <p class="more-links">
        <a href="/compromisos">{t("home.commitments")}</a>
      </p>
      <p class="more-links">
        <a href="/borradores">{t("home.drafts")}</a>
      </p>
      {field ? null : (
        <p class="more-links">
          {t("home.facilitator")} <a href="/inscribir">{t("enrol.link")}</a>
        </p>
      )}
      {staff ? null : (
        <p class="more-links">
          <a href="/entrar">{t("staff.link")}</a>
        </p>
      )}
    </>
  );
}
