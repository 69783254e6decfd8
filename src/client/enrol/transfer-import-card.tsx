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

  async function importFile(file: File) {
    setBusy(true);
    setReport(undefined);
    setError(undefined);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        return setError("transfer.import.notAFile");
      }
      const response = await fetch("/api/v1/organizer/transfers", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
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
      {busy ? <p role="status">{t("transfer.import.busy")}</p> : null}
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
