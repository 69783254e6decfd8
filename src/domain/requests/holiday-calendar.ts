// Holidays that stop legal terms: Guatemala's national holidays, kept by admins, seeded for 2026 and 2027.

/** A calendar date in Guatemala, "YYYY-MM-DD" (sorts and compares as text). */
export type LocalDate = string;

/** "full": no office opens; "half": offices close at noon (Código de Trabajo Art. 127). */
export type HolidayKind = "full" | "half";

export interface Holiday {
  date: LocalDate;
  kind: HolidayKind;
  name: string;
}

export interface HolidayCalendar {
  kindOf(date: LocalDate): HolidayKind | undefined;
}

export function holidayCalendar(holidays: readonly Holiday[]): HolidayCalendar {
  const byDate = new Map(holidays.map((holiday) => [holiday.date, holiday.kind]));
  return { kindOf: (date) => byDate.get(date) };
}

/**
 * National holidays of Código de Trabajo Art. 127. Holy Week: Wednesday from noon, Thursday, Friday
 * and Saturday. Día del Ejército (30 June) moves to a Monday under Decreto 42-2010 as reformed by
 * Decreto 19-2018 (Tuesday/Wednesday → the Monday before; Thursday to Sunday → the Monday after);
 * since the Constitutional Court's ruling of April 2020 no other holiday moves.
 * Local patron-saint fairs are holidays too, but only where they are held: admins add them per place.
 */
export const GUATEMALA_NATIONAL_HOLIDAYS_2026_2027: readonly Holiday[] = [
  { date: "2026-01-01", kind: "full", name: "Año Nuevo" },
  { date: "2026-04-01", kind: "half", name: "Miércoles Santo (desde las 12:00)" },
  { date: "2026-04-02", kind: "full", name: "Jueves Santo" },
  { date: "2026-04-03", kind: "full", name: "Viernes Santo" },
  { date: "2026-04-04", kind: "full", name: "Sábado Santo" },
  { date: "2026-05-01", kind: "full", name: "Día del Trabajo" },
  { date: "2026-06-29", kind: "full", name: "Día del Ejército (30 de junio, trasladado al lunes)" },
  { date: "2026-09-15", kind: "full", name: "Día de la Independencia" },
  { date: "2026-10-20", kind: "full", name: "Día de la Revolución" },
  { date: "2026-11-01", kind: "full", name: "Día de Todos los Santos" },
  { date: "2026-12-24", kind: "half", name: "Nochebuena (desde las 12:00)" },
  { date: "2026-12-25", kind: "full", name: "Navidad" },
  { date: "2026-12-31", kind: "half", name: "Fin de año (desde las 12:00)" },
  { date: "2027-01-01", kind: "full", name: "Año Nuevo" },
  { date: "2027-03-24", kind: "half", name: "Miércoles Santo (desde las 12:00)" },
  { date: "2027-03-25", kind: "full", name: "Jueves Santo" },
  { date: "2027-03-26", kind: "full", name: "Viernes Santo" },
  { date: "2027-03-27", kind: "full", name: "Sábado Santo" },
  { date: "2027-05-01", kind: "full", name: "Día del Trabajo" },
  { date: "2027-06-28", kind: "full", name: "Día del Ejército (30 de junio, trasladado al lunes)" },
  { date: "2027-09-15", kind: "full", name: "Día de la Independencia" },
  { date: "2027-10-20", kind: "full", name: "Día de la Revolución" },
  { date: "2027-11-01", kind: "full", name: "Día de Todos los Santos" },
  { date: "2027-12-24", kind: "half", name: "Nochebuena (desde las 12:00)" },
  { date: "2027-12-25", kind: "full", name: "Navidad" },
  { date: "2027-12-31", kind: "half", name: "Fin de año (desde las 12:00)" },
];
