// Days that stop legal terms in Guatemala: the holidays the law names, computed for any year, plus the closures
// admins add (extraordinary ones, and local ones for one municipality or one institution).
import { addDays, isoWeekday } from "./local-time";

/** A calendar date in Guatemala, "YYYY-MM-DD" (sorts and compares as text). */
export type LocalDate = string;

/** "full": no office opens; "half": offices close at noon (Código de Trabajo Art. 127). */
export type HolidayKind = "full" | "half";

export interface Holiday {
  date: LocalDate;
  kind: HolidayKind;
  name: string;
}

/**
 * Where an admin's closure applies: the whole country, every institution of one municipality (its territory
 * code, as institutions carry it: a patron-saint day), or one institution.
 */
export type CalendarScope = "national" | `municipality:${string}` | `institution:${string}`;

export interface CalendarEntry extends Holiday {
  scope: CalendarScope;
}

/** Whose calendar: an institution observes the national days, its municipality's and its own. */
export interface CalendarPlace {
  institutionId?: string;
  territoryCode?: string | null;
}

export interface HolidayCalendar {
  kindOf(date: LocalDate): HolidayKind | undefined;
  /**
   * Whether an admin has confirmed the year's closures. The law's holidays are known for any year; a decreed
   * closure is known only once announced, so a due date in an unconfirmed year may still move.
   */
  isConfirmed(year: number): boolean;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Día del Ejército (30 June) is kept on a Monday (Decreto 42-2010 as reformed by Decreto 19-2018, as applied
 * since 2020): Tuesday or Wednesday → the Monday before; Thursday to Sunday → the Monday after.
 */
export function armyDay(year: number): LocalDate {
  const date = `${year}-06-30`;
  const weekday = isoWeekday(date);
  if (weekday === 1) return date;
  return weekday <= 3 ? addDays(date, 1 - weekday) : addDays(date, 8 - weekday);
}

/**
 * The holidays Código de Trabajo Art. 127 names, for one year: 1 January; Holy Thursday, Friday and Saturday;
 * 1 May; 30 June (kept on a Monday); 15 September; 20 October; 1 November; 24 December (half day); 25 December;
 * 31 December (half day). Holy Wednesday is not in the article: admins add it (as a half day) where it is kept.
 * The municipality's own festivity, also in Art. 127, is a local entry (`CalendarScope`).
 */
export function lawHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    { date: `${year}-01-01`, kind: "full", name: "Año Nuevo" },
    { date: addDays(easter, -3), kind: "full", name: "Jueves Santo" },
    { date: addDays(easter, -2), kind: "full", name: "Viernes Santo" },
    { date: addDays(easter, -1), kind: "full", name: "Sábado Santo" },
    { date: `${year}-05-01`, kind: "full", name: "Día del Trabajo" },
    { date: armyDay(year), kind: "full", name: "Día del Ejército (30 de junio, en lunes)" },
    { date: `${year}-09-15`, kind: "full", name: "Día de la Independencia" },
    { date: `${year}-10-20`, kind: "full", name: "Día de la Revolución" },
    { date: `${year}-11-01`, kind: "full", name: "Día de Todos los Santos" },
    { date: `${year}-12-24`, kind: "half", name: "Nochebuena" },
    { date: `${year}-12-25`, kind: "full", name: "Navidad" },
    { date: `${year}-12-31`, kind: "half", name: "Fin de año" },
  ];
}

/** Whether an admin's entry applies to this place. */
export function appliesTo(scope: CalendarScope, place: CalendarPlace = {}): boolean {
  if (scope === "national") return true;
  if (scope.startsWith("municipality:"))
    return !!place.territoryCode && scope === `municipality:${place.territoryCode}`;
  return !!place.institutionId && scope === `institution:${place.institutionId}`;
}

export interface CalendarOptions {
  /**
   * Admins' closures. A national entry on a day the law names replaces it (a full day made half by decree); a
   * local one only ever closes longer. Where entries share a day, the longer closure wins.
   */
  entries?: readonly (Holiday | CalendarEntry)[];
  /** The years whose closures an admin has confirmed. */
  confirmedYears?: Iterable<number>;
  /** Whose calendar: local entries apply only there. Without a place, only national entries apply. */
  place?: CalendarPlace;
}

/** Of two kinds of closure on one day, the longer. */
const longer = (a: HolidayKind | undefined, b: HolidayKind | undefined): HolidayKind | undefined =>
  a === "full" || b === "full" ? "full" : (a ?? b);

export function holidayCalendar(options: CalendarOptions = {}): HolidayCalendar {
  // A national entry replaces the law's day (a full day made half by decree); a local one can only close longer.
  const national = new Map<LocalDate, HolidayKind>();
  const local = new Map<LocalDate, HolidayKind>();
  for (const entry of options.entries ?? []) {
    const scope = "scope" in entry ? entry.scope : "national";
    if (!appliesTo(scope, options.place)) continue;
    const into = scope === "national" ? national : local;
    into.set(entry.date, longer(into.get(entry.date), entry.kind)!);
  }
  const byYear = new Map<number, Map<LocalDate, HolidayKind>>();
  const lawOf = (year: number) => {
    let days = byYear.get(year);
    if (!days) {
      days = new Map(lawHolidays(year).map((holiday) => [holiday.date, holiday.kind]));
      byYear.set(year, days);
    }
    return days;
  };
  const confirmed = new Set(options.confirmedYears ?? []);
  return {
    kindOf: (date) =>
      longer(local.get(date), national.get(date) ?? lawOf(Number(date.slice(0, 4))).get(date)),
    isConfirmed: (year) => confirmed.has(year),
  };
}

/** The years from one date's to another's that no admin has confirmed yet, in order. */
export function unconfirmedYears(calendar: HolidayCalendar, from: LocalDate, to: LocalDate): number[] {
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    if (!calendar.isConfirmed(year)) years.push(year);
  return years;
}
