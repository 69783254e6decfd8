// The marks an officer reads at a glance on a request: overdue, due soon, appeal pending, calendar unconfirmed.
import "./i18n";
import type { InboxItem } from "../../domain/requests/info-request";
import { useI18n } from "../i18n/i18n";

export function Flags({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  return (
    <>
      {item.overdue ? <span class="flag flag-overdue">{t("office.overdue")}</span> : null}
      {item.atRisk ? <span class="flag flag-risk">{t("office.atRisk")}</span> : null}
      {item.appealPending ? <span class="flag flag-risk">{t("office.appealPending")}</span> : null}
      {item.calendarUnconfirmed.length > 0 ? (
        <span class="flag">
          {t("office.calendarUnconfirmed", { years: item.calendarUnconfirmed.join(", ") })}
        </span>
      ) : null}
    </>
  );
}
