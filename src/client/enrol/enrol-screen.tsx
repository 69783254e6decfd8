// /inscribir: enrols this phone with an organizer's one-time code, typed or scanned from its QR.
import "../consultations/i18n";
import { useEffect, useRef, useState } from "preact/hooks";
import { normalizeEnrolmentCode } from "../../domain/devices";
import { problemTypeOf } from "../../domain/problem";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { settings } from "../storage/settings";
import { requestSync } from "../sync/sync-status";
import { markFieldPhone } from "../ui/field-mode";
import { type DeviceIdentity, enrolThisDevice, newKeyPair } from "./device-identity";

/** The code a QR link carries in its fragment ("#codigo=…"), which never reaches any server's logs. */
function codeFromFragment(): string | undefined {
  const match = /(?:^#|&)codigo=([^&]+)/.exec(location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

export function EnrolScreen() {
  const { t, formatDateTime } = useI18n();
  const [identity, setIdentity] = useState<DeviceIdentity | null>();
  const [code, setCode] = useState(() => codeFromFragment() ?? "");
  const [error, setError] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    // The code has been read into the form: it should not stay in the address bar or the history.
    if (codeFromFragment()) history.replaceState(null, "", location.pathname);
    void settings.getIdentity().then((found) => setIdentity(found ?? null));
  }, []);

  async function enrol(event: Event) {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeEnrolmentCode(code);
    if (!normalized) {
      setError("enrol.error.format");
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      let pair = await settings.getPendingKeys();
      if (!pair) {
        pair = await newKeyPair();
        await settings.setPendingKeys(pair);
      }
      const outcome = await enrolThisDevice(normalized, await settings.getDeviceId(), undefined, "", pair);
      if (outcome.ok) {
        await settings.setIdentity(outcome.identity);
        markFieldPhone();
        await settings.clearPendingKeys();
        setIdentity(outcome.identity);
        requestSync();
        return;
      }
      setError(enrolErrorKey(outcome.status, outcome.problem?.errors?.[0]?.code, outcome.problem?.type));
    } catch {
      setError("enrol.error.offline");
    } finally {
      setBusy(false);
    }
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  if (identity === undefined) return <p>{t("loading")}</p>;
  if (identity) {
    return (
      <section>
        <h1>{t("enrol.title")}</h1>
        <p class="success" data-testid="enrolled">
          {identity.label
            ? t("enrol.done.named", { label: identity.label, when: formatDateTime(identity.enrolledAt) })
            : t("enrol.done", { when: formatDateTime(identity.enrolledAt) })}
        </p>
        <p>
          <a class="button" href="/">
            {t("enrol.toConsultations")}
          </a>
        </p>
      </section>
    );
  }
  const canScan = typeof window !== "undefined" && "BarcodeDetector" in window;
  return (
    <section>
      <h1>{t("enrol.title")}</h1>
      <p>{t("enrol.intro")}</p>
      <form onSubmit={enrol} noValidate>
        <div class="field">
          <label for="enrol-code">{t("enrol.code")}</label>
          <p id="enrol-code-hint" class="hint">
            {t("enrol.code.hint")}
          </p>
          {error ? (
            <p id="enrol-error" class="error-text" role="alert" tabIndex={-1} ref={errorRef}>
              {t(error)}
            </p>
          ) : null}
          <input
            id="enrol-code"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "enrol-code-hint enrol-error" : "enrol-code-hint"}
            onInput={(event) => setCode(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t("enrol.submitting") : t("enrol.submit")}
        </button>
      </form>
      {canScan ? (
        scanning ? (
          <QrScanner
            onCode={(scanned) => {
              setScanning(false);
              setCode(normalizeEnrolmentCode(scanned) ?? codeInLink(scanned) ?? scanned);
            }}
            onStop={() => setScanning(false)}
          />
        ) : (
          <button type="button" class="button" onClick={() => setScanning(true)}>
            {t("enrol.scan")}
          </button>
        )
      ) : null}
    </section>
  );
}

/** A scanned QR holds the enrolment link; its code is in the fragment. */
function codeInLink(text: string): string | undefined {
  const match = /#(?:.*&)?codigo=([^&]+)/.exec(text);
  return match?.[1] ? normalizeEnrolmentCode(decodeURIComponent(match[1])) : undefined;
}

function enrolErrorKey(status: number, code: string | undefined, type: string | undefined): MessageKey {
  if (problemTypeOf(type ?? "") === "device-taken") return "enrol.error.taken";
  if (status === 429) return "enrol.error.wait";
  if (code === "expired") return "enrol.error.expired";
  if (code === "used") return "enrol.error.used";
  if (code === "unknown") return "enrol.error.unknown";
  return "enrol.error.other";
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** Reads a QR code with the camera where the browser has BarcodeDetector; typing the code always works. */
function QrScanner({ onCode, onStop }: { onCode(text: string): void; onStop(): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let live = true;
    const Detector = (window as unknown as { BarcodeDetector: new (o: object) => BarcodeDetectorLike })
      .BarcodeDetector;
    const detector = new Detector({ formats: ["qr_code"] });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        if (!live || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (live) {
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) {
            onCode(found[0].rawValue);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);
  return (
    <div class="field">
      {failed ? <p class="error-text">{t("enrol.scan.failed")}</p> : null}
      <video ref={video} class="scanner" muted playsInline aria-label={t("enrol.scan.preview")} />
      <button type="button" class="button" onClick={onStop}>
        {t("enrol.scan.stop")}
      </button>
    </div>
  );
}
