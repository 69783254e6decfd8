// The staff accounts card: every account, disabling and enabling it, and a new one.
import "./i18n";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Institution } from "../../domain/requests/info-request";
import { type StaffMember, UsersAnswer } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { loadStaffJson } from "../staff/staff-json";
import { type Notice, NoticeLine, send } from "./admin-send";
import { NewAccount } from "./new-account";

export function StaffAccounts({
  institutions,
  version,
  onStaffChanged,
}: {
  institutions: Institution[];
  version: number;
  onStaffChanged: () => void;
}) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const names = useMemo(() => new Map(institutions.map((i) => [i.id, i.acronym])), [institutions]);
  const reload = () =>
    loadStaffJson("/api/v1/admin/users", UsersAnswer).then((loaded) => {
      if (loaded.state === "ready") setStaff(loaded.data.users);
    });
  useEffect(() => {
    void reload();
  }, [version]);
  async function toggle(user: StaffMember) {
    setNotice(
      await send("PUT", `/api/v1/admin/users/${user.id}/disabled`, { disabled: user.disabledAt === null }),
    );
    await reload();
  }
  return (
    <section class="card" aria-labelledby="admin-staff">
      <h2 id="admin-staff">{t("admin.staff")}</h2>
      <NoticeLine notice={notice} />
      <ul class="list rows">
        {staff.map((user) => (
          <li key={user.id}>
            <span class="row-text">
              {user.name} · {user.email} · {t(`role.${user.role}` as MessageKey)}
              {user.institutionId ? ` · ${names.get(user.institutionId) ?? ""}` : ""}
              {user.disabledAt ? ` — ${t("admin.staff.disabled")}` : ""}
            </span>{" "}
            <button type="button" class="button" onClick={() => void toggle(user)}>
              {t(user.disabledAt ? "admin.staff.enable" : "admin.staff.disable", { email: user.email })}
            </button>
          </li>
        ))}
      </ul>
      <NewAccount onCreated={onStaffChanged} idPrefix="staff" />
    </section>
  );
}
