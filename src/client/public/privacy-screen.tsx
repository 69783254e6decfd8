// /privacidad: what the deployment keeps, for how long and who sees it, in plain words, with its operator.
import "./i18n";
import { contactHref } from "../../domain/site-identity";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { siteIdentity } from "../ui/site-identity";

const SECTIONS: readonly [title: MessageKey, paragraphs: MessageKey[]][] = [
  ["privacy.requests.title", ["privacy.requests.what", "privacy.requests.who", "privacy.requests.how_long"]],
  ["privacy.inputs.title", ["privacy.inputs.what", "privacy.inputs.who", "privacy.inputs.how_long"]],
  ["privacy.phone.title", ["privacy.phone.what", "privacy.phone.third"]],
  ["privacy.staff.title", ["privacy.staff.what"]],
];

export function PrivacyScreen() {
  const { t } = useI18n();
  const { name, operator, contact } = siteIdentity;
  return (
    <article>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro", { operator, name })}</p>
      <p data-testid="privacy-contact">
        {contact ? (
          <>
            {t("privacy.contact")} <a href={contactHref(contact)}>{contact}</a>.
          </>
        ) : (
          t("privacy.contact.none", { operator })
        )}
      </p>
      {SECTIONS.map(([title, paragraphs]) => (
        <section key={title}>
          <h2>{t(title)}</h2>
          {paragraphs.map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
        </section>
      ))}
    </article>
  );
}
