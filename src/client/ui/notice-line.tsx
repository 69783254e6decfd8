// One line that says whether something was kept, in plain words: a status when it was, an alert when it was not.
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

export type Notice =
  | { key: MessageKey; params?: Record<string, string | number>; error: boolean }
  | undefined;

export function NoticeLine({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <p role={notice.error ? "alert" : "status"} class={notice.error ? "error-text" : "success"}>
      {t(notice.key, notice.params)}
    </p>
  );
}
