// Voice recordings and photos for an input: record, play back, re-record or remove; photos downscaled first.
import { useEffect, useRef, useState } from "preact/hooks";
import { MEDIA_MAX_BYTES } from "../../domain/media";
import { database, type StoredMedia } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { discardDraftMedia, downscalePhoto, storeDraftMedia } from "./media-capture";
import { formatDuration, useVoiceRecorder, type VoiceRecorder } from "./voice-recorder";

interface MediaFieldProps {
  /** Where the form keeps its draft; new recordings belong to it until the input is saved. */
  draftKey: string;
  ids: string[];
  onChange(ids: string[]): void;
  /** Photos only (a workshop's flipcharts); no voice recording. */
  photosOnly?: boolean;
  /** Spoken answers shown beside their question, so not here (another theme's stay here, to be seen or removed). */
  shownAtQuestion?: (row: StoredMedia) => boolean;
}

export function MediaField({
  draftKey,
  ids,
  onChange,
  photosOnly = false,
  shownAtQuestion = () => false,
}: MediaFieldProps) {
  const { t, locale } = useI18n();
  const rows = useLiveQuery(() => database().media.bulkGet(ids), [ids.join(",")]);
  const replacing = useRef<string | undefined>(undefined);
  const latestIds = useRef(ids);
  latestIds.current = ids;
  const recorder = useVoiceRecorder(async (blob, durationMs) => {
    const id = await storeDraftMedia(draftKey, "audio", blob, durationMs);
    const previous = replacing.current;
    if (previous) await discardDraftMedia(previous);
    const current = latestIds.current.filter((other) => other !== previous);
    onChange([...current, id]);
  });
  const { error, setError } = recorder;

  const size = (bytes: number) =>
    t("media.size", {
      size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024),
    });

  function startRecording(replace?: string) {
    replacing.current = replace;
    void recorder.start();
  }

  async function addPhoto(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    setError(undefined);
    try {
      const photo = await downscalePhoto(file);
      if (photo.size > MEDIA_MAX_BYTES) {
        setError("media.error.tooLarge");
        return;
      }
      const id = await storeDraftMedia(draftKey, "photo", photo);
      onChange([...latestIds.current, id]);
    } catch {
      setError("media.error.photo");
    }
  }

  async function remove(id: string) {
    await discardDraftMedia(id);
    onChange(latestIds.current.filter((other) => other !== id));
  }

  const present = (rows ?? []).filter(
    (row): row is StoredMedia => row !== undefined && !shownAtQuestion(row),
  );
  return (
    <fieldset class="field media">
      <legend>{photosOnly ? t("media.photos.title") : t("media.title")}</legend>
      <p class="hint">{photosOnly ? t("media.photos.hint") : t("media.hint")}</p>
      {error ? (
        <p class="error-text" role="alert">
          {t(error)}
        </p>
      ) : null}
      <ul class="list">
        {present.map((row, index) => (
          <li key={row.id} class="card" data-testid={`media-${row.kind}`}>
            {row.kind === "audio" ? (
              <AudioPreview row={row} label={t("media.audio", { n: index + 1 })} />
            ) : null}
            {row.kind === "photo" ? (
              <PhotoPreview row={row} label={t("media.photo", { n: index + 1 })} />
            ) : null}
            <p class="hint">
              {row.durationMs !== undefined
                ? `${t("media.duration", { time: formatDuration(row.durationMs) })} · `
                : ""}
              {size(row.size)}
            </p>
            {row.kind === "audio" && row.uploadState === "draft" ? (
              <button
                type="button"
                class="button"
                disabled={recorder.recording}
                onClick={() => startRecording(row.id)}
              >
                {t("media.rerecord")}
              </button>
            ) : null}
            {row.uploadState === "draft" ? (
              <button
                type="button"
                class="button"
                disabled={recorder.recording}
                onClick={() => void remove(row.id)}
              >
                {t("media.remove")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {photosOnly ? null : (
        <RecordButton recorder={recorder} label={t("media.record")} onStart={() => startRecording()} />
      )}
      <label class="button file-button">
        {t("media.addPhoto")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          class="visually-hidden"
          onChange={addPhoto}
        />
      </label>
    </fieldset>
  );
}

/** Object URLs are made for the preview and revoked when it goes, so Blobs are not held twice. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

/**
 * The record button, or while recording the time and the stop button (announced politely). Focus follows: to the
 * stop button when recording starts, back to the record button when it ends, never lost to the page.
 */
export function RecordButton({
  recorder,
  label,
  describedBy,
  onStart,
}: {
  recorder: VoiceRecorder;
  label: string;
  /** The id of what the button is about (a question's label), for screen readers. */
  describedBy?: string;
  onStart(): void;
}) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const wasRecording = useRef(false);
  useEffect(() => {
    if (wasRecording.current !== recorder.recording) button.current?.focus();
    wasRecording.current = recorder.recording;
  }, [recorder.recording]);
  return recorder.recording ? (
    <div role="status" aria-live="polite">
      <p>{t("media.recording", { time: formatDuration(recorder.elapsedMs) })}</p>
      <button type="button" class="button button-primary" ref={button} onClick={() => recorder.stop()}>
        {t("media.stop")}
      </button>
    </div>
  ) : (
    <button type="button" class="button" ref={button} aria-describedby={describedBy} onClick={onStart}>
      {label}
    </button>
  );
}

export function AudioPreview({ row, label }: { row: StoredMedia; label: string }) {
  const url = useObjectUrl(row.blob);
  return (
    <>
      <p>{label}</p>
      {/* biome-ignore lint/a11y/useMediaCaption: a participant's own voice, just recorded: no transcript exists yet */}
      {url ? <audio controls src={url} aria-label={label} preload="metadata" /> : null}
    </>
  );
}

function PhotoPreview({ row, label }: { row: StoredMedia; label: string }) {
  const url = useObjectUrl(row.blob);
  return url ? <img src={url} alt={label} class="thumbnail" /> : <p>{label}</p>;
}
