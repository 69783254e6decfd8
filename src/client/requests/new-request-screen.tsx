// A citizen's information request: institution, what they need, a name, optional contact, delivery.
// Saved on the phone in one write; the sync engine sends it when there is a connection.
import "./i18n";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { uuidv7 } from "uuidv7";
import {
  DELIVERY_MODES,
  type DeliveryMode,
  NewInfoRequest,
  REQUEST_KINDS,
  type RequestKind,
} from "../../domain/requests/info-request";
import { searchInstitutions } from "../../domain/requests/institution-search";
import { newProvisionalCode, newTrackingCode } from "../../domain/requests/tracking-code";
import { loadDatabase, useLazyLiveQuery } from "../db/lazy-live-query";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { getDeviceId, settings } from "../storage/settings";
import { requestSync, startSyncEarly } from "../sync/sync-status";
import { markFieldPhone } from "../ui/field-mode";
import { InstitutionMatches } from "./institution-matches";
import { readerSha256Of, saveRequest } from "./request-store";

type FieldName = "institution" | "description" | "name" | "email" | "phone";
const ERROR_KEYS: Record<FieldName, MessageKey> = {
  institution: "req.error.institution",
  description: "req.error.description",
  name: "req.error.name",
  email: "req.error.email",
  phone: "req.error.phone",
};
const FIELD_OF_PATH: Record<string, FieldName> = {
  institutionId: "institution",
  description: "description",
  requesterName: "name",
  contactEmail: "email",
  contactPhone: "phone",
};
const FIELD_IDS: Record<FieldName, string> = {
  institution: "req-institution",
  description: "req-description",
  name: "req-name",
  email: "req-email",
  phone: "req-phone",
};

export function NewRequestScreen() {
  const { t } = useI18n();
  const { route } = useLocation();
  // The institutions are read from the phone's database once the person goes to the field, not before: the
  // database's script stays out of the screen's first seconds (they list themselves offline all the same).
  const [wanted, setWanted] = useState(false);
  const institutions = useLazyLiveQuery((db) => db.institutions.toArray(), [], wanted);
  // None yet (a first visit): the first pull brings them, now rather than when the page is quiet.
  useEffect(() => {
    if (institutions?.length === 0) startSyncEarly();
  }, [institutions?.length]);
  const [query, setQuery] = useState("");
  const [institution, setInstitution] = useState<{ id: string; name: string } | undefined>();
  const [description, setDescription] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [delivery, setDelivery] = useState<DeliveryMode>("electronic");
  const [kind, setKind] = useState<RequestKind>("information");
  const [oral, setOral] = useState(false);
  const [errors, setErrors] = useState<FieldName[]>([]);
  const [failure, setFailure] = useState<MessageKey | undefined>();
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Set before the first await: a second tap while saving must not file a second request.
  const busy = useRef(false);
  // One id and one pair of codes per form: even a second save would hit the same key, never a second request.
  const identity = useRef({
    id: uuidv7(),
    provisionalCode: newProvisionalCode(),
    trackingCode: newTrackingCode(),
  });

  const matches = useMemo(
    () => (institutions ? searchInstitutions(query, institutions).slice(0, 8) : []),
    [query, institutions],
  );

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    try {
      await save();
    } finally {
      busy.current = false;
    }
  }

  async function save() {
    const { id, provisionalCode, trackingCode } = identity.current;
    const request = {
      id,
      deviceId: await getDeviceId(),
      institutionId: institution?.id ?? "",
      description,
      requesterName: name,
      ...(email.trim() ? { contactEmail: email } : {}),
      ...(phone.trim() ? { contactPhone: phone } : {}),
      delivery,
      // Public information is the default: its requests carry no kind, as before personal data existed.
      ...(kind === "information" ? {} : { kind }),
      channel: oral ? ("oral" as const) : ("web" as const),
      provisionalCode,
      trackingCode,
      createdAt: new Date().toISOString(),
      // Lets this phone, and no other, learn when the request's status changes (no folio or code needed).
      readerSha256: await readerSha256Of(await settings.ensureReaderKey()),
    };
    const parsed = NewInfoRequest.safeParse(request);
    if (!parsed.success || !institution) {
      const fields = new Set<FieldName>(institution ? [] : ["institution"]);
      for (const issue of parsed.error?.issues ?? []) {
        const field = FIELD_OF_PATH[String(issue.path[0])];
        if (field) fields.add(field);
      }
      setErrors([...fields]);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      // The checked copy (trimmed text, canonical code) is what is kept and sent.
      await saveRequest(await loadDatabase(), parsed.data, institution.name);
      // Taking a request down for someone who asked aloud is field work; filing one's own is not.
      if (parsed.data.channel === "oral") markFieldPhone();
      requestSync();
      route(`/solicitudes/recibo/${request.id}`);
    } catch (error) {
      // Already saved under this form's id (a save that finished after all): show its receipt.
      if (error instanceof Error && error.name === "ConstraintError")
        return route(`/solicitudes/recibo/${request.id}`);
      const full = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`);
      setFailure(full ? "req.error.storage" : "req.error.save");
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setSaving(false);
    }
  }

  const invalid = (field: FieldName) => errors.includes(field);
  const describedBy = (field: FieldName, hint?: string) =>
    [hint, invalid(field) ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const fieldError = (field: FieldName) =>
    invalid(field) ? (
      <p id={`${FIELD_IDS[field]}-error`} class="error-text">
        {t(ERROR_KEYS[field])}
      </p>
    ) : null;

  return (
    <section>
      <h1>{t("req.new.title")}</h1>
      <div ref={summaryRef} tabIndex={-1}>
        {errors.length > 0 ? (
          <div class="error-summary" role="alert">
            <p>{t("req.error.summary")}</p>
            <ul>
              {errors.map((field) => (
                <li key={field}>
                  <a href={`#${FIELD_IDS[field]}`}>{t(ERROR_KEYS[field])}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {failure ? (
          <p class="error-text" role="alert">
            {t(failure)}
          </p>
        ) : null}
      </div>
      <form class="card" onSubmit={(event) => void submit(event)} noValidate>
        <div class="field">
          <label for="req-institution">{t("req.field.institution")}</label>
          {institution ? (
            <p data-testid="chosen-institution">
              {t("req.field.institution.chosen", { name: institution.name })}{" "}
              <button type="button" class="button" onClick={() => setInstitution(undefined)}>
                {t("req.field.institution.change")}
              </button>
            </p>
          ) : (
            <>
              <p id="req-institution-hint" class="hint">
                {institutions && institutions.length === 0
                  ? t("req.field.institution.empty")
                  : t("req.field.institution.hint")}
              </p>
              <input
                id="req-institution"
                type="search"
                autocomplete="off"
                value={query}
                aria-invalid={invalid("institution")}
                aria-describedby={describedBy("institution", "req-institution-hint")}
                onFocus={() => setWanted(true)}
                onInput={(event) => {
                  setWanted(true);
                  setQuery(event.currentTarget.value);
                }}
              />
              {fieldError("institution")}
              {query.trim() && institutions && matches.length === 0 ? (
                <p>{t("req.field.institution.none")}</p>
              ) : null}
              <InstitutionMatches
                matches={matches}
                label={t("req.field.institution")}
                onPick={(match) => {
                  setInstitution({ id: match.id, name: match.name });
                  setQuery("");
                }}
              />
            </>
          )}
        </div>
        <fieldset class="field">
          <legend>{t("req.kind.legend")}</legend>
          {REQUEST_KINDS.map((option) => (
            <label key={option} class="choice">
              <input
                type="radio"
                name="kind"
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              {t(`req.kind.${option}`)}
            </label>
          ))}
          {kind === "information" ? null : <p class="hint">{t("req.kind.personalHint")}</p>}
        </fieldset>
        <div class="field">
          <label for="req-description">{t("req.field.description")}</label>
          <p id="req-description-hint" class="hint">
            {t("req.field.description.hint")}
          </p>
          <textarea
            id="req-description"
            rows={5}
            maxLength={5000}
            value={description}
            aria-invalid={invalid("description")}
            aria-describedby={describedBy("description", "req-description-hint")}
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
          {fieldError("description")}
        </div>
        <div class="field">
          <label for="req-name">{t("req.field.name")}</label>
          <p id="req-name-hint" class="hint">
            {t("req.field.name.hint")}
          </p>
          <input
            id="req-name"
            autocomplete="name"
            value={name}
            aria-invalid={invalid("name")}
            aria-describedby={describedBy("name", "req-name-hint")}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          {fieldError("name")}
        </div>
        <div class="field">
          <label for="req-email">{t("req.field.email")}</label>
          <input
            id="req-email"
            type="email"
            autocomplete="email"
            value={email}
            aria-invalid={invalid("email")}
            aria-describedby={describedBy("email")}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          {fieldError("email")}
        </div>
        <div class="field">
          <label for="req-phone">{t("req.field.phone")}</label>
          <input
            id="req-phone"
            type="tel"
            autocomplete="tel"
            value={phone}
            aria-invalid={invalid("phone")}
            aria-describedby={describedBy("phone")}
            onInput={(event) => setPhone(event.currentTarget.value)}
          />
          {fieldError("phone")}
        </div>
        <fieldset class="field">
          <legend>{t("req.field.delivery")}</legend>
          {DELIVERY_MODES.map((mode) => (
            <label key={mode} class="choice">
              <input
                type="radio"
                name="delivery"
                value={mode}
                checked={delivery === mode}
                onChange={() => setDelivery(mode)}
              />
              {t(`req.delivery.${mode}`)}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={oral} onChange={(event) => setOral(event.currentTarget.checked)} />
          {t("req.field.oral")}
        </label>
        <button type="submit" class="button button-primary" disabled={saving}>
          {saving ? t("req.saving") : t("req.submit")}
        </button>
      </form>
    </section>
  );
}
