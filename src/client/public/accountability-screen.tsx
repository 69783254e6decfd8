// The public accountability page of a consultation (/devolucion/:id): its rules, how many inputs got each
// disposition, and every input with how it was considered. No account; readable offline once visited.
import "./i18n";
import { get, set } from "idb-keyval";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { answersInOrder, answerText } from "../../domain/answer-text";
import type { Question } from "../../domain/consultation";
import type { DispositionStatus, PublicInput } from "../../domain/dispositions";
import { localize } from "../../domain/language-codes";
import type { LocalizedText } from "../../domain/localized-text";
import type { PublicWorkshop } from "../../domain/results/public-workshop";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface Head {
  consultation: {
    id: string;
    title: LocalizedText;
    description: LocalizedText;
    rules: LocalizedText;
    /** Questions are absent from copies kept by an older version of this page. */
    themes: { id: string; title: LocalizedText; questions?: Question[] }[];
  };
  counts: Record<DispositionStatus | "none", number>;
  /** Absent from copies kept by an older version of this page. */
  workshops?: PublicWorkshop[];
}
interface Seen {
  head: Head;
  inputs: PublicInput[];
  next: string | null;
}

const STATUSES = ["incorporated", "partly_incorporated", "not_incorporated", "out_of_scope", "none"] as const;
const cacheKey = (id: string) => `accountability:${id}`;

async function fetchJson<T>(url: string): Promise<T | "missing"> {
  // Always asked of the server (revalidated): offline, the copy this page kept is shown, and says so.
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-cache" });
  if (response.status === 404) return "missing";
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

export function AccountabilityScreen() {
  const { t, plural, language, formatDate } = useI18n();
  const { params } = useRoute();
  const id = params.id ?? "";
  const [seen, setSeen] = useState<Seen | "missing" | undefined>();
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    (async () => {
      try {
        const head = await fetchJson<Head>(`/api/v1/public/consultations/${encodeURIComponent(id)}`);
        if (head === "missing") return setSeen("missing");
        const page = await fetchJson<{ inputs: PublicInput[]; next: string | null }>(
          `/api/v1/public/consultations/${encodeURIComponent(id)}/inputs`,
        );
        if (page === "missing") return setSeen("missing");
        const fresh = { head, ...page };
        setSeen(fresh);
        await set(cacheKey(id), fresh).catch(() => undefined);
      } catch {
        const cached = (await get<Seen>(cacheKey(id)).catch(() => undefined)) ?? undefined;
        setOffline(true);
        setSeen(cached ?? "missing");
      }
    })();
  }, [id]);

  async function more() {
    if (!seen || seen === "missing" || !seen.next) return;
    const page = await fetchJson<{ inputs: PublicInput[]; next: string | null }>(
      `/api/v1/public/consultations/${encodeURIComponent(id)}/inputs?after=${encodeURIComponent(seen.next)}`,
    ).catch(() => undefined);
    if (!page || page === "missing") return setOffline(true);
    const grown = { ...seen, inputs: [...seen.inputs, ...page.inputs], next: page.next };
    setSeen(grown);
    await set(cacheKey(id), grown).catch(() => undefined);
  }

  if (seen === undefined) return <p>{t("loading")}</p>;
  if (seen === "missing") return <p class="card">{offline ? t("public.offline") : t("public.notFound")}</p>;
  const { consultation, counts, workshops = [] } = seen.head;
  const themes = new Map(consultation.themes.map((theme) => [theme.id, localize(theme.title, language)]));
  return (
    <section>
      <h1>{localize(consultation.title, language)}</h1>
      <p class="hint">{t("public.title")}</p>
      {offline ? (
        <p role="status" class="hint">
          {t("public.offline")}
        </p>
      ) : null}
      <details class="card">
        <summary>{t("public.rules")}</summary>
        <p>{localize(consultation.rules, language)}</p>
      </details>
      <section class="card" aria-labelledby="public-counts">
        <h2 id="public-counts">{t("public.counts")}</h2>
        <ul data-testid="public-counts">
          {STATUSES.map((status) => (
            <li key={status}>
              {t(`public.disposition.${status}` as MessageKey)}: {counts[status]}
            </li>
          ))}
        </ul>
      </section>
      {workshops.length > 0 ? (
        <section class="card" aria-labelledby="public-workshops">
          <h2 id="public-workshops">{t("public.workshops")}</h2>
          <ul class="list">
            {workshops.map((workshop) => (
              <li key={workshop.id} data-testid="public-workshop">
                <strong>
                  {workshop.community}, {workshop.municipality} ({workshop.department})
                </strong>{" "}
                — {formatDate(workshop.date, "long")}
                <br />
                {workshop.attendance.total === null
                  ? t("public.workshop.noCount")
                  : plural("public.workshop.people", workshop.attendance.total)}{" "}
                {(["female", "male"] as const)
                  .filter(
                    (sex) =>
                      workshop.attendance.bySex[sex] !== null && workshop.attendance.bySex[sex] !== undefined,
                  )
                  .map((sex) => plural(`public.workshop.${sex}`, workshop.attendance.bySex[sex]!))
                  .join(" · ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("public.inputs")}</h2>
      {seen.inputs.length === 0 ? (
        <p class="card empty-state" data-testid="public-inputs-empty">
          {t("public.inputs.none")}
        </p>
      ) : null}
      <ul class="list">
        {seen.inputs.map((input) => (
          <li
            key={input.id}
            class="card"
            data-testid="public-input"
            data-status={input.disposition?.status ?? "none"}
          >
            <p class="hint">{themes.get(input.themeId) ?? input.themeId}</p>
            <dl class="answers">
              {answersInOrder(consultation.themes, input.themeId, input.answers).map(
                ({ questionId, question, answer }) => (
                  <div key={questionId}>
                    <dt>{question ? localize(question.label, language) : t("public.question.other")}</dt>
                    <dd class="excerpt">{answerText(question, answer, language)}</dd>
                  </div>
                ),
              )}
            </dl>
            {input.freeText ? <p class="excerpt">{input.freeText}</p> : null}
            {input.textWithheld ? <p class="hint">{t("public.withheld")}</p> : null}
            {input.redacted ? <p class="hint">{t("public.redacted")}</p> : null}
            <p>
              <strong>{t(`public.disposition.${input.disposition?.status ?? "none"}` as MessageKey)}</strong>
              {input.disposition ? ` — ${t("public.reason", { reason: input.disposition.reason })}` : ""}
            </p>
          </li>
        ))}
      </ul>
      {seen.next ? (
        <button type="button" class="button" onClick={() => void more()}>
          {t("public.more")}
        </button>
      ) : null}
    </section>
  );
}
