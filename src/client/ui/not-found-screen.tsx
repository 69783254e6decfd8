// Shown for an address the app does not know.
import { useI18n } from "../i18n/i18n";

export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p>
        <a class="button" href="/">
          {t("notFound.back")}
        </a>
      </p>
    </section>
  );
}
