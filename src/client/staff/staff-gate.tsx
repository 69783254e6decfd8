// What a staff screen shows until its data is ready: loading, a way to sign in, or that the server is out of reach.
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";

interface StaffGateProps {
  state: "loading" | "signed-out" | "offline";
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
  return (
    <p class="card">
      {t(signIn)} <a href="/entrar">{t(signInLink)}</a>
    </p>
  );
}
