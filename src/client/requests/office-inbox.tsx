// The officer's inbox: their institution's requests by due date, open ones first, each with its marks.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { InboxItem } from "../../domain/requests/info-request";
import { CLOSED_STATUSES } from "../../domain/requests/request-workflow";
import { InboxAnswer } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { formatLocalDate } from "./format";
import { Flags } from "./office-flags";

export function Inbox() {
  const { t, language } = useI18n();
  const [inbox, setInbox] = useState<StaffLoad<InboxAnswer>>({
    state: "loading",
  });
  useEffect(() => {
    void loadStaffJson("/api/v1/officer/requests", InboxAnswer).then(setInbox);
  }, []);
  if (inbox.state !== "ready")
    return (
      <StaffGate
        state={inbox.state}
        signIn="office.signIn"
        offline="office.offline"
        signInLink="office.signInLink"
      />
    );
  const { requests, institution } = inbox.data;
  const groups: [MessageKey, InboxItem[]][] = [
    ["office.open", requests.filter((r) => !CLOSED_STATUSES.has(r.status) || r.appealPending)],
    ["office.closed", requests.filter((r) => CLOSED_STATUSES.has(r.status) && !r.appealPending)],
  ];
  return (
    <section>
      <h1>
        {t("office.title")}
        {institution ? ` · ${institution.acronym}` : ""}
      </h1>
      <p>
        <a href="/informe-anual">{t("office.report")}</a>
      </p>
      {requests.length === 0 ? <p>{t("office.empty")}</p> : null}
      {groups.map(([title, items]) =>
        items.length > 0 ? (
          <section key={title} aria-label={t(title)}>
            <h2>{t(title)}</h2>
            <ul class="list">
              {items.map((item) => (
                <li key={item.id} class="card" data-testid="inbox-item" data-folio={item.folio}>
                  <h3>
                    <a href={`/oficina/${item.id}`}>{item.folio}</a> <Flags item={item} />
                  </h3>
                  <p>
                    {t(`reqStatus.${item.status}`)} ·{" "}
                    {t("office.due", { due: formatLocalDate(item.dueDate, language) })}
                  </p>
                  <p class="excerpt">{item.description}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </section>
  );
}
