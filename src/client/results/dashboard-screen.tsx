// /resultados/:id/tablero: a consultation's results as charts, narrowed by theme, place, workshop and dates,
// with a search of what people wrote. Organizers only; loaded with the results screens, never precached.
import "./i18n";
import "../consultations/i18n";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { PublicInput } from "../../domain/dispositions";
import type { Count, DashboardFilters, QuestionResult } from "../../domain/results/dashboard";
import { DashboardAnswer, InputsAnswer } from "../../domain/staff-answers";
import { DEPARTMENTS, findMunicipality, municipalitiesOf } from "../../domain/territory/guatemala";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { type Bar, BarChart } from "./bar-chart";

const bars = (counts: Count[], label?: (count: Count) => string): Bar[] =>
  counts.map((count) => ({ label: label ? label(count) : count.label, value: count.count }));

export function DashboardScreen() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const { t, language, locale, formatDate } = useI18n();
  const [filters, setFilters] = useState<DashboardFilters>({});
  const [applied, setApplied] = useState<DashboardFilters>({});
  const [loaded, setLoaded] = useState<StaffLoad<DashboardAnswer>>({ state: "loading" });

  useEffect(() => {
    const query = new URLSearchParams({ ...(applied as Record<string, string>), lang: language });
    void loadStaffJson(`/api/v1/organizer/consultations/${id}/dashboard?${query}`, DashboardAnswer).then(
      setLoaded,
    );
  }, [id, JSON.stringify(applied), language]);

  if (loaded.state !== "ready")
    return <StaffGate state={loaded.state} signIn="results.signIn" offline="results.offline" />;
  const { dashboard, workshops } = loaded.data;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const set = (key: keyof DashboardFilters, value: string) => {
    const next = { ...filters };
    if (value) next[key] = value;
    else delete next[key];
    if (key === "departmentCode") delete next.municipalityCode;
    setFilters(next);
  };
  const category = (prefix: "field.sex" | "field.age" | "field.people") => (count: Count) =>
    t(`${prefix}.${count.key}` as MessageKey);
  /** The three breakdowns (sex, age band, people) of participants or of workshop attendance, as charts. */
  const breakdowns = (
    counts: { sex: Count[]; ageBand: Count[]; people: Count[] },
    id: string,
    titles: "dash.participants" | "dash.attendance",
  ) =>
    (
      [
        ["sex", counts.sex, "field.sex"],
        ["age", counts.ageBand, "field.age"],
        ["people", counts.people, "field.people"],
      ] as const
    ).map(([key, cells, labels]) => (
      <BarChart
        key={key}
        id={`${id}-${key}`}
        title={t(`${titles}.${key}`)}
        bars={bars(cells, category(labels))}
        smallCell={dashboard.smallCell}
      />
    ));

  return (
    <section class="dashboard">
      <h1>{t("dash.title")}</h1>
      <form
        class="card no-print"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(filters);
        }}
      >
        <fieldset class="field">
          <legend>{t("dash.filters")}</legend>
          <label for="f-workshop">{t("workshop.pick")}</label>
          <select
            id="f-workshop"
            value={filters.workshopId ?? ""}
            onChange={(e) => set("workshopId", e.currentTarget.value)}
          >
            <option value="">{t("dash.all")}</option>
            {workshops.map((workshop) => (
              <option key={workshop.id} value={workshop.id}>
                {`${workshop.community}, ${findMunicipality(workshop.municipalityCode)?.name ?? ""} — ${formatDate(workshop.date)}`}
              </option>
            ))}
          </select>
          <label for="f-department">{t("workshop.department")}</label>
          <select
            id="f-department"
            value={filters.departmentCode ?? ""}
            onChange={(e) => set("departmentCode", e.currentTarget.value)}
          >
            <option value="">{t("dash.all")}</option>
            {DEPARTMENTS.map((department) => (
              <option key={department.code} value={department.code}>
                {department.name}
              </option>
            ))}
          </select>
          <label for="f-municipality">{t("workshop.municipality")}</label>
          <select
            id="f-municipality"
            value={filters.municipalityCode ?? ""}
            disabled={!filters.departmentCode}
            onChange={(e) => set("municipalityCode", e.currentTarget.value)}
          >
            <option value="">{t("dash.all")}</option>
            {(filters.departmentCode ? municipalitiesOf(filters.departmentCode) : []).map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipality.name}
              </option>
            ))}
          </select>
          <label for="f-theme">{t("capture.theme")}</label>
          <select
            id="f-theme"
            value={filters.themeId ?? ""}
            onChange={(e) => set("themeId", e.currentTarget.value)}
          >
            <option value="">{t("dash.all")}</option>
            {dashboard.byTheme.map((theme) => (
              <option key={theme.key} value={theme.key}>
                {theme.label}
              </option>
            ))}
          </select>
          <label for="f-from">{t("dash.from")}</label>
          <input
            id="f-from"
            type="date"
            value={filters.from ?? ""}
            onInput={(e) => set("from", e.currentTarget.value)}
          />
          <label for="f-to">{t("dash.to")}</label>
          <input
            id="f-to"
            type="date"
            value={filters.to ?? ""}
            onInput={(e) => set("to", e.currentTarget.value)}
          />
        </fieldset>
        <button type="submit" class="button button-primary">
          {t("dash.apply")}
        </button>
        <button type="button" class="button" onClick={() => print()}>
          {t("dash.print")}
        </button>
      </form>

      <p class="card" data-testid="dash-total">
        {t("dash.total", { count: number.format(dashboard.total) })}{" "}
        {dashboard.withoutWorkshop ? t("dash.withoutWorkshop", { count: dashboard.withoutWorkshop }) : ""}
      </p>

      {dashboard.total === 0 && dashboard.attendance.workshops === 0 ? (
        // No empty charts: say why there is nothing yet and what to do next. (Workshops held before any input
        // still show their attendance.)
        <div class="card empty-state" data-testid="dash-empty">
          {Object.values(applied).some((value) => value !== undefined && value !== "") ? (
            <p>{t("dash.empty.filtered")}</p>
          ) : (
            <>
              <p>{t("dash.empty")}</p>
              <p>
                <a href="/dispositivos">{t("dash.empty.devices")}</a>
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          <BarChart
            id="by-day"
            title={t("dash.byDay")}
            bars={dashboard.byDay.map((row) => ({ label: formatDate(row.day), value: row.count }))}
          />
          <BarChart id="by-theme" title={t("dash.byTheme")} bars={bars(dashboard.byTheme)} />
          <BarChart id="by-department" title={t("dash.byDepartment")} bars={bars(dashboard.byDepartment)} />
          <BarChart
            id="by-municipality"
            title={t("dash.byMunicipality")}
            bars={bars(dashboard.byMunicipality.slice(0, 20))}
          />

          <h2>{t("dash.people")}</h2>
          <p class="hint">{t("dash.people.hint", { n: dashboard.smallCell })}</p>
          {breakdowns(dashboard.participants, "p", "dash.participants")}
          <p>
            {t("dash.attendance", {
              workshops: dashboard.attendance.workshops,
              people:
                dashboard.attendance.total === null
                  ? t("dash.suppressed", { n: dashboard.smallCell })
                  : dashboard.attendance.total,
            })}
          </p>
          {breakdowns(dashboard.attendance, "a", "dash.attendance")}

          <h2>{t("dash.questions")}</h2>
          {dashboard.questions.map((question) => (
            <QuestionChart key={`${question.themeId}.${question.questionId}`} question={question} />
          ))}
        </>
      )}
      <TextSearch consultationId={id} />
    </section>
  );
}

function QuestionChart({ question }: { question: QuestionResult }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const id = `q-${question.themeId}-${question.questionId}`;
  const answered = <p class="hint">{t("dash.answered", { count: question.answered })}</p>;
  if (question.options)
    return (
      <>
        <BarChart id={id} title={question.label} bars={bars(question.options)} />
        {answered}
      </>
    );
  if (question.scale)
    return (
      <>
        <BarChart
          id={id}
          title={question.label}
          bars={question.scale.counts.map((value, index) => ({ label: String(index + 1), value }))}
        />
        <p class="hint">
          {t("dash.answered", { count: question.answered })}{" "}
          {question.scale.mean === null ? "" : t("dash.mean", { mean: number.format(question.scale.mean) })}
        </p>
      </>
    );
  if (question.ranking)
    return (
      <>
        <BarChart
          id={id}
          title={`${question.label} — ${t("dash.borda")}`}
          bars={question.ranking.map((row) => ({
            label: row.label,
            value: row.borda,
            note: t("dash.firstChoices", { count: row.first }),
          }))}
        />
        <BarChart
          id={`${id}-first`}
          title={`${question.label} — ${t("dash.first")}`}
          bars={question.ranking.map((row) => ({ label: row.label, value: row.first }))}
        />
        {answered}
      </>
    );
  if (question.number !== undefined)
    return (
      <div class="card">
        <h3>{question.label}</h3>
        {question.number ? (
          <p>
            {t("dash.numbers", {
              min: number.format(question.number.min),
              median: number.format(question.number.median),
              mean: number.format(question.number.mean),
              max: number.format(question.number.max),
            })}
          </p>
        ) : null}
        {answered}
      </div>
    );
  return (
    <div class="card">
      <h3>{question.label}</h3>
      {answered}
      {question.spoken ? (
        <p class="hint" data-testid="spoken-answers">
          {t("dash.spoken", { count: question.spoken })}
        </p>
      ) : null}
    </div>
  );
}

/** What people wrote, searched by words (the free texts of inputs and their text answers). */
function TextSearch({ consultationId }: { consultationId: string }) {
  const { t } = useI18n();
  const [words, setWords] = useState("");
  const [found, setFound] = useState<PublicInput[]>();
  async function search(event: Event) {
    event.preventDefault();
    const query = new URLSearchParams({ q: words, limit: "50" });
    const result = await loadStaffJson(
      `/api/v1/organizer/consultations/${consultationId}/inputs?${query}`,
      InputsAnswer,
    );
    setFound(result.state === "ready" ? result.data.inputs : []);
  }
  return (
    <form class="card no-print" onSubmit={search}>
      <h2>{t("dash.search")}</h2>
      <label for="dash-words">{t("dash.search.words")}</label>
      <input id="dash-words" type="search" value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      <button type="submit" class="button">
        {t("dash.search.go")}
      </button>
      {found ? (
        <div role="status">
          <p>{t("dash.search.found", { count: found.length })}</p>
          <ul class="list">
            {found.map((input) => (
              <li key={input.id} class="excerpt">
                {[
                  ...Object.values(input.answers).filter((value) => typeof value === "string"),
                  input.freeText,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
