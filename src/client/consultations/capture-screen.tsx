// Capture: one participant's input to one theme, validated with the shared rules and saved on the phone.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { cleanText } from "../../domain/clean-text";
import { type Consultation, isTextQuestion } from "../../domain/consultation";
import { acceptsSyncedInputs, canCapture } from "../../domain/consultation-status";
import { checkInput, FREE_TEXT_LIMIT, type Input, type InputIssue } from "../../domain/input";
import { localize } from "../../domain/language-codes";
import { problemTypeOf } from "../../domain/problem";
import { promptTargets } from "../../domain/prompts";
import { database, type StoredInput } from "../db/database";
import { correctionDraftKey, resendCorrected, saveInputWithMutation } from "../db/outbox";
import { useLiveQuery } from "../db/use-live-query";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { getDeviceId } from "../storage/settings";
import { requestSync } from "../sync/sync-status";
import { markFieldPhone } from "../ui/field-mode";
import { StorageMeter } from "../ui/storage-meter";
import { answersFromForm, formFromAnswers } from "./form-answers";
import "./i18n";
import { issueMessage, issuesFromProblem, questionAt } from "./input-issues";
import { MediaField } from "./media-field";
import { AssistedField, ConsentField, DemographicsFields } from "./participant-fields";
import { PromptPlayer, PromptShelf } from "./prompt-player";
import { CharacterCount, controlId, QuestionField } from "./question-field";
import { EMPTY_FORM, type FormState, useDraft } from "./use-draft";
import { VoiceAnswer } from "./voice-answer";
import { WorkshopPicker } from "./workshop-picker";

export function CaptureScreen() {
  const { params, query } = useRoute();
  const id = params.id ?? "";
  const correctingId = query.corregir;
  const { t, language } = useI18n();
  const stored = useLiveQuery(
    () =>
      database()
        .consultations.get(id)
        .then((row) => row ?? null),
    [id],
  );
  const correcting = useLiveQuery(
    async () => (correctingId ? ((await database().inputs.get(correctingId)) ?? null) : null),
    [correctingId],
  );

  if (stored === undefined || correcting === undefined) return <p>{t("loading")}</p>;
  if (stored === null) return <p class="card">{t("capture.notFound")}</p>;
  const consultation = stored.data;
  // A rejected input may be corrected while the server still takes late inputs; new ones only while open.
  const fixing = correcting?.syncState === "rejected" ? correcting : undefined;
  const open = fixing ? acceptsSyncedInputs(consultation.status) : canCapture(consultation.status);
  return (
    <>
      <h1>{localize(consultation.title, language)}</h1>
      <PromptPlayer consultationId={consultation.id} target={promptTargets.intro} label="prompt.intro" />
      <details class="card">
        <summary>{t("capture.rules")}</summary>
        <p>{localize(consultation.rules, language)}</p>
      </details>
      {open ? (
        <CaptureForm key={fixing?.id ?? "new"} consultation={consultation} correcting={fixing} />
      ) : (
        <p class="card">{t("capture.closed")}</p>
      )}
    </>
  );
}

interface CaptureFormProps {
  consultation: Consultation;
  /** A rejected input being corrected: the form starts from it and shows what the server refused. */
  correcting?: StoredInput;
}

function CaptureForm({ consultation, correcting }: CaptureFormProps) {
  const { t, language } = useI18n();
  const { route } = useLocation();
  const draftKey = correcting ? correctionDraftKey(correcting.id) : consultation.id;
  const [form, edit, replace] = useDraft(
    draftKey,
    correcting && {
      themeId: correcting.themeId,
      workshopId: correcting.workshopId ?? "",
      answers: formFromAnswers(correcting.answers),
      freeText: correcting.freeText ?? "",
      consent: correcting.consent ?? false,
      assisted: correcting.assisted ?? false,
      demographics: correcting.demographics ?? {},
      media: (correcting.media ?? []).map((media) => media.id),
    },
  );
  const [issues, setIssues] = useState<InputIssue[]>(() => issuesFromProblem(correcting?.problem));
  const [storageError, setStorageError] = useState<MessageKey | undefined>();
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState(0);
  // Set before the first await: a double tap must not save the same answers twice.
  const savingNow = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // Ask once, before the first capture, that the browser never evicts what this phone keeps.
    void navigator.storage?.persist?.().catch(() => false);
  }, []);

  const change = (next: FormState) => {
    edit(next);
    setSavedCount(0);
  };

  const theme = useMemo(
    () => consultation.themes.find((candidate) => candidate.id === form.themeId),
    [consultation, form.themeId],
  );
  const issueFor = (pointer: string) => issues.find((issue) => issue.pointer === pointer);
  /** The text questions of the chosen theme: the ones a recording can answer. */
  const spokenQuestions = useMemo(
    () => new Set(theme?.questions.filter(isTextQuestion).map((question) => question.id)),
    [theme],
  );

  function failStorage(error: unknown) {
    console.error("saving the input failed", error);
    setStorageError(storageErrorKey(error));
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (savingNow.current) return;
    savingNow.current = true;
    setSaving(true);
    setStorageError(undefined);
    try {
      const { answers, issues: unreadable } = answersFromForm(theme, form.answers);
      const media = (await database().media.bulkGet(form.media))
        .filter((row) => row !== undefined)
        .map(({ id, kind, mime, size, sha256, durationMs, questionId, answerTheme }) => ({
          id,
          kind,
          mime,
          size,
          sha256,
          ...(durationMs === undefined ? {} : { durationMs }),
          // A spoken answer to a question of another theme (the theme was changed after) is kept, as a
          // recording of the input as a whole: a voice is never dropped.
          ...(questionId !== undefined && answerTheme === form.themeId && spokenQuestions.has(questionId)
            ? { questionId }
            : {}),
        }));
      const freeText = cleanText(form.freeText).trim();
      const deviceId = await getDeviceId().catch((error: unknown) => {
        failStorage(error);
        return undefined;
      });
      if (!deviceId) return;
      // A corrected input keeps its id and capture time, unless its id is what the server refused.
      const keepId = correcting && problemTypeOf(correcting.problem?.type ?? "") !== "record-conflict";
      const input: Input = {
        id: keepId ? correcting.id : uuidv7(),
        consultationId: consultation.id,
        consultationVersion: consultation.version,
        themeId: form.themeId,
        answers,
        ...(freeText ? { freeText } : {}),
        ...(form.workshopId ? { workshopId: form.workshopId } : {}),
        ...(form.assisted ? { assisted: true } : {}),
        ...(consultation.consent ? { consent: form.consent } : {}),
        ...(Object.keys(form.demographics).length > 0 ? { demographics: form.demographics } : {}),
        ...(media.length > 0 ? { media } : {}),
        deviceId,
        createdAt: correcting?.createdAt ?? new Date().toISOString(),
      };
      const found = form.themeId
        ? checkInput(consultation, input)
        : [{ pointer: "/themeId", code: "unknown_theme" as const }];
      if (freeText.length > FREE_TEXT_LIMIT) found.push({ pointer: "/freeText", code: "too_long" });
      // A number that does not read as one says so, instead of the check's "required" for its absence.
      for (const issue of unreadable) {
        const at = found.findIndex((other) => other.pointer === issue.pointer);
        if (at >= 0) found[at] = issue;
        else found.push(issue);
      }
      setIssues(found);
      if (found.length > 0) {
        requestAnimationFrame(() => summaryRef.current?.focus());
        return;
      }
      try {
        // The benchmark of DESIGN §11 (save with 100,000 stored) reads this measure of the real save.
        const started = performance.now();
        if (correcting) await resendCorrected(database(), correcting.id, input, uuidv7(), draftKey);
        else await saveInputWithMutation(database(), input, uuidv7(), draftKey);
        markFieldPhone();
        performance.measure("tejido:save-input", { start: started, end: performance.now() });
      } catch (error) {
        // Nothing was stored: the transaction is all or nothing, and the form keeps every word.
        failStorage(error);
        return;
      }
      requestSync();
      if (correcting) {
        route("/aportes");
        return;
      }
      // The next participant starts blank; the theme and the facilitator's mode stay.
      replace({ ...EMPTY_FORM, themeId: form.themeId, workshopId: form.workshopId, assisted: form.assisted });
      setSavedCount((count) => count + 1);
      requestAnimationFrame(() => savedRef.current?.focus());
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  }

  const describeIssue = (issue: InputIssue) => t(issueMessage(issue.code));
  const questionLabel = (pointer: string) => {
    if (pointer === "/themeId") return t("capture.theme");
    if (pointer === "/freeText") return t("capture.freeText");
    if (pointer === "/consent") return t("field.consent.title");
    const question = questionAt(theme, pointer);
    return question ? localize(question.label, language) : "";
  };
  /** Where an error summary link takes focus: the control itself, or the first control of a group. */
  const controlFor = (pointer: string): string => {
    if (pointer === "/themeId") return `theme-${consultation.themes[0]?.id ?? ""}`;
    if (pointer === "/consent") return "consent";
    if (pointer === "/freeText" || pointer === "/answers") {
      const first = theme?.questions[0];
      return pointer === "/answers" && first ? controlId(first) : "free-text";
    }
    const question = questionAt(theme, pointer);
    return question ? controlId(question) : "free-text";
  };
  const themeIssue = issueFor("/themeId");

  return (
    <form onSubmit={submit} noValidate class="capture">
      <h2>{t("capture.title")}</h2>
      <StorageMeter refresh={savedCount} />
      <PromptShelf consultation={consultation} />
      {correcting ? <p class="card attention-note">{t("capture.correcting")}</p> : null}
      {issues.length > 0 || storageError ? (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>
            <strong>{storageError ? t(storageError) : t("capture.errors.title")}</strong>
          </p>
          <ul>
            {issues.map((issue) => {
              const label = questionLabel(issue.pointer);
              return (
                <li key={issue.pointer + issue.code}>
                  <a href={`#${controlFor(issue.pointer)}`}>
                    {label ? `${label}: ` : ""}
                    {describeIssue(issue)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {savedCount > 0 ? (
        <p class="success" role="status" tabIndex={-1} ref={savedRef} data-testid="saved">
          {t("capture.saved")}
        </p>
      ) : null}

      <WorkshopPicker
        consultationId={consultation.id}
        value={form.workshopId}
        onChange={(workshopId) => change({ ...form, workshopId })}
      />

      <fieldset
        class="field"
        aria-describedby={themeIssue ? "hint-theme theme-error" : "hint-theme"}
        aria-invalid={themeIssue ? true : undefined}
      >
        <legend>{t("capture.theme")}</legend>
        <p id="hint-theme" class="hint">
          {t("capture.theme.hint")}
        </p>
        {themeIssue ? (
          <p id="theme-error" class="error-text">
            {describeIssue(themeIssue)}
          </p>
        ) : null}
        {consultation.themes.map((candidate) => (
          <label key={candidate.id} class="choice">
            <input
              type="radio"
              id={`theme-${candidate.id}`}
              name="theme"
              value={candidate.id}
              checked={form.themeId === candidate.id}
              onChange={() => change({ ...form, themeId: candidate.id })}
            />
            <span>{localize(candidate.title, language)}</span>
          </label>
        ))}
        {theme ? (
          <PromptPlayer
            consultationId={consultation.id}
            target={promptTargets.theme(theme.id)}
            label="prompt.theme"
          />
        ) : null}
      </fieldset>

      {theme?.questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          value={form.answers[question.id]}
          issue={issueFor(`/answers/${question.id}`)}
          onInput={(value) => change({ ...form, answers: { ...form.answers, [question.id]: value } })}
          describeIssue={describeIssue}
          prompt={
            <PromptPlayer
              consultationId={consultation.id}
              target={promptTargets.question(form.themeId, question.id)}
              label="prompt.question"
              describedBy={`q-${question.id}-label`}
            />
          }
          voice={
            isTextQuestion(question) ? (
              <VoiceAnswer
                draftKey={draftKey}
                themeId={form.themeId}
                questionId={question.id}
                ids={form.media}
                onChange={(ids) => change({ ...form, media: ids })}
              />
            ) : null
          }
        />
      ))}

      {theme ? (
        <div class="field">
          <label for="free-text">
            {t("capture.freeText")} <span class="hint">{t("capture.optional")}</span>
          </label>
          <p id="hint-free-text" class="hint">
            {t("capture.freeText.hint")}
          </p>
          <textarea
            id="free-text"
            rows={4}
            maxLength={FREE_TEXT_LIMIT}
            aria-describedby="hint-free-text free-text-count"
            value={form.freeText}
            onInput={(event) => change({ ...form, freeText: event.currentTarget.value })}
          />
          <CharacterCount id="free-text-count" count={form.freeText.length} max={FREE_TEXT_LIMIT} />
        </div>
      ) : null}

      {theme ? (
        <>
          <MediaField
            draftKey={draftKey}
            ids={form.media}
            onChange={(ids) => change({ ...form, media: ids })}
            shownAtQuestion={(row) =>
              row.questionId !== undefined &&
              row.answerTheme === form.themeId &&
              spokenQuestions.has(row.questionId)
            }
          />
          <AssistedField assisted={form.assisted} onChange={(assisted) => change({ ...form, assisted })} />
          <DemographicsFields
            value={form.demographics}
            onChange={(demographics) => change({ ...form, demographics })}
          />
          {consultation.consent ? (
            <ConsentField
              text={consultation.consent}
              agreed={form.consent}
              issue={issueFor("/consent")}
              describeIssue={describeIssue}
              onChange={(consent) => change({ ...form, consent })}
            />
          ) : null}
        </>
      ) : null}

      <button type="submit" class="button button-primary" disabled={saving}>
        {saving ? t("capture.saving") : t("capture.save")}
      </button>
    </form>
  );
}

function storageErrorKey(error: unknown): MessageKey {
  const name = (error as { name?: string; inner?: { name?: string } } | null) ?? {};
  const quota = [name.name, name.inner?.name].some((n) => n === "QuotaExceededError");
  return quota ? "issue.storage.quota" : "issue.storage.failed";
}
