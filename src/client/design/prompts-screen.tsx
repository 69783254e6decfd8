// /disenar/:id/audios (organizers, online): the consultation's audio prompts (issue #14, item 5). For each language
// (Spanish and the Mayan languages), the introduction, each theme and each question can be recorded here or taken
// from a file; phones that open the consultation keep them, so people who do not read hear what is asked.
import "./i18n";
// The recorder's words (record, stop, microphone errors) are the field capture's.
import "../consultations/i18n";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { Consultation } from "../../domain/consultation";
import { LANGUAGE_NAMES, localize } from "../../domain/language-codes";
import {
  PROMPT_LANGUAGES,
  PROMPT_MAX_BYTES,
  Prompt,
  type PromptLanguage,
  PromptList,
  promptTargets,
} from "../../domain/prompts";
import { ConsultationVersions } from "../../domain/staff-answers";
import { RecordButton } from "../consultations/media-field";
import { formatDuration, useVoiceRecorder } from "../consultations/voice-recorder";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";
import { type Notice, NoticeLine } from "../ui/notice-line";

interface Target {
  target: string;
  /** What the prompt reads, in Spanish (its label on this screen). */
  label: string;
  /** Indented under its theme. */
  level: 0 | 1;
}

/** The introduction, then each theme followed by its questions. */
function targetsOf(consultation: Consultation): Target[] {
  return [
    { target: promptTargets.intro, label: localize(consultation.title, "es"), level: 0 },
    ...consultation.themes.flatMap((theme) => [
      { target: promptTargets.theme(theme.id), label: localize(theme.title, "es"), level: 0 as const },
      ...theme.questions.map((question) => ({
        target: promptTargets.question(theme.id, question.id),
        label: localize(question.label, "es"),
        level: 1 as const,
      })),
    ]),
  ];
}

export function PromptsScreen() {
  const { params } = useRoute();
  const { t } = useI18n();
  const id = params.id ?? "";
  const [loaded, setLoaded] = useState<StaffLoad<ConsultationVersions>>({ state: "loading" });
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [language, setLanguage] = useState<PromptLanguage>("es");
  const reloadPrompts = () =>
    loadStaffJson(`/api/v1/organizer/consultations/${encodeURIComponent(id)}/prompts`, PromptList).then(
      (answer) => {
        if (answer.state === "ready") setPrompts(answer.data.prompts);
      },
    );
  useEffect(() => {
    void loadStaffJson(
      `/api/v1/organizer/consultations/${encodeURIComponent(id)}`,
      ConsultationVersions,
    ).then(setLoaded);
    void reloadPrompts();
  }, [id]);

  const consultation = "data" in loaded ? (loaded.data.draft ?? loaded.data.current) : null;
  if (!consultation)
    return (
      <section>
        <h1>{t("prompts.title")}</h1>
        {loaded.state === "ready" ? (
          <p class="card">{t("design.notFound")}</p>
        ) : (
          <StaffGate state={loaded.state} signIn="design.signIn" offline="design.offline" />
        )}
      </section>
    );
  const inLanguage = prompts.filter((prompt) => prompt.language === language);
  const recorded = (target: string) => inLanguage.find((prompt) => prompt.target === target);
  return (
    <section>
      <h1>{t("prompts.title")}</h1>
      <p>
        <strong>{localize(consultation.title, "es")}</strong> ·{" "}
        <a href={`/disenar/${id}`}>{t("prompts.back")}</a>
      </p>
      <p>{t("prompts.intro")}</p>
      <div class="field">
        <label for="prompt-language">{t("prompts.language")}</label>
        <select
          id="prompt-language"
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value as PromptLanguage)}
        >
          {PROMPT_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]} ({prompts.filter((prompt) => prompt.language === code).length})
            </option>
          ))}
        </select>
      </div>
      <ul class="list prompt-list">
        {targetsOf(consultation).map((entry) => (
          <li
            key={`${entry.target}-${language}`}
            class={entry.level === 1 ? "card prompt-question" : "card"}
            data-testid="prompt-target"
            data-target={entry.target}
          >
            <PromptRow
              consultationId={id}
              entry={entry}
              language={language}
              prompt={recorded(entry.target)}
              onChanged={() => void reloadPrompts()}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PromptRow({
  consultationId,
  entry,
  language,
  prompt,
  onChanged,
}: {
  consultationId: string;
  entry: Target;
  language: PromptLanguage;
  prompt: Prompt | undefined;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const headingId = `prompt-${entry.target.replace(/[^a-z0-9-]/g, "-")}`;
  const url = `/api/v1/organizer/consultations/${encodeURIComponent(consultationId)}/prompts`;

  async function keep(blob: Blob, name: string) {
    // The stored type is plain ("audio/webm"): a recorder's codec parameters would make it opaque bytes.
    const type = (blob.type || "audio/webm").split(";")[0]!;
    if (!type.startsWith("audio/")) return setNotice({ key: "prompts.notAudio", error: true });
    if (blob.size > PROMPT_MAX_BYTES) return setNotice({ key: "prompts.tooLarge", error: true });
    setBusy(true);
    setNotice({ key: "prompts.saving", error: false });
    try {
      const { uploadResumable } = await import("../requests/resumable-upload");
      const uploadId = await uploadResumable(new File([blob], name, { type }), () => undefined);
      const response = await fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ target: entry.target, language, uploadId }),
      });
      const saved = response.ok ? await readAnswer(response, Prompt) : undefined;
      setNotice(saved ? { key: "prompts.saved", error: false } : { key: "prompts.failed", error: true });
      if (saved) onChanged();
    } catch {
      setNotice({ key: "prompts.offline", error: true });
    } finally {
      setBusy(false);
    }
  }
  const recorder = useVoiceRecorder((blob) => keep(blob, `${entry.target}-${language}.webm`));

  async function remove() {
    setBusy(true);
    const response = await fetch(`${url}?target=${encodeURIComponent(entry.target)}&language=${language}`, {
      method: "DELETE",
    }).catch(() => undefined);
    setBusy(false);
    setNotice(
      response?.ok ? { key: "prompts.removed", error: false } : { key: "prompts.failed", error: true },
    );
    if (response?.ok) onChanged();
  }

  const kind: MessageKey =
    entry.target === "intro"
      ? "prompts.kind.intro"
      : entry.target.startsWith("theme:")
        ? "prompts.kind.theme"
        : "prompts.kind.question";
  return (
    <>
      <h2 id={headingId} class="prompt-heading">
        <span class="hint">{t(kind)}</span> {entry.label}
      </h2>
      {prompt ? (
        // biome-ignore lint/a11y/useMediaCaption: the organizer's reading of the text shown just above
        <audio
          controls
          preload="none"
          src={`/api/v1/public/prompts/${prompt.id}`}
          aria-describedby={headingId}
        />
      ) : (
        <p class="hint">{t("prompts.none")}</p>
      )}
      {recorder.error ? (
        <p class="error-text" role="alert">
          {t(recorder.error)}
        </p>
      ) : null}
      <div class="actions">
        {busy ? null : (
          <RecordButton
            recorder={recorder}
            label={prompt ? t("prompts.rerecord") : t("prompts.record")}
            describedBy={headingId}
            onStart={() => void recorder.start()}
          />
        )}
        {recorder.recording || busy ? null : (
          <label class="button file-button">
            {t("prompts.file")}
            <input
              type="file"
              accept="audio/*"
              class="visually-hidden"
              aria-describedby={headingId}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = "";
                if (file) void keep(file, file.name);
              }}
            />
          </label>
        )}
        {prompt && !busy && !recorder.recording ? (
          <button type="button" class="button" aria-describedby={headingId} onClick={() => void remove()}>
            {t("prompts.remove")}
          </button>
        ) : null}
      </div>
      {recorder.recording ? (
        <p class="hint">{t("prompts.recordingHint", { time: formatDuration(recorder.elapsedMs) })}</p>
      ) : null}
      <NoticeLine notice={notice} />
    </>
  );
}
