// The officer's action form: the actions the law allows now, each with the fields it needs, files uploaded
// (resumable) before an answer is sent; its state in office-action.ts.
import { useEffect, useMemo, useReducer, useState } from "preact/hooks";
import { IDENTITY_MEANS, INFORMATION_TYPES, type Institution } from "../../domain/requests/info-request";
import { searchInstitutions } from "../../domain/requests/institution-search";
import type { ActionName } from "../../domain/requests/request-workflow";
import { InstitutionsAnswer, RequestDetail } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { loadStaffJson, readAnswer } from "../staff/staff-json";
import { InstitutionMatches } from "./institution-matches";
import {
  actionBody,
  changeActionForm,
  clearedActionForm,
  EMPTY_ACTION_FORM,
  outcomesOf,
  takesText,
  textLabelOf,
} from "./office-action";

export interface ActionFormProps {
  requestId: string;
  allowed: readonly ActionName[];
  /** The request as the server answered the action; undefined when its answer could not be read. */
  onSaved(detail: RequestDetail | undefined): void;
  say(message: { text: string; error: boolean } | undefined): void;
}

export function OfficeActionForm({ requestId, allowed, onSaved, say }: ActionFormProps) {
  const { t } = useI18n();
  const [form, set] = useReducer(changeActionForm, EMPTY_ACTION_FORM);
  const { action, text, days, identity, infoType, outcome, ground, legalBasis, target } = form;
  const [targetQuery, setTargetQuery] = useState("");
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ file: string; percent: number; overall: number }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (action !== "refer" || institutions.length > 0) return;
    void loadStaffJson("/api/v1/institutions", InstitutionsAnswer).then((list) => {
      if (list.state === "ready") setInstitutions(list.data.institutions);
    });
  }, [action]);
  const matches = useMemo(
    () => searchInstitutions(targetQuery, institutions).slice(0, 6),
    [targetQuery, institutions],
  );

  async function upload(): Promise<string[] | undefined> {
    const ids: string[] = [];
    const { uploadResumable, UploadRefused } = await import("./resumable-upload");
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    let doneBytes = 0;
    for (const file of files) {
      try {
        ids.push(
          await uploadResumable(file, ({ sent }) =>
            setProgress({
              file: file.name,
              percent: Math.floor((100 * sent) / Math.max(1, file.size)),
              overall: Math.floor((100 * (doneBytes + sent)) / Math.max(1, totalBytes)),
            }),
          ),
        );
        doneBytes += file.size;
      } catch (error) {
        const tooLarge = error instanceof UploadRefused && error.status === 413;
        say({
          text: t(tooLarge ? "office.upload.tooLarge" : "office.upload.failed", { name: file.name }),
          error: true,
        });
        return undefined;
      }
    }
    return ids;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!action || busy) return;
    setBusy(true);
    say(undefined);
    setProgress(undefined);
    try {
      const attachmentIds = action === "answer" ? await upload() : [];
      if (!attachmentIds) return;
      const response = await fetch(`/api/v1/officer/requests/${encodeURIComponent(requestId)}/actions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(actionBody(form, attachmentIds)),
      }).catch(() => undefined);
      if (!response) return say({ text: t("office.offline"), error: true });
      if (!response.ok) {
        const reason = response.status === 409 ? t("office.error.notAllowed") : t("office.error.invalid");
        return say({ text: t("office.error", { reason }), error: true });
      }
      onSaved(await readAnswer(response, RequestDetail));
      say({ text: t("office.saved"), error: false });
      set(clearedActionForm(form));
      setFiles([]);
    } finally {
      setBusy(false);
    }
  }

  const textLabel = t(textLabelOf(action));
  const outcomes = outcomesOf(action);
  return (
    <form class="card desk-action" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t("office.actions")}</h2>
      <div class="field">
        <label for="office-action">{t("office.action")}</label>
        <select
          id="office-action"
          value={action}
          onChange={(e) => set({ action: e.currentTarget.value as ActionName })}
        >
          <option value="">—</option>
          {allowed.map((name) => (
            <option key={name} value={name}>
              {t(`office.action.${name}`)}
            </option>
          ))}
        </select>
      </div>
      {action === "accredit" ? (
        <div class="field">
          <label for="office-identity">{t("office.field.identity")}</label>
          <select
            id="office-identity"
            value={identity}
            aria-describedby="office-identity-hint"
            onChange={(e) => set({ identity: e.currentTarget.value })}
          >
            {IDENTITY_MEANS.map((means) => (
              <option key={means} value={means}>
                {t(`office.identity.${means}`)}
              </option>
            ))}
          </select>
          <p id="office-identity-hint" class="hint">
            {t("office.identity.noNumbers")}
          </p>
        </div>
      ) : null}
      {action === "classify" ? (
        <div class="field">
          <label for="office-info-type">{t("office.field.infoType")}</label>
          <select
            id="office-info-type"
            value={infoType}
            onChange={(e) => set({ infoType: e.currentTarget.value })}
          >
            {INFORMATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`infoType.${type}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {action === "extend" || action === "clarify" ? (
        <div class="field">
          <label for="office-days">
            {action === "clarify" ? t("office.field.clarifyDays") : t("office.field.days")}
          </label>
          <input
            id="office-days"
            type="number"
            min={1}
            max={10}
            inputMode="numeric"
            value={days}
            onInput={(e) => set({ days: e.currentTarget.value })}
          />
        </div>
      ) : null}
      {action === "answer" || action === "resolve-appeal" ? (
        <div class="field">
          <label for="office-outcome">{t("office.field.outcome")}</label>
          <select
            id="office-outcome"
            value={outcome}
            onChange={(e) => set({ outcome: e.currentTarget.value })}
          >
            {outcomes.map((name) => (
              <option key={name} value={name}>
                {t(`office.outcome.${name}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {action === "deny" ? (
        <>
          <div class="field">
            <label for="office-ground">{t("office.field.ground")}</label>
            <select
              id="office-ground"
              value={ground}
              onChange={(e) => set({ ground: e.currentTarget.value })}
            >
              <option value="reserved">{t("office.ground.reserved")}</option>
              <option value="confidential">{t("office.ground.confidential")}</option>
            </select>
          </div>
          <div class="field">
            <label for="office-basis">{t("office.field.legalBasis")}</label>
            <input
              id="office-basis"
              value={legalBasis}
              onInput={(e) => set({ legalBasis: e.currentTarget.value })}
            />
          </div>
        </>
      ) : null}
      {action === "refer" ? (
        <div class="field">
          <label for="office-target">{t("office.field.target")}</label>
          {target ? <p>{t("req.field.institution.chosen", { name: target.name })}</p> : null}
          <input
            id="office-target"
            type="search"
            value={targetQuery}
            onInput={(e) => setTargetQuery(e.currentTarget.value)}
          />
          <InstitutionMatches
            matches={matches}
            label={t("office.field.target")}
            onPick={(match) => {
              set({ target: match });
              setTargetQuery("");
            }}
          />
        </div>
      ) : null}
      {takesText(action) ? (
        <div class="field">
          <label for="office-text">{textLabel}</label>
          <textarea
            id="office-text"
            rows={4}
            value={text}
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
        </div>
      ) : null}
      {action === "answer" ? (
        <div class="field">
          <label for="office-files">{t("office.field.files")}</label>
          <input
            id="office-files"
            type="file"
            multiple
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
          />
          {progress ? (
            <p aria-live="polite" data-testid="upload-progress">
              {t("office.uploading", {
                name: progress.file,
                percent: progress.percent,
                overall: progress.overall,
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      <button type="submit" class="button button-primary" disabled={busy || !action}>
        {t("office.submit")}
      </button>
    </form>
  );
}
