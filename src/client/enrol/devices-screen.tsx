// /dispositivos: the organizer issues one-time enrolment codes (with a QR) and revokes enrolled phones.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import type { DeviceSummary } from "../../domain/devices";
import { DevicesAnswer, IssuedCode } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";
import { QrCode } from "../ui/qr-code";
import { TransferImportCard } from "./transfer-import-card";

const HOURS = [2, 24, 48, 168] as const;

export function DevicesScreen() {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<StaffLoad<{ devices: DeviceSummary[] }>>({ state: "loading" });
  const reload = () => loadStaffJson("/api/v1/organizer/devices", DevicesAnswer).then(setLoaded);
  useEffect(() => void reload(), []);

  if (loaded.state !== "ready")
    return <StaffGate state={loaded.state} signIn="devices.signedOut" offline="devices.offline" />;
  return (
    <section>
      <h1>{t("devices.heading")}</h1>
      <IssueCode />
      <TransferImportCard onImported={() => void reload()} />
      <h2>{t("devices.title")}</h2>
      {loaded.data.devices.length === 0 ? <p>{t("devices.empty")}</p> : null}
      <ul class="list">
        {loaded.data.devices.map((device) => (
          <DeviceItem
            key={device.id}
            device={device}
            onChanged={(devices) => setLoaded({ state: "ready", data: { devices } })}
          />
        ))}
      </ul>
    </section>
  );
}

function IssueCode() {
  const { t, formatDateTime } = useI18n();
  const [label, setLabel] = useState("");
  const [hours, setHours] = useState<number>(48);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string }>();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function issue(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch("/api/v1/organizer/enrolment-codes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...(label.trim() ? { label: label.trim() } : {}), expiresInHours: hours }),
      });
      if (response.status !== 201) throw new Error(`enrolment code: ${response.status}`);
      const issued = await readAnswer(response, IssuedCode);
      if (!issued) throw new Error("enrolment code: unreadable answer");
      setIssued(issued);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const link = issued ? `${location.origin}/inscribir#codigo=${encodeURIComponent(issued.code)}` : "";
  return (
    <form class="card" onSubmit={issue}>
      <h2>{t("devices.issue.title")}</h2>
      <p class="hint">{t("devices.issue.intro")}</p>
      <div class="field">
        <label for="code-label">{t("devices.issue.label")}</label>
        <p id="code-label-hint" class="hint">
          {t("devices.issue.label.hint")}
        </p>
        <input
          id="code-label"
          type="text"
          maxLength={120}
          aria-describedby="code-label-hint"
          value={label}
          onInput={(event) => setLabel(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="code-hours">{t("devices.issue.hours")}</label>
        <select
          id="code-hours"
          value={hours}
          onChange={(event) => setHours(Number(event.currentTarget.value))}
        >
          {HOURS.map((option) => (
            <option key={option} value={option}>
              {t("devices.issue.hours.option", { hours: option })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-primary" disabled={busy}>
        {t("devices.issue.submit")}
      </button>
      <div role="status" aria-live="polite">
        {failed ? <p class="error-text">{t("devices.issue.failed")}</p> : null}
        {issued ? (
          <div data-testid="enrolment-code">
            <p class="code">{t("devices.issue.code", { code: issued.code })}</p>
            <p>{t("devices.issue.expires", { when: formatDateTime(issued.expiresAt) })}</p>
            <QrCode text={link} label={t("devices.issue.qr", { code: issued.code })} />
          </div>
        ) : null}
      </div>
    </form>
  );
}

function DeviceItem({
  device,
  onChanged,
}: {
  device: DeviceSummary;
  onChanged(devices: DeviceSummary[]): void;
}) {
  const { t, plural, formatDateTime } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const name = device.label ?? t("devices.unnamed");

  async function revoke() {
    setFailed(false);
    try {
      const response = await fetch(`/api/v1/organizer/devices/${device.id}/revoke`, { method: "POST" });
      if (!response.ok) throw new Error(`revoke: ${response.status}`);
      const answer = await readAnswer(response, DevicesAnswer);
      if (!answer) throw new Error("revoke: unreadable answer");
      onChanged(answer.devices);
    } catch {
      setFailed(true);
    }
    setConfirming(false);
  }

  return (
    <li class="card" data-testid="device">
      <h3>{name}</h3>
      <p>{t("devices.enrolled", { when: formatDateTime(device.enrolledAt), by: device.enrolledBy })}</p>
      <p>
        {device.lastPushAt
          ? t("devices.lastPush", { when: formatDateTime(device.lastPushAt) })
          : t("devices.neverPushed")}
      </p>
      <p>
        {plural("devices.inputs", device.inputs)} · {plural("devices.quarantined", device.quarantined)}
      </p>
      {failed ? (
        <p class="error-text" role="alert">
          {t("devices.revoke.failed")}
        </p>
      ) : null}
      {device.revokedAt ? (
        <p class="attention">{t("devices.revoked", { when: formatDateTime(device.revokedAt) })}</p>
      ) : confirming ? (
        <fieldset class="field">
          <legend>{t("devices.revoke.confirm")}</legend>
          <button type="button" class="button button-danger" onClick={() => void revoke()}>
            {t("devices.revoke.yes")}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t("devices.revoke.no")}
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          class="button"
          aria-label={t("devices.revoke.for", { name })}
          onClick={() => setConfirming(true)}
        >
          {t("devices.revoke")}
        </button>
      )}
    </li>
  );
}
