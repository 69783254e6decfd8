// The staff's own links, under the public ones, once someone has signed in on this browser: each role's screens
// and a way out from anywhere. Nothing is asked of the server to draw it (see staff-session.ts).
import { useLocation } from "preact-iso";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { useStore } from "../ui/store";
import { type StaffIdentity, signOut, staffSession } from "./staff-session";

const STAFF_LINKS: Record<StaffIdentity["role"], [href: string, label: MessageKey][]> = {
  organizer: [
    ["/disenar", "nav.staff.design"],
    ["/redaccion", "nav.staff.drafting"],
    ["/resultados", "nav.staff.results"],
    ["/dispositivos", "nav.staff.devices"],
  ],
  officer: [
    ["/oficina", "nav.staff.office"],
    ["/informe-anual", "nav.staff.report"],
    ["/seguimiento", "nav.staff.tracker"],
  ],
  civil_society: [["/seguimiento", "nav.staff.tracker"]],
  admin: [
    ["/admin", "nav.staff.admin"],
    ["/disenar", "nav.staff.design"],
    ["/redaccion", "nav.staff.drafting"],
    ["/resultados", "nav.staff.results"],
    ["/dispositivos", "nav.staff.devices"],
  ],
};

export function StaffNav() {
  const { t } = useI18n();
  const staff = useStore(staffSession);
  const { path, route } = useLocation();
  if (!staff) return null;
  return (
    <nav class="staff-nav" aria-label={t("nav.staff.label")}>
      {STAFF_LINKS[staff.role].map(([href, label]) => (
        <a
          key={href}
          href={href}
          aria-current={path === href || path.startsWith(`${href}/`) ? "page" : undefined}
        >
          {t(label)}
        </a>
      ))}
      <button
        type="button"
        class="link-button"
        onClick={() => void signOut().then(() => route("/entrar?salio=1"))}
      >
        {t("nav.staff.signOut", { name: staff.name })}
      </button>
    </nav>
  );
}
