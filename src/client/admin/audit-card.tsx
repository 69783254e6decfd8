// The audit log on the admin screen: who did what and when, newest first, and whether the chain that links
// every line to the one before still holds (a line changed or removed outside Tejido breaks it).
import { useEffect, useState } from "preact/hooks";
import { AuditChainReport, type AuditRow } from "../../domain/audit";
import { AuditPage } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { loadStaffJson } from "../staff/staff-json";

/** Route patterns in plain words; anything else is shown as it was recorded. */
const ACTIONS: Record<string, MessageKey> = {
  "POST /api/v1/auth/login": "audit.action.login",
  "POST /api/v1/auth/logout": "audit.action.logout",
  "POST /api/v1/admin/institutions": "audit.action.institutionNew",
  "PUT /api/v1/admin/institutions/:id": "audit.action.institutionEdit",
  "POST /api/v1/admin/users": "audit.action.userNew",
  "CLI create-user": "audit.action.userNewCli",
  "PUT /api/v1/admin/users/:id/disabled": "audit.action.userDisabled",
  "PUT /api/v1/admin/holidays/:date": "audit.action.holidayAdd",
  "DELETE /api/v1/admin/holidays/:date": "audit.action.holidayRemove",
  "PUT /api/v1/admin/calendar-years/:year": "audit.action.calendarYear",
  "POST /api/v1/organizer/consultations": "audit.action.consultationNew",
  "PUT /api/v1/organizer/consultations/:id/draft": "audit.action.consultationDraft",
  "POST /api/v1/organizer/consultations/:id/status": "audit.action.consultationStatus",
  "POST /api/v1/organizer/enrolment-codes": "audit.action.enrolmentCode",
  "POST /api/v1/organizer/devices/:id/revoke": "audit.action.deviceRevoke",
  "POST /api/v1/organizer/consultations/:id/dispositions": "audit.action.dispositions",
  "PUT /api/v1/organizer/inputs/:inputId/review": "audit.action.inputReview",
  "POST /api/v1/officer/requests/:id/actions": "audit.action.requestAction",
  "POST /api/v1/uploads": "audit.action.upload",
  "POST /api/v1/organizer/drafts": "audit.action.draftNew",
  "PUT /api/v1/organizer/drafts/:id/sections": "audit.action.draftEdit",
  "POST /api/v1/organizer/drafts/:id/publish": "audit.action.draftPublish",
  "POST /api/v1/organizer/drafts/:id/next": "audit.action.draftNext",
  "PUT /api/v1/organizer/draft-comments/:id/response": "audit.action.draftAnswer",
  "POST /api/v1/officer/milestones/:id/updates": "audit.action.milestoneUpdate",
  "POST /api/v1/civil-society/milestones/:id/updates": "audit.action.milestoneAssessment",
  "POST /api/v1/organizer/transfers": "audit.action.transferImport",
  "PUT /api/v1/organizer/consultations/:id/prompts": "audit.action.promptSet",
  "DELETE /api/v1/organizer/consultations/:id/prompts": "audit.action.promptRemove",
  "PUT /api/v1/admin/ui-translations/:language": "audit.action.translationImport",
  "DELETE /api/v1/admin/ui-translations/:language": "audit.action.translationRemove",
};

const ROLES: Record<string, MessageKey> = {
  admin: "role.admin",
  organizer: "role.organizer",
  officer: "role.officer",
  civil_society: "role.civil_society",
};

export function AuditCard() {
  const { t, formatDateTime } = useI18n();
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [chain, setChain] = useState<AuditChainReport>();
  const [failed, setFailed] = useState(false);

  async function load(before?: number) {
    const page = await loadStaffJson(`/api/v1/admin/audit${before ? `?before=${before}` : ""}`, AuditPage);
    if (page.state !== "ready") return setFailed(true);
    setRows((shown) => (before ? [...shown, ...page.data.entries] : page.data.entries));
    setNext(page.data.next);
  }
  async function verify() {
    const report = await loadStaffJson("/api/v1/admin/audit/verify", AuditChainReport);
    if (report.state === "ready") setChain(report.data);
    else setFailed(true);
  }
  useEffect(() => {
    void load();
    void verify();
  }, []);

  return (
    <section class="card" aria-labelledby="admin-audit">
      <h2 id="admin-audit">{t("audit.title")}</h2>
      <p class="hint">{t("audit.hint")}</p>
      <p role="status" class={chain && !chain.valid ? "error-text" : undefined}>
        {chain === undefined
          ? failed
            ? t("audit.failed")
            : t("audit.checking")
          : chain.valid
            ? t("audit.valid", { count: chain.entries, head: chain.head.slice(0, 16) })
            : t("audit.broken", { seq: chain.broken?.seq ?? 0 })}
      </p>
      {rows.length === 0 && !failed ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <ol class="list audit-list" reversed>
          {rows.map((row) => {
            const key = ACTIONS[row.action];
            return (
              <li key={row.seq} value={row.seq}>
                <strong>{key ? t(key) : row.action}</strong>
                <br />
                <span>
                  {formatDateTime(row.at)} · {row.actorEmail} ·{" "}
                  {t(ROLES[row.actorRole] ?? "audit.role.operator")}
                </span>
                <br />
                <code class="audit-target">{row.target}</code>
                {row.detail ? (
                  <details>
                    <summary>{t("audit.detail")}</summary>
                    <pre class="audit-detail">{pretty(row.detail)}</pre>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {next ? (
        <button type="button" class="button" onClick={() => void load(next)}>
          {t("audit.more")}
        </button>
      ) : null}
    </section>
  );
}

function pretty(detail: string): string {
  try {
    return JSON.stringify(JSON.parse(detail), null, 2);
  } catch {
    return detail;
  }
}
