// Shows what waits to be sent, the last successful sync, why something cannot go, and a button to send now.
import { database } from "../db/database";
import { attentionCount, pendingCount } from "../db/outbox";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { requestSync, syncStatus } from "../sync/sync-status";
import { useStore } from "./store";

export function SyncPanel() {
  const { t, plural, formatDateTime, formatTime } = useI18n();
  const status = useStore(syncStatus);
  const db = database();
  const pending = useLiveQuery(() => pendingCount(db), []);
  // "Everything saved was sent" only where something was ever saved here: a pull alone sends nothing.
  const everSaved = useLiveQuery(
    async () =>
      (await db.inputs.count()) +
        (await db.workshops.count()) +
        (await db.requests.count()) +
        (await db.draftComments.count()) >
      0,
    [],
  );
  const attention = useLiveQuery(() => attentionCount(db), []);

  return (
    <section class="card sync-panel" aria-labelledby="sync-title">
      <h2 id="sync-title">{t("sync.title")}</h2>
      <p data-testid="pending" data-count={pending ?? ""}>
        {pending === undefined || everSaved === undefined
          ? t("loading")
          : pending === 0 && !everSaved
            ? t("sync.pending.none")
            : plural("sync.pending", pending)}
      </p>
      {attention ? (
        <p class="attention">
          <a href="/aportes">{plural("sync.attention", attention)}</a>
        </p>
      ) : null}
      <p>
        {status.lastSuccessAt
          ? t("sync.last", { when: formatDateTime(status.lastSuccessAt) })
          : t("sync.never")}
      </p>
      {status.updateRequired ? <p class="error-text">{t("sync.update")}</p> : null}
      <div role="status" aria-live="polite">
        {status.running ? <p>{t("sync.running")}</p> : null}
        {status.running && status.media && status.media.done < status.media.files ? (
          <p data-testid="media-progress">
            {t("sync.media", {
              file: status.media.done + 1,
              files: status.media.files,
              percent: Math.floor((100 * status.media.sentBytes) / Math.max(1, status.media.totalBytes)),
            })}
          </p>
        ) : null}
        {!status.running && status.error ? (
          // Being offline is the field's normal state, said plainly; the other errors are shown as errors.
          <p
            class={status.error === "offline" ? "notice-text" : "error-text"}
            data-testid="sync-error"
            data-kind={status.error}
          >
            {t(`sync.error.${status.error}`)}
            {status.nextRetryAt && pending
              ? ` ${t("sync.retry", { when: formatTime(new Date(status.nextRetryAt)) })}`
              : ""}
          </p>
        ) : null}
        {!status.running && !status.error && status.blocked ? (
          <p class="error-text" data-testid="sync-blocked" data-kind={status.blocked}>
            {t(`sync.error.${status.blocked}`)}
          </p>
        ) : null}
        {!status.running && status.blocked === "unenrolled" ? (
          <p>
            <a href="/inscribir">{t("enrol.link")}</a>
          </p>
        ) : null}
      </div>
      <button type="button" class="button" onClick={() => requestSync("manual")} disabled={status.running}>
        {t("sync.now")}
      </button>
    </section>
  );
}
