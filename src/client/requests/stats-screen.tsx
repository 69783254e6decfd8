// Public statistics of information requests per institution: a table, an SVG chart and a CSV.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { InstitutionStatistics } from "../../domain/requests/info-request";
import { useI18n } from "../i18n/i18n";

type Row = InstitutionStatistics;

const BAR_HEIGHT = 14;
const LABEL_HEIGHT = 18;
const ROW_HEIGHT = LABEL_HEIGHT + 2 * BAR_HEIGHT + 16;
const CHART_WIDTH = 360;
const BAR_SPACE = CHART_WIDTH - 40;
/** About what 12 px text holds across the chart; longer names end in "…" (the table below has them whole). */
const LABEL_CHARACTERS = 54;

const shortName = (name: string) =>
  name.length <= LABEL_CHARACTERS ? name : `${name.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`;

/**
 * Horizontal bars, received and answered on time, for the busiest institutions, each under its name (people
 * know "Municipalidad de Concepción Chiquirichapa", not its code); printable, no script.
 */
function Chart({ rows, title }: { rows: Row[]; title: string }) {
  const top = rows.slice(0, 12);
  const max = Math.max(1, ...top.map((row) => row.received));
  const scale = (value: number) => (BAR_SPACE * value) / max;
  const height = top.length * ROW_HEIGHT + 10;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-labelledby="stats-chart-title"
    >
      <title id="stats-chart-title">{title}</title>
      {top.map((row, index) => {
        const label = index * ROW_HEIGHT + 14;
        const y = label + 6;
        return (
          <g key={row.institutionId}>
            <text x={0} y={label} font-size="12" font-weight="600">
              {shortName(row.name)}
            </text>
            <rect x={0} y={y} width={scale(row.received)} height={BAR_HEIGHT} fill="#1d4e89" />
            <text x={scale(row.received) + 4} y={y + 12} font-size="11">
              {row.received}
            </text>
            <rect
              x={0}
              y={y + BAR_HEIGHT + 2}
              width={scale(row.answeredOnTime)}
              height={BAR_HEIGHT}
              fill="#2e7d32"
            />
            <text x={scale(row.answeredOnTime) + 4} y={y + BAR_HEIGHT + 14} font-size="11">
              {row.answeredOnTime}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function StatsScreen() {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [rows, setRows] = useState<Row[] | "offline">();
  useEffect(() => {
    setRows(undefined);
    fetch(`/api/v1/statistics/requests?year=${year}`, { headers: { accept: "application/json" } })
      .then(async (response) =>
        setRows(response.ok ? ((await response.json()) as { institutions: Row[] }).institutions : "offline"),
      )
      .catch(() => setRows("offline"));
  }, [year]);
  return (
    <section>
      <h1>{t("stats.title")}</h1>
      <div class="field no-print">
        <label for="stats-year">{t("stats.year")}</label>
        <select id="stats-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {rows === undefined ? (
        <p>{t("loading")}</p>
      ) : rows === "offline" ? (
        <p class="card">{t("stats.offline")}</p>
      ) : rows.length === 0 ? (
        <p>{t("stats.none")}</p>
      ) : (
        <>
          <Chart rows={rows} title={t("stats.chart")} />
          <p class="chart-legend">
            <span class="swatch swatch-received" aria-hidden="true" /> {t("stats.received")}{" "}
            <span class="swatch swatch-ontime" aria-hidden="true" /> {t("stats.onTime")}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways at 200% zoom must be reachable by keyboard */}
          <section class="table-scroll" tabIndex={0} aria-label={t("stats.title")}>
            <table class="stats" data-testid="stats-table">
              <caption>{t("stats.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("stats.institution")}</th>
                  <th scope="col">{t("stats.received")}</th>
                  <th scope="col">{t("stats.onTime")}</th>
                  <th scope="col">{t("stats.late")}</th>
                  <th scope="col">{t("stats.overdue")}</th>
                  <th scope="col">{t("stats.denied")}</th>
                  <th scope="col">{t("stats.personalData")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.institutionId}>
                    <th scope="row">{row.name}</th>
                    <td>{row.received}</td>
                    <td>{row.answeredOnTime}</td>
                    <td>{row.answeredLate}</td>
                    <td>{row.overdue}</td>
                    <td>{row.denied}</td>
                    <td>{row.personalData ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      <p class="no-print">
        <a
          class="button"
          href={`/api/v1/statistics/requests?year=${year}&format=csv&bom=1`}
          download={`solicitudes-${year}.csv`}
        >
          {t("stats.csv")}
        </a>
      </p>
    </section>
  );
}
