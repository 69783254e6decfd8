// /consulta/:id/taller[/:workshopId]: open a workshop (place, date, facilitator) or complete it (attendance, minutes).
import "./i18n";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { AGE_BANDS, PEOPLES, SEXES } from "../../domain/demographics";
import { DEPARTMENTS, municipalitiesOf } from "../../domain/territory/guatemala";
import { type Attendance, checkWorkshop, MINUTES_LIMIT, Workshop } from "../../domain/workshop";
import { database } from "../db/database";
import { saveWorkshopWithMutation } from "../db/outbox";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { settings } from "../storage/settings";
import { requestSync } from "../sync/sync-status";
import { markFieldPhone } from "../ui/field-mode";
import { localDate } from "../ui/local-date";
import { MediaField } from "./media-field";

type Breakdown = "bySex" | "byAgeBand" | "byPeople";
const BREAKDOWNS = [
  { key: "bySex", values: SEXES, label: "workshop.bySex", item: "field.sex" },
  { key: "byAgeBand", values: AGE_BANDS, label: "workshop.byAge", item: "field.age" },
  { key: "byPeople", values: PEOPLES, label: "workshop.byPeople", item: "field.people" },
] as const;

interface Form {
  departmentCode: string;
  municipalityCode: string;
  community: string;
  date: string;
  facilitator: string;
  total: string;
  counts: Record<Breakdown, Record<string, string>>;
  minutes: string;
}

const blank = (): Form => ({
  departmentCode: "",
  municipalityCode: "",
  community: "",
  date: localDate(),
  facilitator: "",
  total: "",
  counts: { bySex: {}, byAgeBand: {}, byPeople: {} },
  minutes: "",
});

function formOf(workshop: Workshop): Form {
  const text = (record: Record<string, number | undefined> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, String(value ?? "")]));
  return {
    departmentCode: workshop.departmentCode,
    municipalityCode: workshop.municipalityCode,
    community: workshop.community,
    date: workshop.date,
    facilitator: workshop.facilitator,
    total: workshop.attendance.total === undefined ? "" : String(workshop.attendance.total),
    counts: {
      bySex: text(workshop.attendance.bySex),
      byAgeBand: text(workshop.attendance.byAgeBand),
      byPeople: text(workshop.attendance.byPeople),
    },
    minutes: workshop.minutes ?? "",
  };
}

/** Counts as typed → numbers; a count that is not a whole number ≥ 0 is named by its pointer. */
function attendanceOf(form: Form): { attendance: Attendance; bad: string[] } {
  const bad: string[] = [];
  const read = (text: string, pointer: string): number | undefined => {
    const trimmed = text.trim();
    if (trimmed === "") return undefined;
    if (!/^\d{1,6}$/.test(trimmed)) {
      bad.push(pointer);
      return undefined;
    }
    return Number(trimmed);
  };
  const attendance: Attendance = {};
  const total = read(form.total, "/attendance/total");
  if (total !== undefined) attendance.total = total;
  for (const { key } of BREAKDOWNS) {
    const values: Record<string, number> = {};
    for (const [item, text] of Object.entries(form.counts[key])) {
      const value = read(text, `/attendance/${key}/${item}`);
      if (value !== undefined) values[item] = value;
    }
    if (Object.keys(values).length > 0) (attendance as Record<string, unknown>)[key] = values;
  }
  return { attendance, bad };
}

const ISSUE_KEYS: Record<string, MessageKey> = {
  unknown_municipality: "workshop.issue.municipality",
  municipality_outside_department: "workshop.issue.municipality",
  breakdown_exceeds_total: "workshop.issue.exceeds",
  invalid_date: "workshop.issue.date",
  count: "workshop.issue.count",
};

export function WorkshopScreen() {
  const { params } = useRoute();
  const { route } = useLocation();
  const { t } = useI18n();
  const consultationId = params.id ?? "";
  const editingId = params.workshopId;
  const [form, setForm] = useState<Form>();
  const [existing, setExisting] = useState<Workshop>();
  const [issues, setIssues] = useState<{ pointer: string; key: MessageKey }[]>([]);
  const [saving, setSaving] = useState(false);
  const [photos, setPhotos] = useState<string[]>([]);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void (async () => {
      if (editingId) {
        const stored = await database().workshops.get(editingId);
        if (stored) {
          const { syncState: _state, problem: _problem, ...workshop } = stored;
          setExisting(workshop);
          setForm(formOf(workshop));
          setPhotos((workshop.photos ?? []).map((photo) => photo.id));
          return;
        }
      }
      const identity = await settings.getIdentity();
      setForm({ ...blank(), facilitator: identity?.label ?? "" });
    })();
  }, [editingId]);

  if (!form) return <p>{t("loading")}</p>;
  const edit = (next: Partial<Form>) => setForm({ ...form, ...next });
  const issueAt = (pointer: string) => issues.find((issue) => issue.pointer === pointer);
  const errorText = (pointer: string) => {
    const issue = issueAt(pointer);
    return issue ? (
      <p id={`${idOf(pointer)}-error`} class="error-text">
        {t(issue.key)}
      </p>
    ) : null;
  };
  const described = (pointer: string, hint?: string) =>
    [hint, issueAt(pointer) ? `${idOf(pointer)}-error` : undefined].filter(Boolean).join(" ") || undefined;

  async function save(event: Event) {
    event.preventDefault();
    if (!form || saving) return;
    setSaving(true);
    try {
      const now = new Date().toISOString();
      const { attendance, bad } = attendanceOf(form);
      const photoRefs = (await database().media.bulkGet(photos))
        .filter((row) => row !== undefined)
        .map(({ id, kind, mime, size, sha256 }) => ({ id, kind, mime, size, sha256 }));
      const deviceId = await settings.getDeviceId();
      const candidate = {
        id: existing?.id ?? uuidv7(),
        consultationId,
        departmentCode: form.departmentCode,
        municipalityCode: form.municipalityCode,
        community: form.community.trim(),
        date: form.date,
        facilitator: form.facilitator.trim(),
        attendance,
        ...(form.minutes.trim() ? { minutes: form.minutes.trim() } : {}),
        ...(photoRefs.length > 0 ? { photos: photoRefs } : {}),
        deviceId,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const found: { pointer: string; key: MessageKey }[] = bad.map((pointer) => ({
        pointer,
        key: "workshop.issue.count",
      }));
      for (const [field, pointer] of [
        ["departmentCode", "/departmentCode"],
        ["municipalityCode", "/municipalityCode"],
        ["community", "/community"],
        ["facilitator", "/facilitator"],
        ["date", "/date"],
      ] as const) {
        if (!candidate[field]) found.push({ pointer, key: "workshop.issue.required" });
      }
      const parsed = Workshop.safeParse(candidate);
      if (found.length === 0 && parsed.success) {
        for (const issue of checkWorkshop(parsed.data))
          found.push({ pointer: issue.pointer, key: ISSUE_KEYS[issue.code] ?? "workshop.issue.required" });
      } else if (found.length === 0) {
        found.push({ pointer: "/community", key: "workshop.issue.required" });
      }
      setIssues(found);
      if (found.length > 0 || !parsed.success) {
        requestAnimationFrame(() => summary.current?.focus());
        return;
      }
      await saveWorkshopWithMutation(database(), parsed.data, uuidv7());
      markFieldPhone();
      // The capture form picks this workshop for the next inputs.
      const db = database();
      const draft = await db.drafts.get(consultationId);
      await db.drafts.put({
        key: consultationId,
        themeId: draft?.themeId ?? "",
        answers: draft?.answers ?? {},
        freeText: draft?.freeText ?? "",
        ...draft,
        workshopId: parsed.data.id,
      });
      requestSync();
      route(`/consulta/${consultationId}`);
    } catch {
      setIssues([{ pointer: "/community", key: "issue.storage.failed" }]);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setSaving(false);
    }
  }

  const municipalities = form.departmentCode ? municipalitiesOf(form.departmentCode) : [];
  return (
    <form onSubmit={save} noValidate class="capture">
      <h1>{existing ? t("workshop.title.edit") : t("workshop.title.new")}</h1>
      {issues.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p>
            <strong>{t("capture.errors.title")}</strong>
          </p>
          <ul>
            {issues.map((issue) => (
              <li key={issue.pointer + issue.key}>
                <a href={`#${idOf(issue.pointer)}`}>{t(issue.key)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="field">
        <label for={idOf("/departmentCode")}>{t("workshop.department")}</label>
        {errorText("/departmentCode")}
        <select
          id={idOf("/departmentCode")}
          value={form.departmentCode}
          aria-describedby={described("/departmentCode")}
          onChange={(event) => edit({ departmentCode: event.currentTarget.value, municipalityCode: "" })}
        >
          <option value="">{t("workshop.choose")}</option>
          {DEPARTMENTS.map((department) => (
            <option key={department.code} value={department.code}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={idOf("/municipalityCode")}>{t("workshop.municipality")}</label>
        {errorText("/municipalityCode")}
        <select
          id={idOf("/municipalityCode")}
          value={form.municipalityCode}
          disabled={!form.departmentCode}
          aria-describedby={described("/municipalityCode")}
          onChange={(event) => edit({ municipalityCode: event.currentTarget.value })}
        >
          <option value="">{t("workshop.choose")}</option>
          {municipalities.map((municipality) => (
            <option key={municipality.code} value={municipality.code}>
              {municipality.name}
            </option>
          ))}
        </select>
      </div>
      {(
        [
          ["/community", "community", "workshop.community", 200],
          ["/facilitator", "facilitator", "workshop.facilitator", 120],
        ] as const
      ).map(([pointer, field, label, max]) => (
        <div key={field} class="field">
          <label for={idOf(pointer)}>{t(label)}</label>
          {errorText(pointer)}
          <input
            id={idOf(pointer)}
            type="text"
            maxLength={max}
            value={form[field]}
            aria-describedby={described(pointer)}
            onInput={(event) => edit({ [field]: event.currentTarget.value })}
          />
        </div>
      ))}
      <div class="field">
        <label for={idOf("/date")}>{t("workshop.date")}</label>
        {errorText("/date")}
        <input
          id={idOf("/date")}
          type="date"
          value={form.date}
          aria-describedby={described("/date")}
          onInput={(event) => edit({ date: event.currentTarget.value })}
        />
      </div>
      <fieldset class="field">
        <legend>{t("workshop.attendance")}</legend>
        <p class="hint">{t("workshop.attendance.hint")}</p>
        <CountField
          id={idOf("/attendance/total")}
          label={t("workshop.total")}
          value={form.total}
          error={errorText("/attendance/total")}
          invalid={issueAt("/attendance/total") !== undefined}
          onInput={(total) => edit({ total })}
        />
        {BREAKDOWNS.map(({ key, values, label, item }) => (
          <fieldset key={key} id={idOf(`/attendance/${key}`)} class="field counts" tabIndex={-1}>
            <legend>{t(label)}</legend>
            {errorText(`/attendance/${key}`)}
            {values.map((value) => (
              <CountField
                key={value}
                id={idOf(`/attendance/${key}/${value}`)}
                label={t(`${item}.${value}` as MessageKey)}
                value={form.counts[key][value] ?? ""}
                error={errorText(`/attendance/${key}/${value}`)}
                invalid={issueAt(`/attendance/${key}/${value}`) !== undefined}
                onInput={(text) =>
                  edit({ counts: { ...form.counts, [key]: { ...form.counts[key], [value]: text } } })
                }
              />
            ))}
          </fieldset>
        ))}
      </fieldset>
      <div class="field">
        <label for="workshop-minutes">{t("workshop.minutes")}</label>
        <p id="workshop-minutes-hint" class="hint">
          {t("workshop.minutes.hint")}
        </p>
        <textarea
          id="workshop-minutes"
          rows={6}
          maxLength={MINUTES_LIMIT}
          aria-describedby="workshop-minutes-hint"
          value={form.minutes}
          onInput={(event) => edit({ minutes: event.currentTarget.value })}
        />
      </div>
      <MediaField
        draftKey={`workshop:${existing?.id ?? consultationId}`}
        ids={photos}
        onChange={setPhotos}
        photosOnly
      />
      <button type="submit" class="button button-primary" disabled={saving}>
        {t("workshop.save")}
      </button>
      <p>
        <a href={`/consulta/${consultationId}`}>{t("workshop.back")}</a>
      </p>
    </form>
  );
}

/** A control's id from its pointer: "/attendance/bySex/female" → "w-attendance-bySex-female". */
function idOf(pointer: string): string {
  return `w${pointer.replaceAll("/", "-")}`;
}

function CountField(props: {
  id: string;
  label: string;
  value: string;
  error: preact.ComponentChildren;
  invalid: boolean;
  onInput(value: string): void;
}) {
  return (
    <div class="count-field">
      <label for={props.id}>{props.label}</label>
      {props.error}
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        size={6}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.invalid ? `${props.id}-error` : undefined}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </div>
  );
}
