// On /aportes: when no signal comes for days, the facilitator saves what is still to send as one file and hands it
// over by whatever the phone has (issue #14). Nothing leaves the outbox: the phone still sends it all when it
// reaches a signal, and the server answers that it already has it.
import { useEffect, useState } from "preact/hooks";
import { database } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { settings } from "../storage/settings";
import { type Notice, NoticeLine } from "../ui/notice-line";

export function TransferExportCard() {
  const { t, plural } = useI18n();
  const db = database();
  const waiting = useLiveQuery(
    () =>
      db.outbox
        .where("[kind+status]")
        .anyOf([
          ["mutation", "pending"],
          ["request", "pending"],
          ["media", "pending"],
        ])
        .count(),
    [],
  );
  const [enrolled, setEnrolled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [say, setSay] = useState<Notice>();
  const [left, setLeft] = useState<Notice>();
  useEffect(() => {
    void settings.getIdentity().then(
      (identity) => setEnrolled(identity !== undefined),
      () => undefined,
    );
  }, []);
  if (!enrolled || !waiting) return null;

  async function save() {
    if (busy) return;
    setBusy(true);
    setSay(undefined);
    setLeft(undefined);
    try {
      const { buildTransferFile, handOver } = await import("../sync/transfer-export");
      const built = await buildTransferFile(db, settings);
      if (!built.ok) return setSay({ key: "transfer.export.nothing", error: false });
      const how = await handOver(built.file, built.name);
      if (how === "cancelled") return;
      setSay({
        key: how === "shared" ? "transfer.export.shared" : "transfer.export.saved",
        params: {
          count: built.file.entries.length + (built.file.requests?.length ?? 0),
          files: built.file.media?.length ?? 0,
          name: built.name,
        },
        error: false,
      });
      if (built.mediaLeft > 0)
        setLeft({ key: "transfer.export.mediaLeft", params: { count: built.mediaLeft }, error: false });
    } catch {
      setSay({ key: "transfer.export.failed", error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="transfer-export-title" data-testid="transfer-export">
      <h2 id="transfer-export-title">{t("transfer.export.title")}</h2>
      <p>{plural("transfer.export.intro", waiting)}</p>
      <button type="button" class="button" disabled={busy} onClick={() => void save()}>
        {t("transfer.export.button")}
      </button>
      <NoticeLine notice={say} />
      <NoticeLine notice={left} />
    </section>
  );
}
