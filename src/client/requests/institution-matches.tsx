// Institutions found by a search, each a large button that picks it (the request form, an officer's referral).
import type { Institution } from "../../domain/requests/info-request";

export function InstitutionMatches<Match extends Pick<Institution, "id" | "name" | "acronym">>({
  matches,
  label,
  onPick,
}: {
  matches: readonly Match[];
  /** The list's name for screen readers: the field it answers. */
  label: string;
  onPick(match: Match): void;
}) {
  if (matches.length === 0) return null;
  return (
    <ul class="list institution-results" aria-label={label}>
      {matches.map((match) => (
        <li key={match.id}>
          <button type="button" class="button choice-button" onClick={() => onPick(match)}>
            {match.name} ({match.acronym})
          </button>
        </li>
      ))}
    </ul>
  );
}
