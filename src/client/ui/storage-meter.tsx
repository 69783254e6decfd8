// How much of the phone's storage the app uses, with a warning from 80% of what the browser allows.
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";

/** From this share of the quota on, the facilitator is warned before a write can fail. */
export const STORAGE_WARNING_SHARE = 0.8;

export function StorageMeter({ refresh }: { refresh?: unknown }) {
  const { t, locale } = useI18n();
  const [estimate, setEstimate] = useState<{ usage: number; quota: number }>();
  useEffect(() => {
    void navigator.storage?.estimate?.().then(({ usage = 0, quota = 0 }) => {
      if (quota > 0) setEstimate({ usage, quota });
    });
  }, [refresh]);
  if (!estimate) return null;
  const mb = (bytes: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
  const full = estimate.usage / estimate.quota >= STORAGE_WARNING_SHARE;
  return (
    <div data-testid="storage">
      <p class="hint">{t("storage.usage", { used: mb(estimate.usage), quota: mb(estimate.quota) })}</p>
      {full ? (
        <p class="error-text" role="alert">
          {t("storage.warning")}
        </p>
      ) : null}
    </div>
  );
}
