// Front doors: large cards, each a whole link, with a line saying what is behind it. The citizen's four are
// also painted by index.html before any script runs (same markup, same place: nothing moves when the app takes
// over), so keep the two in step.
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

export interface Door {
  href: string;
  title: MessageKey;
  hint?: MessageKey;
}

export const CITIZEN_DOORS: readonly Door[] = [
  { href: "/solicitudes/nueva", title: "home.door.ask", hint: "home.door.ask.hint" },
  { href: "/solicitudes/estado", title: "home.door.status", hint: "home.door.status.hint" },
  { href: "/consultas", title: "home.door.consult", hint: "home.door.consult.hint" },
  { href: "/datos", title: "home.door.data", hint: "home.door.data.hint" },
];

export function Doors({ doors, label }: { doors: readonly Door[]; label: string }) {
  const { t } = useI18n();
  return (
    <ul class="doors" aria-label={label}>
      {doors.map((door, index) => (
        // The whole card answers a tap (the link stretches over it); the link is named by its title alone,
        // the hint describes it.
        <li key={door.href} class="door">
          <a
            class="door-link"
            href={door.href}
            elementtiming="front-door"
            aria-describedby={door.hint ? `door-${index}-hint` : undefined}
          >
            {t(door.title)}
          </a>
          {door.hint ? (
            <span class="door-hint" id={`door-${index}-hint`}>
              {t(door.hint)}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
