// The public implementation tracker: /compromisos lists the commitments, /compromisos/:id shows one milestone by
// milestone, the government's word and civil society's side by side, each update with its evidence at its
// permanent address (/evidencia/<sha256>). No account, nothing to type.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { z } from "zod/mini";
import { localize } from "../../domain/language-codes";
import {
  type Assessment,
  Commitment,
  CommitmentSummary,
  type Milestone,
  type MilestoneUpdate,
  type Voice,
} from "../../domain/tracker";
import { useI18n } from "../i18n/i18n";
import { NotReady } from "../ui/not-ready";
import { type Loaded, loadPublicJson } from "../ui/public-json";

const CommitmentsAnswer = z.object({ commitments: z.array(CommitmentSummary) });
const CommitmentAnswer = z.object({ commitment: Commitment });

/** Reads a public answer through the domain's schema: another shape (an older server) is "failed", in words. */
function usePublic<S extends z.ZodMiniType, T>(
  url: string,
  schema: S,
  pick: (body: z.infer<S>) => T,
): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    setLoaded({ state: "loading" });
    void loadPublicJson(url, schema).then((answer) =>
      setLoaded(answer.state === "ready" ? { state: "ready", data: pick(answer.data) } : answer),
    );
  }, [url]);
  return loaded;
}

export function CommitmentsScreen() {
  const { params } = useRoute();
  return params.id ? <CommitmentPage id={params.id} /> : <CommitmentList />;
}

const SAY = { offline: "tracker.offline", missing: "tracker.notFound", failed: "tracker.failed" } as const;

function CommitmentList() {
  const { t, language, plural, formatDate } = useI18n();
  const loaded = usePublic("/api/v1/public/commitments", CommitmentsAnswer, (body) => body.commitments);
  return (
    <section>
      <h1>{t("tracker.title")}</h1>
      <p>{t("tracker.intro")}</p>
      {loaded.state !== "ready" ? (
        <NotReady state={loaded.state} say={SAY} />
      ) : loaded.data.length === 0 ? (
        <p class="empty-state">{t("tracker.none")}</p>
      ) : (
        <ul class="list">
          {loaded.data.map((commitment) => (
            <li key={commitment.id} class="card" data-testid="commitment">
              <h2>
                <a href={`/compromisos/${commitment.id}`}>
                  {commitment.code}: {localize(commitment.title, language)}
                </a>
              </h2>
              <p>{commitment.actionPlan}</p>
              <p>
                {t("tracker.period", {
                  from: formatDate(commitment.startsOn, "long"),
                  to: formatDate(commitment.endsOn, "long"),
                })}
              </p>
              <p>{plural("tracker.count", commitment.milestones, { verifiable: commitment.verifiable })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CommitmentPage({ id }: { id: string }) {
  const { t, language, formatDate } = useI18n();
  const loaded = usePublic(
    `/api/v1/public/commitments/${encodeURIComponent(id)}`,
    CommitmentAnswer,
    (body) => body.commitment,
  );
  if (loaded.state !== "ready") {
    return (
      <section>
        <p>
          <a href="/compromisos">{t("tracker.back")}</a>
        </p>
        <h1>{t("tracker.title")}</h1>
        <NotReady state={loaded.state} say={SAY} />
      </section>
    );
  }
  const commitment = loaded.data;
  const verifiable = commitment.milestones.filter((m) => m.verifiable).length;
  return (
    <section>
      <p>
        <a href="/compromisos">{t("tracker.back")}</a>
      </p>
      <h1>{localize(commitment.title, language)}</h1>
      <p>
        {commitment.code} · {commitment.actionPlan} ·{" "}
        {t("tracker.period", {
          from: formatDate(commitment.startsOn, "long"),
          to: formatDate(commitment.endsOn, "long"),
        })}
      </p>
      <p>{localize(commitment.description, language)}</p>
      <p class="card" data-testid="tracker-summary">
        {t("tracker.summary", { verifiable, count: commitment.milestones.length })}
      </p>
      <ol class="list milestones">
        {commitment.milestones.map((milestone) => (
          <MilestoneCard key={milestone.id} milestone={milestone} />
        ))}
      </ol>
      <p class="more-links">
        <a href={`/api/v1/public/commitments/${commitment.id}/datapackage.zip`} download>
          {t("tracker.package")}
        </a>
      </p>
      <p class="more-links">
        <a href={`/api/v1/public/commitments/${commitment.id}/updates.atom`}>{t("tracker.feed")}</a>
      </p>
    </section>
  );
}

function MilestoneCard({ milestone }: { milestone: Milestone }) {
  const { t, language, formatDate } = useI18n();
  const heading = `milestone-${milestone.position}`;
  return (
    <li class="card milestone" data-testid="milestone" data-verifiable={String(milestone.verifiable)}>
      <section aria-labelledby={heading}>
        <h2 id={heading}>
          {t("tracker.milestone", { n: milestone.position, title: localize(milestone.title, language) })}
        </h2>
        <p>
          {t("tracker.responsible", { institution: milestone.institution.name })} ·{" "}
          {t("tracker.period", {
            from: formatDate(milestone.startsOn, "long"),
            to: formatDate(milestone.endsOn, "long"),
          })}
        </p>
        <p class={milestone.verifiable ? "badge badge-ok" : "badge badge-warn"} data-testid="verifiable">
          {milestone.verifiable ? `✓ ${t("tracker.verifiable")}` : `ⓘ ${t("tracker.notVerifiable")}`}
        </p>
        {milestone.updates.length === 0 ? (
          <p>{t("tracker.timeline.none")}</p>
        ) : (
          <>
            <div class="two-voices">
              <Side voice="government" assessment={milestone.government} />
              <Side voice="civil_society" assessment={milestone.civilSociety} />
            </div>
            <details>
              <summary>{t("tracker.timeline")}</summary>
              <ol class="history">
                {milestone.updates.map((update) => (
                  <UpdateItem key={update.id} update={update} all={milestone.updates} />
                ))}
              </ol>
            </details>
          </>
        )}
      </section>
    </li>
  );
}

function Side({ voice, assessment }: { voice: Voice; assessment: Assessment }) {
  const { t, plural, formatDate } = useI18n();
  return (
    <div class="voice" data-testid={`side-${voice}`}>
      <h3>{t(`tracker.side.${voice}`)}</h3>
      {assessment.status ? (
        <>
          <p>
            <strong>{t(`tracker.status.${assessment.status}`)}</strong>
            {assessment.updatedOn ? ` · ${formatDate(assessment.updatedOn, "long")}` : ""}
          </p>
          <p>{plural("tracker.side.evidence", assessment.evidenceCount)}</p>
        </>
      ) : (
        <p>{t("tracker.side.none")}</p>
      )}
    </div>
  );
}

function UpdateItem({ update, all }: { update: MilestoneUpdate; all: readonly MilestoneUpdate[] }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const corrected = update.corrects ? all.find((u) => u.id === update.corrects) : undefined;
  return (
    <li data-testid="update">
      <p>
        <strong>{formatDate(update.happenedOn, "long")}</strong> —{" "}
        {t("tracker.update.who", { side: t(`tracker.side.${update.voice}`), author: update.author })}
      </p>
      <p>{t("tracker.update.status", { status: t(`tracker.status.${update.status}`) })}</p>
      <p class="excerpt">{update.text}</p>
      {corrected ? (
        <p class="hint">{t("tracker.update.corrects", { date: formatDate(corrected.happenedOn, "long") })}</p>
      ) : null}
      {update.correctedBy ? <p class="hint">{t("tracker.update.corrected")}</p> : null}
      {update.evidence.length > 0 ? (
        <ul class="evidence">
          {update.evidence.map((file) => (
            <li key={`${file.sha256}-${file.name}`}>
              <a href={file.address} class="evidence-link" data-testid="evidence-link">
                {t("tracker.evidence.open", {
                  name: file.name,
                  size: Math.max(1, Math.round(file.size / 1024)),
                })}
              </a>
              <br />
              <code class="hash">{t("tracker.evidence.hash", { hash: file.sha256 })}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="hint">{t("tracker.update.posted", { when: formatDateTime(update.postedAt) })}</p>
    </li>
  );
}
