// A consultation's status moves (open, close, publish), each asked for twice, and the card that shows the version
// in use with the moves it allows.
import type { ComponentChildren } from "preact";
import type { Consultation } from "../../domain/consultation";
import { useI18n } from "../i18n/i18n";
import type { ConsultationVersions } from "./design-api";

export type Move = "open" | "closed" | "published";

/** The second question before a move; "Sí" gets the focus when it shows. */
export function ConfirmMove({
  move,
  busy,
  onYes,
  onNo,
}: {
  move: Move;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="confirm">
      <legend>{t(`design.confirm.${move}`)}</legend>
      <button
        type="button"
        class="button button-primary"
        id="design-confirm-yes"
        disabled={busy}
        onClick={onYes}
      >
        {t(`design.confirm.${move}.yes`)}
      </button>
      <button type="button" class="button" onClick={onNo}>
        {t("design.confirm.no")}
      </button>
    </fieldset>
  );
}

/**
 * The version in use and what can be done with it. With no draft, a released version is edited by copying it
 * into the next one (`onEditNext`); `confirm` is the pending question, if any.
 */
export function DesignStatusCard({
  current,
  drafting,
  editing,
  latest,
  busy,
  onAsk,
  onEditNext,
  preview,
  confirm,
}: {
  current: Consultation;
  /** A draft is in the form below: the moves are the card's, the editing is the form's. */
  drafting: boolean;
  /** The draft version the form saves to. */
  editing: number | undefined;
  latest: number;
  busy: boolean;
  onAsk: (move: Move) => void;
  onEditNext: () => void;
  /** The preview button, shown here when there is no draft form to show it. */
  preview: ComponentChildren;
  confirm: ComponentChildren;
}) {
  const { t } = useI18n();
  const editable = !drafting;
  return (
    <section class="card" aria-labelledby="design-state">
      <h2 id="design-state">{t("design.state.title")}</h2>
      <p data-testid="design-state">
        {t("design.state.current", {
          version: current.version,
          status: t(`design.status.${current.status}`),
        })}
      </p>
      {drafting && editing !== undefined ? <p>{t("design.state.draft", { version: editing })}</p> : null}
      <div class="actions">
        {current.status === "open" ? (
          <button type="button" class="button" disabled={busy} onClick={() => onAsk("closed")}>
            {t("design.close")}
          </button>
        ) : null}
        {current.status === "closed" ? (
          <button type="button" class="button" disabled={busy} onClick={() => onAsk("published")}>
            {t("design.publish")}
          </button>
        ) : null}
        {editable ? (
          <button
            type="button"
            class="button button-primary"
            disabled={busy}
            aria-describedby="design-edit-next-hint"
            onClick={onEditNext}
          >
            {t("design.editNext", { version: latest + 1 })}
          </button>
        ) : null}
        {editable ? preview : null}
      </div>
      {editable ? (
        <p id="design-edit-next-hint" class="hint">
          {t("design.editNext.hint", { current: current.version })}
        </p>
      ) : null}
      {confirm}
    </section>
  );
}

/** Every version, newest first, with its status and when it last changed. */
export function DesignVersions({ versions }: { versions: ConsultationVersions["versions"] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="design-versions">
      <h2 id="design-versions">{t("design.versions.title")}</h2>
      <ul class="list" data-testid="design-versions">
        {versions.map((version) => (
          <li key={version.version}>
            {t("design.versions.item", {
              version: version.version,
              status: t(`design.status.${version.status}`),
              when: formatDateTime(version.updatedAt),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
