// The institutions card: search, add and edit the sujetos obligados, and the officers of the one being edited.
import "./i18n";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Institution } from "../../domain/requests/info-request";
import { searchKey } from "../../domain/requests/institution-search";
import { type Officer, OfficersAnswer } from "../../domain/staff-answers";
import { useI18n } from "../i18n/i18n";
import { loadStaffJson } from "../staff/staff-json";
import { type Notice, NoticeLine, send } from "./admin-send";
import { NewAccount } from "./new-account";

const KINDS = ["ministry", "secretariat", "municipality", "other"] as const;
const EMPTY = {
  name: "",
  acronym: "",
  kind: "other",
  territoryCode: "",
  active: true,
  officeCloses: "",
  halfDayCloses: "",
  highestAuthority: "",
};

export function Institutions({
  all,
  reload,
  onStaffChanged,
}: {
  all: Institution[];
  reload: () => Promise<void>;
  onStaffChanged: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<Institution | undefined>();
  const [form, setForm] = useState(EMPTY);
  const [notice, setNotice] = useState<Notice>();
  const matches = useMemo(() => {
    const key = searchKey(query);
    if (!key) return [];
    return all.filter((i) => searchKey(`${i.acronym} ${i.name}`).includes(key)).slice(0, 15);
  }, [query, all]);

  const edit = (institution: Institution | undefined) => {
    setEditing(institution);
    setForm(
      institution
        ? {
            name: institution.name,
            acronym: institution.acronym,
            kind: institution.kind,
            territoryCode: institution.territoryCode ?? "",
            active: institution.active,
            officeCloses: institution.officeCloses ?? "",
            halfDayCloses: institution.halfDayCloses ?? "",
            highestAuthority: institution.highestAuthority ?? "",
          }
        : EMPTY,
    );
    setNotice(undefined);
  };

  async function save(event: Event) {
    event.preventDefault();
    const body = {
      name: form.name,
      acronym: form.acronym,
      kind: form.kind,
      territoryCode: form.territoryCode.trim() || null,
      active: form.active,
      officeCloses: form.officeCloses || null,
      halfDayCloses: form.halfDayCloses || null,
      highestAuthority: form.highestAuthority.trim() || null,
    };
    const result = editing
      ? await send("PUT", `/api/v1/admin/institutions/${editing.id}`, body)
      : await send("POST", "/api/v1/admin/institutions", body);
    setNotice(result);
    if (!result.error) await reload();
  }

  return (
    <section class="card" aria-labelledby="admin-institutions">
      <h2 id="admin-institutions">{t("admin.institutions")}</h2>
      <div class="field">
        <label for="admin-search">{t("admin.institutions.search")}</label>
        <input
          id="admin-search"
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <ul class="list">
        {matches.map((institution) => (
          <li key={institution.id}>
            <button type="button" class="button choice-button" onClick={() => edit(institution)}>
              {t("admin.institutions.edit", { name: `${institution.name} (${institution.acronym})` })}
              {institution.active ? "" : ` — ${t("admin.institutions.inactive")}`}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="button" onClick={() => edit(undefined)}>
        {t("admin.institutions.new")}
      </button>
      <form onSubmit={(event) => void save(event)} noValidate>
        <h3>{editing ? editing.name : t("admin.institutions.new")}</h3>
        <div class="field">
          <label for="inst-name">{t("admin.field.name")}</label>
          <input
            id="inst-name"
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="inst-acronym">{t("admin.field.acronym")}</label>
          <input
            id="inst-acronym"
            value={form.acronym}
            onInput={(e) => setForm({ ...form, acronym: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="inst-kind">{t("admin.field.kind")}</label>
          <select
            id="inst-kind"
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="inst-territory">{t("admin.field.territory")}</label>
          <input
            id="inst-territory"
            inputMode="numeric"
            value={form.territoryCode}
            onInput={(e) => setForm({ ...form, territoryCode: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="inst-closes">{t("admin.field.officeCloses")}</label>
          <input
            id="inst-closes"
            type="time"
            aria-describedby="inst-hours-hint"
            value={form.officeCloses}
            onInput={(e) => setForm({ ...form, officeCloses: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="inst-half-closes">{t("admin.field.halfDayCloses")}</label>
          <input
            id="inst-half-closes"
            type="time"
            aria-describedby="inst-hours-hint"
            value={form.halfDayCloses}
            onInput={(e) => setForm({ ...form, halfDayCloses: e.currentTarget.value })}
          />
          <p class="hint" id="inst-hours-hint">
            {t("admin.field.hoursHint")}
          </p>
        </div>
        <div class="field">
          <label for="inst-authority">{t("admin.field.highestAuthority")}</label>
          <input
            id="inst-authority"
            value={form.highestAuthority}
            onInput={(e) => setForm({ ...form, highestAuthority: e.currentTarget.value })}
          />
        </div>
        <label class="choice">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
          />
          {t("admin.field.active")}
        </label>
        <NoticeLine notice={notice} />
        <button type="submit" class="button button-primary">
          {t("admin.save")}
        </button>
      </form>
      {editing ? <Officers institution={editing} onStaffChanged={onStaffChanged} /> : null}
    </section>
  );
}

function Officers({ institution, onStaffChanged }: { institution: Institution; onStaffChanged: () => void }) {
  const { t } = useI18n();
  const [officers, setOfficers] = useState<Officer[]>([]);
  const reload = () =>
    loadStaffJson(`/api/v1/admin/institutions/${institution.id}/officers`, OfficersAnswer).then((loaded) => {
      if (loaded.state === "ready") setOfficers(loaded.data.officers);
    });
  useEffect(() => {
    void reload();
  }, [institution.id]);
  return (
    <section aria-labelledby="admin-officers">
      <h3 id="admin-officers">{t("admin.officers")}</h3>
      {officers.length === 0 ? <p>{t("admin.officers.none")}</p> : null}
      <ul>
        {officers.map((officer) => (
          <li key={officer.id}>
            {officer.name} · {officer.email}
            {officer.disabledAt ? ` — ${t("admin.staff.disabled")}` : ""}
          </li>
        ))}
      </ul>
      <NewAccount
        fixedInstitution={institution}
        onCreated={() => {
          void reload();
          onStaffChanged();
        }}
        idPrefix="officer"
      />
    </section>
  );
}
