// /seguimiento: where the responsible institution's officers report on their milestones, and civil-society
// organisations post their own assessment of any milestone, each with evidence files sent over the resumable
// upload. What is published is never changed: a later update says what it corrects.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { uuidv7 } from "uuidv7";
import { z } from "zod/mini";
import { CurrentUser } from "../../domain/accounts";
import { PublicDraftListing } from "../../domain/drafts";
import { localize } from "../../domain/language-codes";
import { Problem } from "../../domain/problem";
import {
  Commitment,
  CommitmentSummary,
  MILESTONE_STATUSES,
  Milestone,
  type MilestoneStatus,
  UPDATE_LIMITS,
} from "../../domain/tracker";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";

const Me = z.object({ user: CurrentUser });
const CommitmentList = z.object({ commitments: z.array(CommitmentSummary) });
const CommitmentAnswer = z.object({ commitment: Commitment });
const PostedAnswer = z.object({ milestone: Milestone });

const DraftList = z.object({ drafts: z.array(PublicDraftListing) });

interface Work {
  user: CurrentUser;
  commitments: Commitment[];
  /** Published drafts: any of their versions may be kept as evidence. */
  drafts: z.infer<typeof PublicDraftListing>[];
}

/** The signed-in account and every commitment in full (there are few; each has a handful of milestones). */
async function loadWork(): Promise<StaffLoad<Work>> {
  const me = await loadStaffJson("/api/v1/auth/me", Me);
  if (me.state !== "ready") return me;
  if (me.data.user.role !== "officer" && me.data.user.role !== "civil_society")
    return { state: "signed-out" };
  const list = await loadStaffJson("/api/v1/public/commitments", CommitmentList);
  if (list.state !== "ready") return list;
  const commitments: Commitment[] = [];
  for (const summary of list.data.commitments) {
    const one = await loadStaffJson(`/api/v1/public/commitments/${summary.id}`, CommitmentAnswer);
    if (one.state !== "ready") return one;
    commitments.push(one.data.commitment);
  }
  const drafts = await loadStaffJson("/api/v1/public/drafts", DraftList);
  if (drafts.state !== "ready") return drafts;
  return { state: "ready", data: { user: me.data.user, commitments, drafts: drafts.data.drafts } };
}

export function TrackerWorkScreen() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<StaffLoad<Work>>({ state: "loading" });
  const reload = () => loadWork().then(setLoaded);
  useEffect(() => {
    void reload();
  }, []);
  if (loaded.state !== "ready") {
    return (
      <section>
        <h1>{t("tracker.work.title")}</h1>
        <StaffGate state={loaded.state} signIn="tracker.work.signIn" offline="tracker.work.offline" />
      </section>
    );
  }
  const { user, commitments, drafts } = loaded.data;
  const officer = user.role === "officer";
  // Officers report on their institution's milestones; an organisation may assess any.
  const mine = (milestone: Milestone) => !officer || milestone.institution.id === user.institutionId;
  const shown = commitments
    .map((commitment) => ({ commitment, milestones: commitment.milestones.filter(mine) }))
    .filter(({ milestones }) => milestones.length > 0);
  return (
    <section>
      <h1>{t("tracker.work.title")}</h1>
      <p>{t(officer ? "tracker.work.intro.officer" : "tracker.work.intro.civil_society")}</p>
      {shown.length === 0 ? <p class="empty-state">{t("tracker.work.none")}</p> : null}
      {shown.map(({ commitment, milestones }) => (
        <section key={commitment.id} aria-labelledby={`work-${commitment.id}`}>
          <h2 id={`work-${commitment.id}`}>
            {commitment.code}: {localize(commitment.title, language)}
          </h2>
          <p>
            <a href={`/compromisos/${commitment.id}`}>
              {t("tracker.work.public", { code: commitment.code })}
            </a>
          </p>
          <ol class="list work-grid">
            {milestones.map((milestone) => (
              <li key={milestone.id} class="card" data-testid="work-milestone">
                <h3>
                  {t("tracker.milestone", {
                    n: milestone.position,
                    title: localize(milestone.title, language),
                  })}
                </h3>
                <p>{t("tracker.responsible", { institution: milestone.institution.name })}</p>
                <p data-testid="work-status">
                  {(["government", "civil_society"] as const)
                    .map((side) => {
                      const { status } =
                        side === "government" ? milestone.government : milestone.civilSociety;
                      return `${t(`tracker.side.${side}`)}: ${status ? t(`tracker.status.${status}`) : t("tracker.side.none")}`;
                    })
                    .join(" · ")}
                </p>
                <UpdateForm
                  milestone={milestone}
                  voice={officer ? "government" : "civil_society"}
                  drafts={drafts}
                  onPosted={reload}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

type Say = { key: MessageKey; params?: Record<string, string | number>; error: boolean };

function UpdateForm({
  milestone,
  voice,
  drafts,
  onPosted,
}: {
  milestone: Milestone;
  voice: "government" | "civil_society";
  drafts: Work["drafts"];
  onPosted: () => Promise<void>;
}) {
  const { t, formatDate, language } = useI18n();
  /** "draftId:version" of a published draft version to keep as evidence, or "". */
  const [draftVersion, setDraftVersion] = useState("");
  const [happenedOn, setHappenedOn] = useState("");
  const [status, setStatus] = useState<MilestoneStatus>("limited");
  const [text, setText] = useState("");
  const [corrects, setCorrects] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [notice, setNotice] = useState<Say>();
  const [invalid, setInvalid] = useState<Set<"date" | "text">>(new Set());
  // One id per update being written: a re-send after a lost answer is the same update.
  const [id, setId] = useState(uuidv7);
  const own = milestone.updates.filter((update) => update.voice === voice);
  const field = (name: string) => `u-${milestone.id}-${name}`;

  async function upload(): Promise<string[] | undefined> {
    const { uploadResumable } = await import("../requests/resumable-upload");
    const ids: string[] = [];
    for (const file of files) {
      try {
        ids.push(
          await uploadResumable(file, ({ sent }) =>
            setProgress(
              t("tracker.uploading", {
                file: file.name,
                percent: Math.floor((100 * sent) / Math.max(1, file.size)),
              }),
            ),
          ),
        );
      } catch {
        setNotice({ key: "tracker.error.upload", params: { name: file.name }, error: true });
        return undefined;
      }
    }
    return ids;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const wrong = new Set<"date" | "text">();
    if (!happenedOn) wrong.add("date");
    if (text.trim().length < UPDATE_LIMITS.text.min) wrong.add("text");
    setInvalid(wrong);
    if (wrong.size > 0) return setNotice(undefined);
    setBusy(true);
    setNotice(undefined);
    try {
      const attachmentIds = await upload();
      if (!attachmentIds) return;
      setProgress(undefined);
      const path = voice === "government" ? "officer" : "civil-society";
      const response = await fetch(`/api/v1/${path}/milestones/${milestone.id}/updates`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          id,
          happenedOn,
          status,
          text,
          ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
          ...(corrects ? { corrects } : {}),
          ...(draftVersion
            ? {
                draftVersions: [
                  { draftId: draftVersion.split(":")[0], version: Number(draftVersion.split(":")[1]) },
                ],
              }
            : {}),
        }),
      }).catch(() => undefined);
      if (!response) return setNotice({ key: "tracker.error.offline", error: true });
      if (!response.ok || !(await readAnswer(response.clone(), PostedAnswer))) {
        const problem = await readAnswer(response, Problem);
        return setNotice({
          key: problem?.status === 403 ? "tracker.work.signIn" : "tracker.error.failed",
          error: true,
        });
      }
      setText("");
      setCorrects("");
      setFiles([]);
      setDraftVersion("");
      setId(uuidv7());
      setNotice({ key: "tracker.posted", error: false });
      await onPosted();
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  return (
    <details>
      <summary>{t("tracker.work.report")}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div class="field">
          <label for={field("date")}>{t("tracker.field.happenedOn")}</label>
          <input
            id={field("date")}
            type="date"
            value={happenedOn}
            aria-invalid={invalid.has("date")}
            aria-describedby={invalid.has("date") ? field("date-error") : undefined}
            onInput={(e) => setHappenedOn(e.currentTarget.value)}
          />
          {invalid.has("date") ? (
            <p id={field("date-error")} class="error-text">
              {t("tracker.error.date")}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for={field("status")}>{t("tracker.field.status")}</label>
          <select
            id={field("status")}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as MilestoneStatus)}
          >
            {MILESTONE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`tracker.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={field("text")}>{t("tracker.field.text")}</label>
          <textarea
            id={field("text")}
            rows={4}
            maxLength={UPDATE_LIMITS.text.max}
            value={text}
            aria-invalid={invalid.has("text")}
            aria-describedby={invalid.has("text") ? field("text-error") : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {invalid.has("text") ? (
            <p id={field("text-error")} class="error-text">
              {t("tracker.error.text")}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for={field("files")}>{t("tracker.field.files")}</label>
          <input
            id={field("files")}
            type="file"
            multiple
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
          />
        </div>
        {drafts.length > 0 ? (
          <div class="field">
            <label for={field("draft")}>{t("tracker.field.draft")}</label>
            <select
              id={field("draft")}
              value={draftVersion}
              onChange={(e) => setDraftVersion(e.currentTarget.value)}
            >
              <option value="">{t("tracker.field.draft.none")}</option>
              {drafts.flatMap((draft) =>
                Array.from({ length: draft.version }, (_, i) => draft.version - i).map((n) => (
                  <option key={`${draft.id}:${n}`} value={`${draft.id}:${n}`}>
                    {t("tracker.field.draft.item", { title: localize(draft.title, language), n })}
                  </option>
                )),
              )}
            </select>
          </div>
        ) : null}
        {own.length > 0 ? (
          <div class="field">
            <label for={field("corrects")}>{t("tracker.field.corrects")}</label>
            <select
              id={field("corrects")}
              value={corrects}
              onChange={(e) => setCorrects(e.currentTarget.value)}
            >
              <option value="">{t("tracker.field.corrects.none")}</option>
              {own.map((update) => (
                <option key={update.id} value={update.id}>
                  {t("tracker.field.corrects.item", {
                    date: formatDate(update.happenedOn, "long"),
                    status: t(`tracker.status.${update.status}`),
                  })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {progress ? <p aria-live="polite">{progress}</p> : null}
        {notice ? (
          <p role={notice.error ? "alert" : "status"} class={notice.error ? "error-text" : "success"}>
            {t(notice.key, notice.params)}
          </p>
        ) : null}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t("tracker.sending") : t("tracker.submit")}
        </button>
      </form>
    </details>
  );
}
