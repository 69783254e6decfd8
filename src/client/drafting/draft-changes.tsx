// What changed between two published versions of a draft, section by section and word by word, each change with
// the accepted amendments that caused it (or said to be the drafters' own).
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { DraftChange } from "../../domain/drafts";
import { useI18n } from "../i18n/i18n";
import { NotReady } from "../ui/not-ready";
import { type Loaded, loadChanges } from "./draft-data";
import { CommentItem, NOT_READY } from "./drafts-screen";

type WordChanges = NonNullable<DraftChange["text"]>;

export function DraftChanges({ id, from, to }: { id: string; from: number; to: number }) {
  const { t, plural } = useI18n();
  const [loaded, setLoaded] = useState<Loaded<DraftChange[]>>({ state: "loading" });
  useEffect(() => {
    if (!Number.isInteger(from) || !Number.isInteger(to)) return setLoaded({ state: "missing" });
    void loadChanges(id, from, to).then((answer) =>
      setLoaded(answer.state === "ready" ? { state: "ready", data: answer.data.changes } : answer),
    );
  }, [id, from, to]);
  const back = (
    <p>
      <a href={`/borradores/${id}`}>{t("drafting.version", { n: Number.isInteger(to) ? to : 1 })}</a>
    </p>
  );
  if (loaded.state !== "ready")
    return (
      <section>
        {back}
        <h1>{t("drafting.changes.title", { from, to })}</h1>
        <NotReady state={loaded.state} say={NOT_READY} />
      </section>
    );
  const moved = loaded.data.filter((change) => change.kind !== "unchanged");
  const unchanged = loaded.data.length - moved.length;
  return (
    <section>
      {back}
      <h1>{t("drafting.changes.title", { from, to })}</h1>
      <p class="hint">{t("drafting.changes.legend")}</p>
      {moved.length === 0 ? <p class="empty-state">{t("drafting.changes.none")}</p> : null}
      {moved.map((change) => {
        const section = change.after ?? change.before;
        if (!section) return null;
        return (
          <section
            key={section.id}
            class="card draft-section diff"
            data-testid="change"
            data-kind={change.kind}
          >
            <h2>
              {section.number}. {change.heading ? <Words changes={change.heading} /> : section.heading}
            </h2>
            <p class="badge">
              {t(
                change.kind === "added"
                  ? "drafting.changes.added"
                  : change.kind === "removed"
                    ? "drafting.changes.removed"
                    : "drafting.changes.changed",
              )}
            </p>
            <div class="draft-text diff">
              {change.text ? (
                <p>
                  <Words changes={change.text} />
                </p>
              ) : change.kind === "added" ? (
                <p>
                  <ins>{change.after?.text}</ins>
                </p>
              ) : (
                <p>
                  <del>{change.before?.text}</del>
                </p>
              )}
            </div>
            {change.causes.length > 0 ? (
              <ol class="history" data-testid="causes">
                {change.causes.map((cause) => (
                  <li key={cause.id} class="cause">
                    <p>
                      {t("drafting.changes.cause", {
                        outcome: t(`drafting.outcome.${cause.response?.outcome ?? "accepted"}`).toLowerCase(),
                      })}
                    </p>
                    <ul class="list">
                      <CommentItem comment={cause} consultationId={null} />
                    </ul>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="hint">{t("drafting.changes.noCause")}</p>
            )}
          </section>
        );
      })}
      {unchanged > 0 ? <p>{plural("drafting.changes.unchanged", unchanged)}</p> : null}
    </section>
  );
}

function Words({ changes }: { changes: WordChanges }) {
  return (
    <>
      {changes.map((change, i) =>
        change.kind === "added" ? (
          <ins key={i}>{change.text}</ins>
        ) : change.kind === "removed" ? (
          <del key={i}>{change.text}</del>
        ) : (
          <span key={i}>{change.text}</span>
        ),
      )}
    </>
  );
}
