// Staff screens read their data online, with a session: what came back, or why nothing did.
import { forgetStaff } from "./staff-session";

export type StaffLoad<T> = { state: "loading" | "signed-out" | "offline" } | { state: "ready"; data: T };

/**
 * GETs JSON: 401/403 mean "sign in (as the right role)", any other failure means no connection to rely on.
 * A screen for which 404 means something (a record not made yet) names what to answer then.
 */
export async function loadStaffJson<T, Missing = never>(
  url: string,
  missing?: Missing,
): Promise<StaffLoad<T> | Missing> {
  try {
    const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
    // The session ended (expired, signed out elsewhere, account disabled): the header stops offering staff links.
    if (response.status === 401) forgetStaff();
    if (response.status === 401 || response.status === 403) return { state: "signed-out" };
    if (response.status === 404 && missing !== undefined) return missing;
    return response.ok ? { state: "ready", data: (await response.json()) as T } : { state: "offline" };
  } catch {
    return { state: "offline" };
  }
}
