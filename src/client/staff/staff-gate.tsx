// What a staff screen shows until its data is ready: loading, a way to sign in, that the server is out of reach,
// or that its answer could not be read.
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface StaffGateProps {
  state: "loading" | "signed-out" | "offline" | "unreadable";
  /** Why signing in is needed, in the screen's words. */
  signIn: MessageKey;
  offline: MessageKey;
  /** The sign-in link's text. */
  signInLink?: MessageKey;
}

export function StaffGate({ state, signIn, offline, signInLink = "staff.submit" }: StaffGateProps) {
  const { t } = useI18n();
  if (state === "loading") return <p>{t("loading")}</p>;
  if (state === "offline") return <p class="card">{t(offline)}</p>;
  if (state === "unreadable")
    return (
      <p class="card error-text" role="alert">
        {t("staff.unreadable")}
      </p>
    );
  return (
    <p class="card">
      {t(signIn)} <a href="/entrar">{t(signInLink)}</a>
    </p>
  );
}
