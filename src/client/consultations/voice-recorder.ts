// Recording a voice on the phone (MediaRecorder): one recorder for an input's recordings and for a question
// answered by voice. It stops by itself before a recording could pass the size a record may carry.
import { useEffect, useRef, useState } from "preact/hooks";
import { MEDIA_MAX_BYTES } from "../../domain/media";
import type { MessageKey } from "../i18n/catalogue";

/** Ten minutes of speech at the recorder's usual ~32 kbit/s stays well under MEDIA_MAX_BYTES. */
const MAX_RECORDING_MS = 10 * 60_000;

export const formatDuration = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

export interface VoiceRecorder {
  /** Recording now (the stop button shows). */
  recording: boolean;
  elapsedMs: number;
  error: MessageKey | undefined;
  start(): Promise<void>;
  stop(): void;
  setError(error: MessageKey | undefined): void;
}

/** `onRecorded` gets each finished recording (never empty, never over the limit) and its length. */
export function useVoiceRecorder(
  onRecorded: (blob: Blob, durationMs: number) => Promise<void>,
): VoiceRecorder {
  const [recording, setRecording] = useState<{ recorder: MediaRecorder; started: number }>();
  const [elapsedMs, setElapsed] = useState(0);
  const [error, setError] = useState<MessageKey>();
  const latest = useRef(onRecorded);
  latest.current = onRecorded;
  // Gone from the screen while recording (the theme or the language changed): the microphone is let go and the
  // half-made recording is not kept, so nothing lands later where the person no longer is.
  const live = useRef<{ recorder: MediaRecorder; stream: MediaStream } | undefined>(undefined);
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
      const current = live.current;
      if (!current) return;
      for (const track of current.stream.getTracks()) track.stop();
      if (current.recorder.state === "recording") current.recorder.stop();
    },
    [],
  );

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setElapsed(performance.now() - recording.started), 250);
    return () => clearInterval(timer);
  }, [recording]);

  async function start() {
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
      recorder.ondataavailable = (event) => chunks.push(event.data);
      recorder.onstop = async () => {
        for (const track of stream.getTracks()) track.stop();
        live.current = undefined;
        if (cancelled.current) return;
        const blob = new Blob(chunks, { type: recorder.mimeType || type || "audio/webm" });
        if (blob.size === 0 || blob.size > MEDIA_MAX_BYTES)
          setError(blob.size === 0 ? "media.error.empty" : "media.error.tooLarge");
        else {
          try {
            await latest.current(blob, performance.now() - started);
          } catch {
            setError("media.error.storage");
          }
        }
        setRecording(undefined);
      };
      live.current = { recorder, stream };
      recorder.start(1000);
      setTimeout(() => {
        if (recorder.state === "recording") recorder.stop();
      }, MAX_RECORDING_MS);
      setElapsed(0);
      setRecording({ recorder, started });
    } catch {
      setError("media.error.microphone");
    }
  }

  return {
    recording: recording !== undefined,
    elapsedMs,
    error,
    start,
    stop: () => recording?.recorder.stop(),
    setError,
  };
}
