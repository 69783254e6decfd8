// The officer's yearly report to the Procurador de los Derechos Humanos (LAIP Art. 48): the figures of the
// article for their institution and a year, printable as it stands, with the CSV of every request beside it.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { INFORMATION_TYPES } from "../../domain/requests/info-request";
import { AnnualReport } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { formatInstant, formatLocalDate } from "./format";

const RESULT_KEYS = [
  "delivered",
  "partlyDelivered",
  "deniedReserved",
  "deniedConfidential",
  "deniedUnclarified",
  "notHeld",
  "referred",
  "withdrawn",
  "pending",
] as const;
const APPEAL_KEYS = ["filed", "upheld", "overturned", "partly", "pending"] as const;

export function ReportScreen() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const [report, setReport] = useState<StaffLoad<AnnualReport>>({ state: "loading" });
  useEffect(() => {
    setReport({ state: "loading" });
    void loadStaffJson(`/api/v1/officer/report?year=${year}`, AnnualReport).then(setReport);
  }, [year]);
  return (
    <section>
      <p class="no-print">
        <a href="/oficina">{t("office.back")}</a>
      </p>
      <h1>{t("report.title")}</h1>
      <div class="field no-print">
        <label for="report-year">{t("report.year")}</label>
        <select id="report-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[0, 1, 2, 3, 4].map((back) => (
            <option key={back} value={thisYear - back}>
              {thisYear - back}
            </option>
          ))}
        </select>
      </div>
      {report.state === "ready" ? (
        <ReportBody report={report.data} />
      ) : (
        <StaffGate
          state={report.state}
          signIn="office.signIn"
          offline="office.offline"
          signInLink="office.signInLink"
        />
      )}
    </section>
  );
}

function ReportBody({ report: r }: { report: AnnualReport }) {
  const { t, language, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const line = (key: MessageKey, value: number | null) => (
    <tr key={key}>
      <th scope="row">{t(key)}</th>
      <td>{value === null ? "—" : number.format(value)}</td>
    </tr>
  );
  const reasons = r.lines.filter((l) => l.extensionReason || l.legalBasis || l.withdrawalNote);
  return (
    <>
      <p>
        {t("report.for", {
          institution: `${r.institution.name} (${r.institution.acronym})`,
          year: String(r.year),
        })}
      </p>
      <p class="hint">{t("report.generated", { at: formatInstant(r.generatedAt, language) })}</p>
      <p class="no-print">
        <a class="button" href={`/api/v1/officer/report?year=${r.year}&format=csv&bom=1`} download>
          {t("report.csv")}
        </a>{" "}
        <button type="button" class="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </p>
      <div class="table-scroll">
        <table class="figures" data-testid="report-figures">
          <caption>{t("report.figures")}</caption>
          <tbody>
            {line("report.received", r.received)}
            {Object.entries(r.byChannel).map(([channel, n]) =>
              line(channel === "oral" ? "report.channel.oral" : "report.channel.web", n),
            )}
            {RESULT_KEYS.map((key) => line(`report.result.${key}`, r.results[key] ?? 0))}
            {r.clarifications ? line("report.clarifications.asked", r.clarifications.asked) : null}
            {r.clarifications ? line("report.clarifications.pending", r.clarifications.pending) : null}
            {line("report.extended", r.extended)}
            {line("report.onTime", r.answeredOnTime)}
            {line("report.late", r.answeredLate)}
            {line("report.overdue", r.overdue)}
            {line("report.days.average", r.responseDays.average)}
            {line("report.days.median", r.responseDays.median)}
            {line("report.days.max", r.responseDays.max)}
            {APPEAL_KEYS.map((key) => line(`report.appeals.${key}`, r.appeals[key] ?? 0))}
          </tbody>
        </table>
      </div>
      {r.byType ? (
        <div class="table-scroll">
          <table class="figures" data-testid="report-types">
            <caption>{t("report.types")}</caption>
            <tbody>
              {[...INFORMATION_TYPES, "unclassified" as const].map((type) =>
                line(
                  type === "unclassified" ? "report.types.unclassified" : `infoType.${type}`,
                  r.byType?.[type] ?? 0,
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      {r.personalData ? (
        <div class="table-scroll">
          <table class="figures" data-testid="report-personal-data">
            <caption>{t("report.personal")}</caption>
            <tbody>
              {line("report.personal.received", r.personalData.received)}
              {line("report.personal.answered", r.personalData.answered)}
              {line("report.personal.denied", r.personalData.denied)}
              {line("report.personal.pending", r.personalData.pending)}
            </tbody>
          </table>
        </div>
      ) : null}
      {reasons.length > 0 ? (
        <>
          <h2>{t("report.reasons")}</h2>
          <ul class="list rows">
            {reasons.map((l) => (
              <li key={l.folio}>
                <span>
                  <strong>{l.folio}</strong> ·{" "}
                  {[
                    l.extensionReason ? t("report.reason.extension", { text: l.extensionReason }) : "",
                    l.legalBasis ? t("report.reason.denial", { text: l.legalBasis }) : "",
                    l.withdrawalNote ? t("report.reason.withdrawal", { text: l.withdrawalNote }) : "",
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="hint">{t("report.dueBy", { date: formatLocalDate(r.dueBy, language) })}</p>
    </>
  );
}
