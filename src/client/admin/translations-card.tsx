// Interface languages made by community translators (issue #14, item 7): the admin downloads the Spanish catalogue
// with the context of each string, hands it to the translators, and loads the translated file back. The server checks
// it string by string; this card says what was taken, what was refused and why, and what still shows in Spanish.
import { useEffect, useState } from "preact/hooks";
import { z } from "zod/mini";
import {
  COMMUNITY_LANGUAGE_NAMES,
  COMMUNITY_LANGUAGES,
  type CommunityLanguage,
  type TranslationProblemCode,
} from "../../domain/ui-translation";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { readAnswer } from "../staff/staff-json";
import { type Notice, NoticeLine } from "./admin-send";

const Summary = z.object({
  language: z.string(),
  name: z.string(),
  translated: z.number(),
  total: z.number(),
  coverage: z.number(),
  updatedAt: z.string(),
});
const Installed = z.object({ languages: z.array(Summary) });
const Imported = z.object({
  ...Summary.shape,
  problems: z.array(z.object({ key: z.string(), code: z.string() })),
  missing: z.array(z.string()),
});
type Imported = z.infer<typeof Imported>;

const PROBLEMS: Record<TranslationProblemCode, MessageKey> = {
  placeholders: "admin.lang.problem.placeholders",
  plural: "admin.lang.problem.plural",
  "unknown-key": "admin.lang.problem.unknown",
  repeated: "admin.lang.problem.repeated",
};

export function TranslationsCard() {
  const { t, formatDateTime } = useI18n();
  const [installed, setInstalled] = useState<z.infer<typeof Summary>[]>([]);
  const [language, setLanguage] = useState<CommunityLanguage>("quc");
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [report, setReport] = useState<Imported>();
  const reload = async () => {
    const response = await fetch("/api/v1/public/ui-languages", { cache: "no-cache" }).catch(() => undefined);
    const answer = response?.ok ? await readAnswer(response, Installed) : undefined;
    if (answer) setInstalled(answer.languages);
  };
  useEffect(() => {
    void reload();
  }, []);

  async function upload(event: Event) {
    event.preventDefault();
    if (!file || busy) return setNotice({ key: "admin.lang.chooseFile", error: true });
    setBusy(true);
    setNotice(undefined);
    setReport(undefined);
    try {
      let body: string;
      try {
        body = await file.text();
        JSON.parse(body);
      } catch {
        return setNotice({ key: "admin.lang.notAFile", error: true });
      }
      const response = await fetch(`/api/v1/admin/ui-translations/${language}`, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body,
      }).catch(() => undefined);
      if (!response) return setNotice({ key: "admin.offline", error: true });
      const answer = response.ok ? await readAnswer(response, Imported) : undefined;
      if (!answer)
        return setNotice({
          key:
            response.status === 400
              ? "admin.lang.notAFile"
              : response.status === 422
                ? "admin.lang.refused"
                : "admin.failed",
          error: true,
        });
      setReport(answer);
      await reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="translations-title" data-testid="translations">
      <h2 id="translations-title">{t("admin.lang.title")}</h2>
      <p>{t("admin.lang.intro")}</p>
      <p>
        <a href="/api/v1/public/ui-translations/template" download="tejido-traduccion-plantilla.json">
          {t("admin.lang.template")}
        </a>
      </p>
      {installed.length > 0 ? (
        <ul class="list" data-testid="installed-languages">
          {installed.map((entry) => (
            <li key={entry.language}>
              {t("admin.lang.installed", {
                name: entry.name,
                coverage: entry.coverage,
                translated: entry.translated,
                total: entry.total,
                when: formatDateTime(entry.updatedAt),
              })}{" "}
              <a
                href={`/api/v1/public/ui-translations/template?language=${entry.language}`}
                download={`tejido-traduccion-${entry.language}.json`}
              >
                {t("admin.lang.continue")}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t("admin.lang.none")}</p>
      )}
      <form onSubmit={(event) => void upload(event)} noValidate>
        <div class="field">
          <label for="translation-language">{t("admin.lang.language")}</label>
          <select
            id="translation-language"
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value as CommunityLanguage)}
          >
            {COMMUNITY_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {COMMUNITY_LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="translation-file">{t("admin.lang.file")}</label>
          <input
            id="translation-file"
            type="file"
            accept="application/json,.json"
            onChange={(event) => setFile(event.currentTarget.files?.[0])}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {t("admin.lang.upload")}
        </button>
      </form>
      <NoticeLine notice={notice} />
      {report ? (
        <div role="status" data-testid="translation-report">
          <p class="success">
            {t("admin.lang.done", {
              name: report.name,
              translated: report.translated,
              total: report.total,
              coverage: report.coverage,
            })}
          </p>
          <p>{t("admin.lang.missing", { count: report.missing.length })}</p>
          {report.problems.length > 0 ? (
            <>
              <p class="error-text">{t("admin.lang.problems", { count: report.problems.length })}</p>
              <ul class="list">
                {report.problems.slice(0, 50).map((problem) => (
                  <li key={`${problem.key}-${problem.code}`}>
                    <code>{problem.key}</code>:{" "}
                    {t(PROBLEMS[problem.code as TranslationProblemCode] ?? "admin.lang.problem.unknown")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
