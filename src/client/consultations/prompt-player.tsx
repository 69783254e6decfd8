// A large button to hear what is asked (issue #14, item 5): the organizer's recording of the introduction, a theme or
// a question, from the copy kept on the phone (it plays with no signal). One button per language recorded, the
// language on screen first.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Consultation } from "../../domain/consultation";
import { type ContentLanguage, LANGUAGE_NAMES } from "../../domain/language-codes";
import { PROMPT_BUDGET_BYTES } from "../../domain/prompts";
import { database, type StoredPrompt } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface PromptPlayerProps {
  consultationId: string;
  target: string;
  /** "Escuchar la pregunta", "Escuchar el tema"… */
  label: MessageKey;
  /** The id of what it reads (a question's label), for screen readers. */
  describedBy?: string;
}

export function PromptPlayer({ consultationId, target, label, describedBy }: PromptPlayerProps) {
  const { t, language } = useI18n();
  const rows = useLiveQuery(
    () =>
      database()
        .prompts.where("consultationId")
        .equals(consultationId)
        .filter((prompt) => prompt.target === target)
        .toArray(),
    [consultationId, target],
  );
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState<string>();
  const url = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );
  if (!rows || rows.length === 0) return null;
  const rank = (code: string) => (code === language ? 0 : code === "es" ? 1 : 2);
  const sorted = [...rows].sort(
    (a, b) => rank(a.language) - rank(b.language) || a.language.localeCompare(b.language),
  );

  function toggle(prompt: StoredPrompt) {
    const element = audio.current;
    if (!element) return;
    if (playing === prompt.id) {
      element.pause();
      return;
    }
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = URL.createObjectURL(prompt.blob);
    element.src = url.current;
    setPlaying(prompt.id);
    void element.play().catch(() => setPlaying(undefined));
  }

  return (
    <div class="prompt-player" data-testid="prompt-player" data-target={target}>
      {sorted.map((prompt) => (
        <button
          key={prompt.id}
          type="button"
          class="button prompt-play"
          aria-describedby={describedBy}
          onClick={() => toggle(prompt)}
        >
          <span aria-hidden="true">{playing === prompt.id ? "■ " : "▶ "}</span>
          {playing === prompt.id ? t("prompt.stop") : t(label)} ·{" "}
          {LANGUAGE_NAMES[prompt.language as ContentLanguage]}
        </button>
      ))}
      {/* biome-ignore lint/a11y/useMediaCaption: the recording reads aloud the text shown beside it */}
      <audio
        ref={audio}
        data-testid="prompt-audio"
        onEnded={() => setPlaying(undefined)}
        onPause={() => setPlaying(undefined)}
      />
    </div>
  );
}

/**
 * On the capture screen: keeps the consultation's prompts on the phone when it opens with a signal, and says how many
 * are kept and how much of the budget they use (nothing when the consultation has none).
 */
export function PromptShelf({ consultation }: { consultation: Consultation }) {
  const { t, language, locale } = useI18n();
  const [left, setLeft] = useState(0);
  useEffect(() => {
    void import("./prompt-store").then(({ keepPrompts }) =>
      keepPrompts(consultation, language).then((kept) => setLeft(kept?.left ?? 0)),
    );
  }, [consultation.id, consultation.version, language]);
  const kept = useLiveQuery(
    () => database().prompts.where("consultationId").equals(consultation.id).toArray(),
    [consultation.id],
  );
  if (!kept || (kept.length === 0 && left === 0)) return null;
  // Two significant digits below a megabyte, so a few short prompts never read as "0 MB".
  const megabytes = (bytes: number) =>
    new Intl.NumberFormat(
      locale,
      bytes < 1024 * 1024 ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: 1 },
    ).format(bytes / (1024 * 1024));
  return (
    <p class="hint" data-testid="prompt-shelf">
      {t("prompt.kept", {
        count: kept.length,
        used: megabytes(kept.reduce((sum, prompt) => sum + prompt.size, 0)),
        budget: megabytes(PROMPT_BUDGET_BYTES),
      })}
      {left > 0 ? ` ${t("prompt.left", { count: left })}` : ""}
    </p>
  );
}
