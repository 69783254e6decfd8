// Whether this phone does field work: enrolled, or something was captured on it. Its home then opens on the
// facilitator's work instead of the citizen's front door. Kept in localStorage so the first paint knows it
// without opening the database; the database stays the truth (start-sync.ts marks an enrolled phone).
import { createStore } from "./store";

const KEY = "tejido.field";

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

export const fieldMode = createStore<boolean>(typeof localStorage === "undefined" ? false : read());

/** Called on enrolment and on every save of field work. */
export function markFieldPhone(): void {
  if (fieldMode.get()) return;
  try {
    localStorage.setItem(KEY, "1");
  } catch {
    // Storage blocked: the home shows the citizen's door first; the field work is still one link away.
  }
  fieldMode.set(true);
}
