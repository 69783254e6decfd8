// On /dispositivos: the organizer imports a file a facilitator carried by hand (issue #14). The server applies it
// as the phone's own push; the card says, entry by entry in sum, what was applied, already there, or quarantined,
// and whether the file was cut short or altered.
import { useState } from "preact/hooks";
import { z } from "zod/mini";
import { Problem } from "../../domain/problem";
import { TransferReport } from "../../domain/transfer";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { readAnswer } from "../staff/staff-json";

const ImportAnswer = z.object({ report: TransferReport });

export function TransferImportCard({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<TransferReport>();
  const [error, setError] = useState<MessageKey>();
  const [progress, setProgress] = useState<number>();

  async function importFile(file: File) {
    setBusy(true);
    setReport(undefined);
    setError(undefined);
    setProgress(undefined);
    try {
      // The file goes over the resumable upload first: weeks of a phone's work can be large, and a municipal
      // office's link may drop; a cut resumes where it stopped. Then the server applies the uploaded file.
      const { uploadResumable, UploadRefused } = await import("../requests/resumable-upload");
      let uploadId: string;
      try {
        uploadId = await uploadResumable(
          new File([file], file.name || "transfer.json", { type: "application/json" }),
          ({ sent, total }) => setProgress(Math.floor((100 * sent) / Math.max(1, total))),
        );
      } catch (failure) {
        return setError(
          failure instanceof UploadRefused ? "transfer.import.failed" : "transfer.import.offline",
        );
      }
      const response = await fetch("/api/v1/organizer/transfers", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ uploadId }),
      }).catch(() => undefined);
      if (!response) return setError("transfer.import.offline");
      if (response.ok) {
        const answer = await readAnswer(response, ImportAnswer);
        if (!answer) return setError("transfer.import.failed");
        setReport(answer.report);
        onImported();
        return;
      }
      const problem = await readAnswer(response, Problem);
      const type = problem?.type.split(":").at(-1);
      setError(
        type === "device-revoked"
          ? "transfer.import.revoked"
          : type === "device-unknown"
            ? "transfer.import.unknownDevice"
            : response.status === 400 || response.status === 413
              ? "transfer.import.notAFile"
              : response.status === 401 || response.status === 403
                ? "devices.signedOut"
                : "transfer.import.failed",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="transfer-import-title" data-testid="transfer-import">
      <h2 id="transfer-import-title">{t("transfer.import.title")}</h2>
      <p>{t("transfer.import.intro")}</p>
      <label class="button button-primary file-button">
        {t("transfer.import.file")}
        <input
          type="file"
          accept=".json,application/json"
          class="visually-hidden"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void importFile(file);
            e.currentTarget.value = "";
          }}
        />
      </label>
      {busy ? (
        <p role="status">
          {progress === undefined || progress >= 100
            ? t("transfer.import.busy")
            : t("transfer.import.uploading", { percent: progress })}
        </p>
      ) : null}
      {error ? (
        <p class="error-text" role="alert">
          {t(error)}
        </p>
      ) : null}
      {report ? (
        <div role="status" data-testid="transfer-report">
          <p class="success">
            {t("transfer.import.done", {
              applied: report.counts.applied,
              duplicate: report.counts.duplicate,
              quarantined: report.counts.quarantined,
            })}
          </p>
          {report.requests.length > 0 ? (
            <p>
              {t("transfer.import.requests", {
                filed: report.requests.filter((r) => r.outcome === "filed").length,
                duplicate: report.requests.filter((r) => r.outcome === "duplicate").length,
                refused: report.requests.filter((r) => r.outcome === "refused").length,
              })}
            </p>
          ) : null}
          {report.media.length > 0 ? (
            <p>
              {t("transfer.import.media", {
                stored: report.media.filter((m) => m.outcome === "stored").length,
                duplicate: report.media.filter((m) => m.outcome === "duplicate").length,
                refused: report.media.filter((m) => m.outcome === "refused").length,
              })}
            </p>
          ) : null}
          {!report.manifestSigned ? <p class="error-text">{t("transfer.import.unsigned")}</p> : null}
          {report.missing.length > 0 ? (
            <p class="error-text">{t("transfer.import.missing", { count: report.missing.length })}</p>
          ) : null}
          {report.unlisted.length > 0 ? (
            <p class="error-text">{t("transfer.import.unlisted", { count: report.unlisted.length })}</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
