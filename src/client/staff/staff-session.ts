// Who is signed in on this browser, as far as the page knows, without asking the server: remembered at sign-in,
// forgotten at sign-out or when a staff request answers 401. The header shows each role its own links from it;
// citizens' and facilitators' phones never make a request for it.
import type { CurrentUser } from "../../domain/accounts";
import { createStore } from "../ui/store";

export type StaffIdentity = Pick<CurrentUser, "name" | "role">;

const KEY = "tejido.staff";
/** The domain's ROLES, written out: importing them would bring zod into the first load. Checked by the type. */
const KNOWN_ROLES = [
  "admin",
  "organizer",
  "officer",
  "civil_society",
] as const satisfies readonly StaffIdentity["role"][];
type Missing = Exclude<StaffIdentity["role"], (typeof KNOWN_ROLES)[number]>;
const _allKnown: Missing extends never ? true : never = true;

function read(): StaffIdentity | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as StaffIdentity | null;
    return stored &&
      typeof stored.name === "string" &&
      (KNOWN_ROLES as readonly string[]).includes(stored.role)
      ? { name: stored.name, role: stored.role }
      : null;
  } catch {
    return null;
  }
}

export const staffSession = createStore<StaffIdentity | null>(
  typeof localStorage === "undefined" ? null : read(),
);

export function rememberStaff(user: StaffIdentity): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ name: user.name, role: user.role }));
  } catch {
    // Storage full or blocked: the header simply shows the public links.
  }
  staffSession.set({ name: user.name, role: user.role });
}

export function forgetStaff(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
  staffSession.set(null);
}

/** Signs out on the server (when it can be reached) and here. */
export async function signOut(): Promise<void> {
  await fetch("/api/v1/auth/logout", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: "{}",
  }).catch(() => undefined);
  forgetStaff();
}
