// The calendar legal terms are counted with, as an admin keeps it: the law's holidays of a year (computed,
// shown for reference), the closures admins add for the whole country, a municipality or one institution, and
// whether the year's closures are confirmed.
import { useEffect, useState } from "preact/hooks";
import type { CalendarEntry, Holiday } from "../../domain/requests/holiday-calendar";
import type { Institution } from "../../domain/requests/info-request";
import { CalendarAnswer } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { formatLocalDate } from "../requests/format";
import { loadStaffJson } from "../staff/staff-json";
import { type Notice, NoticeLine, send } from "./admin-send";

type Place = "national" | "municipality" | "institution";
const EMPTY_FORM = {
  date: "",
  kind: "full" as Holiday["kind"],
  name: "",
  place: "national" as Place,
  where: "",
};

export function HolidaysCard({ institutions }: { institutions: Institution[] }) {
  const { t, language } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [calendar, setCalendar] = useState<CalendarAnswer | undefined>();
  const [form, setForm] = useState(EMPTY_FORM);
  const [notice, setNotice] = useState<Notice>();
  const reload = (shown: number) =>
    loadStaffJson(`/api/v1/admin/holidays?year=${shown}`, CalendarAnswer).then((loaded) => {
      if (loaded.state === "ready") setCalendar(loaded.data);
    });
  useEffect(() => {
    void reload(year);
  }, [year]);

  // Municipalities are known by the territory codes their institutions carry.
  const municipalities = institutions.filter((i) => i.kind === "municipality" && i.territoryCode);
  const placeName = (scope: CalendarEntry["scope"]) => {
    if (scope === "national") return t("admin.calendar.national");
    const [kind, id] = scope.split(":") as [string, string];
    const found =
      kind === "municipality"
        ? municipalities.find((i) => i.territoryCode === id)
        : institutions.find((i) => i.id === id);
    return found?.name ?? id;
  };
  const confirmed = calendar?.confirmedYears.includes(year) ?? false;
  const entries = (calendar?.holidays ?? []).filter((entry) => entry.date.startsWith(`${year}-`));

  async function add(event: Event) {
    event.preventDefault();
    const scope = form.place === "national" ? "national" : `${form.place}:${form.where}`;
    const result = await send("PUT", `/api/v1/admin/holidays/${encodeURIComponent(form.date)}`, {
      kind: form.kind,
      name: form.name,
      scope,
    });
    setNotice(result);
    if (result.error) return;
    setForm(EMPTY_FORM);
    const added = Number(form.date.slice(0, 4));
    // The list shows the year of the closure just added.
    if (added !== year) setYear(added);
    else await reload(year);
  }
  async function remove(entry: CalendarEntry) {
    setNotice(
      await send("DELETE", `/api/v1/admin/holidays/${entry.date}?scope=${encodeURIComponent(entry.scope)}`),
    );
    await reload(year);
  }
  async function confirm(value: boolean) {
    setNotice(await send("PUT", `/api/v1/admin/calendar-years/${year}`, { confirmed: value }));
    await reload(year);
  }

  return (
    <section class="card" aria-labelledby="admin-holidays">
      <h2 id="admin-holidays">{t("admin.holidays")}</h2>
      <p class="hint">{t("admin.holidays.hint")}</p>
      <div class="field">
        <label for="holiday-year">{t("admin.calendar.year")}</label>
        <select id="holiday-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[0, 1, 2, 3, 4].map((offset) => (
            <option key={offset} value={thisYear - 1 + offset}>
              {thisYear - 1 + offset}
            </option>
          ))}
        </select>
      </div>
      <p data-testid="calendar-confirmed">
        {t(confirmed ? "admin.calendar.confirmed" : "admin.calendar.unconfirmed", { year: String(year) })}
      </p>
      <button type="button" class="button" onClick={() => void confirm(!confirmed)}>
        {t(confirmed ? "admin.calendar.unconfirm" : "admin.calendar.confirm", { year: String(year) })}
      </button>

      <details>
        <summary>{t("admin.calendar.law", { year: String(year) })}</summary>
        <ul class="list rows" data-testid="law-holidays">
          {(calendar?.year === year ? calendar.law : []).map((holiday) => (
            <li key={holiday.date}>
              {formatLocalDate(holiday.date, language)} · {holiday.name} ·{" "}
              {t(`admin.holiday.${holiday.kind}`)}
            </li>
          ))}
        </ul>
      </details>

      <h3>{t("admin.calendar.added")}</h3>
      {entries.length === 0 ? <p class="hint">{t("admin.calendar.none", { year: String(year) })}</p> : null}
      <ul class="list rows" data-testid="holidays">
        {entries.map((entry) => (
          <li key={`${entry.date} ${entry.scope}`}>
            {formatLocalDate(entry.date, language)} · {entry.name} · {t(`admin.holiday.${entry.kind}`)} ·{" "}
            {placeName(entry.scope)}{" "}
            <button type="button" class="button" onClick={() => void remove(entry)}>
              {t("admin.holidays.remove", { name: entry.name, date: entry.date })}
            </button>
          </li>
        ))}
      </ul>

      <h3>{t("admin.calendar.add")}</h3>
      <form onSubmit={(event) => void add(event)} noValidate>
        <div class="field">
          <label for="holiday-date">{t("admin.field.date")}</label>
          <input
            id="holiday-date"
            type="date"
            value={form.date}
            onInput={(e) => setForm({ ...form, date: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="holiday-kind">{t("admin.field.holidayKind")}</label>
          <select
            id="holiday-kind"
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as Holiday["kind"] })}
          >
            <option value="full">{t("admin.holiday.full")}</option>
            <option value="half">{t("admin.holiday.half")}</option>
          </select>
        </div>
        <div class="field">
          <label for="holiday-name">{t("admin.field.holidayName")}</label>
          <input
            id="holiday-name"
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="holiday-place">{t("admin.calendar.place")}</label>
          <select
            id="holiday-place"
            value={form.place}
            onChange={(e) => setForm({ ...form, place: e.currentTarget.value as Place, where: "" })}
          >
            <option value="national">{t("admin.calendar.national")}</option>
            <option value="municipality">{t("admin.calendar.municipality")}</option>
            <option value="institution">{t("admin.calendar.institution")}</option>
          </select>
        </div>
        {form.place === "national" ? null : (
          <div class="field">
            <label for="holiday-where">
              {t(
                form.place === "municipality"
                  ? "admin.calendar.whichMunicipality"
                  : "admin.calendar.whichInstitution",
              )}
            </label>
            <select
              id="holiday-where"
              value={form.where}
              onChange={(e) => setForm({ ...form, where: e.currentTarget.value })}
            >
              <option value="">—</option>
              {form.place === "municipality"
                ? municipalities.map((i) => (
                    <option key={i.id} value={i.territoryCode ?? ""}>
                      {i.name}
                    </option>
                  ))
                : institutions.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name} ({i.acronym})
                    </option>
                  ))}
            </select>
          </div>
        )}
        <NoticeLine notice={notice} />
        <button type="submit" class="button">
          {t("admin.holidays.add")}
        </button>
      </form>
    </section>
  );
}
