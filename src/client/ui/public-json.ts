// Public screens read their answers (no account) through the domain's schema, and say which of four things
// happened: ready, no connection, nothing there (404), or an answer of another shape (an older server).
import type { z } from "zod/mini";
import type { NotReadyState } from "./not-ready";

export type Loaded<T> = { state: NotReadyState } | { state: "ready"; data: T; savedAt?: string };

export async function loadPublicJson<S extends z.ZodMiniType>(
  url: string,
  schema: S,
  cache: RequestCache = "default",
): Promise<Loaded<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, cache });
  } catch {
    return { state: "offline" };
  }
  if (response.status === 404) return { state: "missing" };
  if (!response.ok) return { state: "failed" };
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? { state: "ready", data: parsed.data as z.infer<S> } : { state: "failed" };
}
