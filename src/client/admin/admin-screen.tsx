// Administration (admins only, online): institutions and their information-unit staff, staff accounts, the
// holiday calendar legal terms are counted with, and the log of what staff did.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { Institution } from "../../domain/requests/info-request";
import { InstitutionsAnswer } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { AuditCard } from "./audit-card";
import { HolidaysCard } from "./holidays-card";
import { Institutions } from "./institutions-card";
import { StaffAccounts } from "./staff-card";
import { TranslationsCard } from "./translations-card";

export function AdminScreen() {
  const { t } = useI18n();
  const [institutions, setInstitutions] = useState<StaffLoad<{ institutions: Institution[] }>>({
    state: "loading",
  });
  // Bumped when an account is made anywhere on the screen, so the staff list shows it.
  const [staffVersion, setStaffVersion] = useState(0);
  const staffChanged = () => setStaffVersion((version) => version + 1);
  const reload = () => loadStaffJson("/api/v1/admin/institutions", InstitutionsAnswer).then(setInstitutions);
  useEffect(() => {
    void reload();
  }, []);
  if (institutions.state !== "ready") {
    return (
      <section>
        <h1>{t("admin.title")}</h1>
        <StaffGate state={institutions.state} signIn="admin.signIn" offline="admin.offline" />
      </section>
    );
  }
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      {/* On a desk, the four cards side by side, two by two. */}
      <div class="work-grid">
        <Institutions all={institutions.data.institutions} reload={reload} onStaffChanged={staffChanged} />
        <StaffAccounts
          institutions={institutions.data.institutions}
          version={staffVersion}
          onStaffChanged={staffChanged}
        />
        <HolidaysCard institutions={institutions.data.institutions} />
        <AuditCard />
        <TranslationsCard />
      </div>
    </section>
  );
}
