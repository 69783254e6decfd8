// What a public screen says while its data is not there: loading, offline (information, not an error), not found,
// or unreadable, each in the screen's own words.
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

export type NotReadyState = "loading" | "offline" | "failed" | "missing";

export function NotReady({
  state,
  say,
}: {
  state: NotReadyState;
  say: Record<Exclude<NotReadyState, "loading">, MessageKey>;
}) {
  const { t } = useI18n();
  if (state === "loading") return <p>{t("loading")}</p>;
  return (
    <p
      class={state === "offline" ? "status-line" : "error-text"}
      role={state === "offline" ? "status" : "alert"}
    >
      {t(say[state])}
    </p>
  );
}
