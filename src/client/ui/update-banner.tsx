// Offers a new version of the app; applying it first saves any half-filled form.
import { useI18n } from "../i18n/i18n";
import { createStore, useStore } from "./store";

export interface PendingUpdate {
  apply(): Promise<void>;
}

export const updateStore = createStore<PendingUpdate | undefined>(undefined);

type Flush = () => Promise<void>;
const flushers = new Set<Flush>();

/** Screens with unsaved input register how to keep it before the page reloads. */
export function onBeforeUpdate(flush: Flush): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushBeforeUpdate(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush()));
}

export function UpdateBanner() {
  const { t } = useI18n();
  const update = useStore(updateStore);
  if (!update) return null;
  return (
    <div class="banner" role="status">
      <p>
        {t("update.available")} {t("update.keep")}
      </p>
      <button type="button" class="button" onClick={() => void update.apply()}>
        {t("update.reload")}
      </button>
    </div>
  );
}
