// How the admin screen's cards send a change and say in plain words whether it was kept.

import { Problem } from "../../domain/problem";
import type { MessageKey } from "../i18n/catalogue";
import { readAnswer } from "../staff/staff-json";
import type { Notice } from "../ui/notice-line";

export type { Notice } from "../ui/notice-line";
export { NoticeLine } from "../ui/notice-line";

/** A 409's clashing field (its JSON pointer) and the sentence that names it. */
const DUPLICATES: Record<string, MessageKey> = {
  "/acronym": "admin.duplicate.acronym",
  "/email": "admin.duplicate.email",
};

const jsonHeaders = { "content-type": "application/json", accept: "application/json" };

/** Sends a change; the notice says in plain words whether it was kept. */
export async function send(method: string, url: string, body?: unknown): Promise<Notice & object> {
  const response = await fetch(url, {
    method,
    headers: jsonHeaders,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch(() => undefined);
  if (!response) return { key: "admin.offline", error: true };
  if (response.ok) return { key: "admin.saved", error: false };
  if (response.status === 409) {
    const problem = await readAnswer(response, Problem);
    return {
      // The field that clashed, in words: never its raw name.
      key: DUPLICATES[problem?.errors?.[0]?.pointer ?? ""] ?? "admin.duplicate",
      error: true,
    };
  }
  return { key: "admin.failed", error: true };
}
