// A text question answered by voice (issue #14, item 6): for a participant who prefers to speak, the facilitator
// records the answer beside the question instead of typing it. The recording names its question (MediaRef's
// questionId), so the question counts as answered and staff can hear it where its text would be.
import { useRef } from "preact/hooks";
import { database, type StoredMedia } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { discardDraftMedia, storeDraftMedia } from "./media-capture";
import { AudioPreview, RecordButton } from "./media-field";
import { formatDuration, useVoiceRecorder } from "./voice-recorder";

interface VoiceAnswerProps {
  draftKey: string;
  themeId: string;
  questionId: string;
  /** All of the form's media ids; this question's recording is among them. */
  ids: string[];
  onChange(ids: string[]): void;
}

/**
 * Its buttons are described by the question's label (QuestionField's `q-<id>-label`), so a screen reader says which
 * question each belongs to; not labelled by it, which would give the text field's name to a button too.
 */
export function VoiceAnswer({ draftKey, themeId, questionId, ids, onChange }: VoiceAnswerProps) {
  const { t } = useI18n();
  const rows = useLiveQuery(() => database().media.bulkGet(ids), [ids.join(",")]);
  // Another theme's question may have the same id: a recording answers the question of its own theme only.
  const answers = (row: StoredMedia | undefined) =>
    row?.questionId === questionId && row.answerTheme === themeId;
  const answer = rows?.find(answers);
  const latestIds = useRef(ids);
  latestIds.current = ids;
  const recorder = useVoiceRecorder(async (blob, durationMs) => {
    const id = await storeDraftMedia(draftKey, "audio", blob, durationMs, { questionId, themeId });
    // One spoken answer per question: a new recording replaces the one before.
    const previous = (await database().media.bulkGet(latestIds.current)).find(answers);
    if (previous) await discardDraftMedia(previous.id);
    onChange([...latestIds.current.filter((other) => other !== previous?.id), id]);
  });
  const about = `q-${questionId}-label`;

  return (
    <div class="voice-answer" data-testid="voice-answer">
      {recorder.error ? (
        <p class="error-text" role="alert">
          {t(recorder.error)}
        </p>
      ) : null}
      {answer ? (
        <div class="card">
          <AudioPreview row={answer} label={t("voice.answered")} />
          {answer.durationMs === undefined ? null : (
            <p class="hint">{t("media.duration", { time: formatDuration(answer.durationMs) })}</p>
          )}
        </div>
      ) : null}
      {answer?.uploadState === "draft" && !recorder.recording ? (
        <button
          type="button"
          class="button"
          aria-describedby={about}
          onClick={() =>
            void discardDraftMedia(answer.id).then(() =>
              onChange(latestIds.current.filter((other) => other !== answer.id)),
            )
          }
        >
          {t("voice.remove")}
        </button>
      ) : null}
      {answer && answer.uploadState !== "draft" ? null : (
        <RecordButton
          recorder={recorder}
          label={answer ? t("media.rerecord") : t("voice.record")}
          describedBy={about}
          onStart={() => void recorder.start()}
        />
      )}
    </div>
  );
}
