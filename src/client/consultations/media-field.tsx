// Voice recordings and photos for an input: record, play back, re-record or remove; photos downscaled first.
import { useEffect, useRef, useState } from "preact/hooks";
import { MEDIA_MAX_BYTES } from "../../domain/media";
import { database, type StoredMedia } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { discardDraftMedia, downscalePhoto, storeDraftMedia } from "./media-capture";

interface MediaFieldProps {
  /** Where the form keeps its draft; new recordings belong to it until the input is saved. */
  draftKey: string;
  ids: string[];
  onChange(ids: string[]): void;
  /** Photos only (a workshop's flipcharts); no voice recording. */
  photosOnly?: boolean;
}

/** Ten minutes of speech at the recorder's usual ~32 kbit/s stays well under MEDIA_MAX_BYTES. */
const MAX_RECORDING_MS = 10 * 60_000;

const formatDuration = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

export function MediaField({ draftKey, ids, onChange, photosOnly = false }: MediaFieldProps) {
  const { t, locale } = useI18n();
  const rows = useLiveQuery(() => database().media.bulkGet(ids), [ids.join(",")]);
  const [recording, setRecording] = useState<{ recorder: MediaRecorder; started: number }>();
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<MessageKey>();
  const replacing = useRef<string | undefined>(undefined);
  const latestIds = useRef(ids);
  latestIds.current = ids;

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setElapsed(performance.now() - recording.started), 250);
    return () => clearInterval(timer);
  }, [recording]);

  const size = (bytes: number) =>
    t("media.size", {
      size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024),
    });

  async function startRecording(replace?: string) {
    setError(undefined);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      setError("media.error.noRecorder");
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"].find((candidate) =>
        MediaRecorder.isTypeSupported(candidate),
      );
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
      const chunks: Blob[] = [];
      const started = performance.now();
      replacing.current = replace;
      recorder.ondataavailable = (event) => chunks.push(event.data);
      recorder.onstop = async () => {
        for (const track of stream.getTracks()) track.stop();
        const blob = new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" });
        if (blob.size === 0 || blob.size > MEDIA_MAX_BYTES) {
          setError(blob.size === 0 ? "media.error.empty" : "media.error.tooLarge");
          setRecording(undefined);
          return;
        }
        try {
          const id = await storeDraftMedia(draftKey, "audio", blob, performance.now() - started);
          const previous = replacing.current;
          if (previous) await discardDraftMedia(previous);
          const current = latestIds.current.filter((other) => other !== previous);
          onChange([...current, id]);
        } catch {
          setError("media.error.storage");
        }
        setRecording(undefined);
      };
      recorder.start(1000);
      // A recording stops by itself before it could pass the size a record may carry.
      setTimeout(() => {
        if (recorder.state === "recording") recorder.stop();
      }, MAX_RECORDING_MS);
      setElapsed(0);
      setRecording({ recorder, started });
    } catch {
      setError("media.error.microphone");
    }
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

  const present = (rows ?? []).filter((row): row is StoredMedia => row !== undefined);
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
                disabled={!!recording}
                onClick={() => void startRecording(row.id)}
              >
                {t("media.rerecord")}
              </button>
            ) : null}
            {row.uploadState === "draft" ? (
              <button type="button" class="button" disabled={!!recording} onClick={() => void remove(row.id)}>
                {t("media.remove")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {photosOnly ? null : recording ? (
        <div role="status" aria-live="polite">
          <p>{t("media.recording", { time: formatDuration(elapsed) })}</p>
          <button type="button" class="button button-primary" onClick={() => recording.recorder.stop()}>
            {t("media.stop")}
          </button>
        </div>
      ) : (
        <button type="button" class="button" onClick={() => void startRecording()}>
          {t("media.record")}
        </button>
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

function AudioPreview({ row, label }: { row: StoredMedia; label: string }) {
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
