// The organizer's exports: each consultation's inputs as CSV (for Excel or not), XLSX or JSON Lines, with
// progress while the server streams them.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface ConsultationSummary {
  id: string;
  version: number;
  status: string;
  title: string;
  inputs: number;
}

const FORMATS = [
  { key: "csv-excel", query: "format=csv&bom=1", extension: "csv" },
  { key: "csv", query: "format=csv", extension: "csv" },
  { key: "xlsx", query: "format=xlsx", extension: "xlsx" },
  { key: "jsonl", query: "format=jsonl", extension: "jsonl" },
] as const;

type Status = { key: MessageKey; params?: Record<string, string | number>; error?: boolean };

/** Reads the download as it streams, counting rows (line ends) against X-Total-Rows. */
async function download(
  url: string,
  onProgress: (done: number, total: number, bytes: number) => void,
): Promise<Blob> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  const total = Number(response.headers.get("x-total-rows") ?? "0");
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let lines = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
    onProgress(Math.min(lines, total), total, bytes);
  }
  return new Blob(parts as BlobPart[], {
    type: response.headers.get("content-type") ?? "application/octet-stream",
  });
}

export function ResultsScreen() {
  const { t } = useI18n();
  const [state, setState] = useState<"loading" | "signed-out" | "offline" | ConsultationSummary[]>("loading");
  const [status, setStatus] = useState<Record<string, Status>>({});

  useEffect(() => {
    fetch("/api/v1/organizer/consultations", { headers: { accept: "application/json" }, cache: "no-store" })
      .then(async (response) => {
        if (response.status === 401 || response.status === 403) return setState("signed-out");
        if (!response.ok) return setState("offline");
        setState(((await response.json()) as { consultations: ConsultationSummary[] }).consultations);
      })
      .catch(() => setState("offline"));
  }, []);

  async function exportAs(consultation: ConsultationSummary, format: (typeof FORMATS)[number]) {
    const say = (next: Status) => setStatus((current) => ({ ...current, [consultation.id]: next }));
    const name = `aportes-${consultation.id}.${format.extension}`;
    try {
      const blob = await download(
        `/api/v1/organizer/consultations/${consultation.id}/export?${format.query}`,
        (done, total, bytes) =>
          say(
            format.extension === "xlsx"
              ? { key: "results.progress.bytes", params: { kb: Math.round(bytes / 1024) } }
              : {
                  key: "results.progress.rows",
                  params: { done, total, percent: total ? Math.floor((100 * done) / total) : 100 },
                },
          ),
      );
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement("a"), { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say({ key: "results.done", params: { name } });
    } catch {
      say({ key: "results.failed", error: true });
    }
  }

  return (
    <section>
      <h1>{t("results.title")}</h1>
      {state === "loading" ? (
        <p>{t("loading")}</p>
      ) : state === "signed-out" ? (
        <p class="card">
          {t("results.signIn")} <a href="/entrar">{t("staff.submit")}</a>
        </p>
      ) : state === "offline" ? (
        <p class="card">{t("results.offline")}</p>
      ) : state.length === 0 ? (
        <p>{t("results.none")}</p>
      ) : (
        <ul class="list">
          {state.map((consultation) => {
            const current = status[consultation.id];
            return (
              <li key={consultation.id} class="card" data-testid="results-consultation">
                <h2>{consultation.title}</h2>
                <p>{t("results.inputs", { count: consultation.inputs, version: consultation.version })}</p>
                <div class="actions">
                  {FORMATS.map((format) => (
                    <button
                      key={format.key}
                      type="button"
                      class="button"
                      aria-label={`${t("results.export")} ${t(`results.format.${format.key}`)}: ${consultation.title}`}
                      onClick={() => void exportAs(consultation, format)}
                    >
                      {t(`results.format.${format.key}`)}
                    </button>
                  ))}
                </div>
                {current ? (
                  <p
                    role={current.error ? "alert" : "status"}
                    class={current.error ? "error-text" : "hint"}
                    data-testid="export-status"
                  >
                    {t(current.key, current.params)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
