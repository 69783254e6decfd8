// On /aportes of an enrolled phone: take another phone's transfer file (received by message, cable or memory card)
// and carry it to the server when this phone reaches a signal (issue #14). The file goes as it is: its entries
// keep their own phone's id and signatures, and this phone never changes them.
import { useEffect, useState } from "preact/hooks";
import { uuidv7 } from "uuidv7";
import { TransferFile } from "../../domain/transfer";
import { database, type RelayEntry } from "../db/database";
import { enqueue } from "../db/outbox";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { settings } from "../storage/settings";
import { requestSync } from "../sync/sync-status";
import { type Notice, NoticeLine } from "../ui/notice-line";

export function RelayCard() {
  const { t, plural, formatDateTime } = useI18n();
  const db = database();
  const [ownId, setOwnId] = useState<string>();
  const [say, setSay] = useState<Notice>();
  const carried = useLiveQuery(
    async () => (await db.outbox.where("kind").equals("relay").toArray()) as RelayEntry[],
    [],
  );
  useEffect(() => {
    void settings.getIdentity().then(
      (identity) => setOwnId(identity?.deviceId),
      () => undefined,
    );
  }, []);
  if (!ownId) return null;

  async function take(file: File) {
    setSay(undefined);
    let parsed: ReturnType<typeof TransferFile.safeParse>;
    try {
      parsed = TransferFile.safeParse(JSON.parse(await file.text()));
    } catch {
      return setSay({ key: "relay.notAFile", error: true });
    }
    if (!parsed.success) return setSay({ key: "relay.notAFile", error: true });
    const transfer = parsed.data;
    if (transfer.manifest.deviceId === ownId) return setSay({ key: "relay.own", error: false });
    const id = uuidv7();
    try {
      await db.transaction("rw", db.outbox, () =>
        enqueue(db, {
          kind: "relay",
          recordId: id,
          relay: {
            id,
            deviceId: transfer.manifest.deviceId,
            entries: transfer.entries.length,
            keptAt: new Date().toISOString(),
            file: transfer,
          },
        }),
      );
    } catch {
      return setSay({ key: "relay.storage", error: true });
    }
    requestSync();
    setSay({ key: "relay.kept", params: { count: transfer.entries.length }, error: false });
  }

  return (
    <section class="card" aria-labelledby="relay-title" data-testid="relay">
      <h2 id="relay-title">{t("relay.title")}</h2>
      <p>{t("relay.intro")}</p>
      <label class="button file-button">
        {t("relay.choose")}
        <input
          type="file"
          accept=".json,application/json"
          class="visually-hidden"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void take(file);
            e.currentTarget.value = "";
          }}
        />
      </label>
      <NoticeLine notice={say} />
      {carried && carried.length > 0 ? (
        <ul class="list">
          {carried.map((entry) => (
            <li key={entry.seq} data-testid="relay-item" data-state={entry.status}>
              <p>{plural("relay.item", entry.relay.entries, { when: formatDateTime(entry.relay.keptAt) })}</p>
              {entry.status === "rejected" ? (
                <>
                  <p class="error-text">{t(problemMessageKey(entry.problem))}</p>
                  <button
                    type="button"
                    class="button"
                    onClick={() =>
                      void import("../sync/relay-transport").then(({ discardRelay }) =>
                        discardRelay(db, entry.seq!),
                      )
                    }
                  >
                    {t("relay.discard")}
                  </button>
                </>
              ) : (
                <p class="state-pending">{t("relay.waiting")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
