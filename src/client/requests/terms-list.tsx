// The LAIP terms running for a request, each with its last day in words and its article, as the server listed
// them: the requester's status page and the officer's desk read the same list.
import type { LegalTerm } from "../../domain/requests/info-request";
import { useI18n } from "../i18n/i18n";
import { formatLocalDate } from "./format";

export function TermsList({ terms }: { terms: readonly LegalTerm[] }) {
  const { t, language } = useI18n();
  if (terms.length === 0) return null;
  return (
    <ul class="list rows" data-testid="legal-terms">
      {terms.map((term) => (
        <li key={term.kind} data-kind={term.kind} class={term.overdue ? "error-text" : undefined}>
          <span>
            {t(`term.${term.kind}`, {
              until: formatLocalDate(term.until, language),
              from: term.from ? formatLocalDate(term.from, language) : "",
            })}{" "}
            <span class="hint">{t("term.article", { article: term.article })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
