// Staff screens read their data online, with a session, through the schema of each answer
// (src/domain/staff-answers.ts): what came back, or why nothing usable did.
import type { z } from "zod/mini";
import { forgetStaff } from "./staff-session";

export type StaffLoad<T> =
  | { state: "loading" | "signed-out" | "offline" | "unreadable" }
  | { state: "ready"; data: T };

/**
 * GETs JSON and checks it against `schema`: 401/403 mean "sign in (as the right role)", an answer of another
 * shape means "unreadable" (a server and an app of different versions), any other failure means no connection to
 * rely on. A screen for which 404 means something (a record not made yet) names what to answer then.
 */
export async function loadStaffJson<Schema extends z.ZodMiniType, Missing = never>(
  url: string,
  schema: Schema,
  missing?: Missing,
): Promise<StaffLoad<z.infer<Schema>> | Missing> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
    // The session ended (expired, signed out elsewhere, account disabled): the header stops offering staff links.
    if (response.status === 401) forgetStaff();
    if (response.status === 401 || response.status === 403) return { state: "signed-out" };
    if (response.status === 404 && missing !== undefined) return missing;
    if (!response.ok) return { state: "offline" };
  } catch {
    return { state: "offline" };
  }
  // A 200 that is not JSON (a proxy's page, say) or not of the schema's shape: not this API's answer.
  const data = await readAnswer(response, schema);
  return data === undefined ? { state: "unreadable" } : { state: "ready", data };
}

/** The JSON of an answer already received (a POST's, a problem's), checked against `schema`; undefined if not. */
export async function readAnswer<Schema extends z.ZodMiniType>(
  response: Response,
  schema: Schema,
): Promise<z.infer<Schema> | undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  return parsed.success ? (parsed.data as z.infer<Schema>) : undefined;
}
