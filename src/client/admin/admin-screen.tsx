// Administration (admins only, online): institutions and their information-unit staff, staff accounts, the
// holiday calendar legal terms are counted with, and the log of what staff did.
import "./i18n";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Institution } from "../../domain/requests/info-request";
import { searchKey } from "../../domain/requests/institution-search";
import {
  InstitutionsAnswer,
  type Officer,
  OfficersAnswer,
  type StaffMember,
  UsersAnswer,
} from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, type StaffLoad } from "../staff/staff-json";
import { type Notice, NoticeLine, send } from "./admin-send";
import { AuditCard } from "./audit-card";
import { HolidaysCard } from "./holidays-card";

export function AdminScreen() {
  const { t } = useI18n();
  const [institutions, setInstitutions] = useState<StaffLoad<{ institutions: Institution[] }>>({
    state: "loading",
  });
  // Bumped when an account is made anywhere on the screen, so the staff list shows it.
  const [staffVersion, setStaffVersion] = useState(0);
  const staffChanged = () => setStaffVersion((version) => version + 1);
  const reload = () => loadStaffJson("/api/v1/admin/institutions", InstitutionsAnswer).then(setInstitutions);
  useEffect(() => {
    void reload();
  }, []);
  if (institutions.state !== "ready") {
    return (
      <section>
        <h1>{t("admin.title")}</h1>
        <StaffGate state={institutions.state} signIn="admin.signIn" offline="admin.offline" />
      </section>
    );
  }
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      {/* On a desk, the four cards side by side, two by two. */}
      <div class="work-grid">
        <Institutions all={institutions.data.institutions} reload={reload} onStaffChanged={staffChanged} />
        <StaffAccounts
          institutions={institutions.data.institutions}
          version={staffVersion}
          onStaffChanged={staffChanged}
        />
        <HolidaysCard institutions={institutions.data.institutions} />
        <AuditCard />
      </div>
    </section>
  );
}

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

function Institutions({
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

function NewAccount({
  fixedInstitution,
  onCreated,
  idPrefix,
}: {
  fixedInstitution?: Institution;
  onCreated: () => void;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    email: "",
    name: "",
    role: fixedInstitution ? "officer" : "organizer",
    password: "",
  });
  const [notice, setNotice] = useState<Notice>();
  async function create(event: Event) {
    event.preventDefault();
    const result = await send("POST", "/api/v1/admin/users", {
      ...form,
      ...(fixedInstitution ? { role: "officer", institutionId: fixedInstitution.id } : {}),
    });
    setNotice(result);
    if (!result.error) {
      setForm({ ...form, email: "", name: "", password: "" });
      onCreated();
    }
  }
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <form onSubmit={(event) => void create(event)} noValidate>
      <h4>{t("admin.staff.new")}</h4>
      <div class="field">
        <label for={id("email")}>{t("admin.field.email")}</label>
        <input
          id={id("email")}
          type="email"
          autocomplete="off"
          value={form.email}
          onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={id("name")}>{t("admin.field.name")}</label>
        <input
          id={id("name")}
          value={form.name}
          onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
      </div>
      {fixedInstitution ? null : (
        <div class="field">
          <label for={id("role")}>{t("admin.field.role")}</label>
          <select
            id={id("role")}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.currentTarget.value })}
          >
            <option value="organizer">{t("role.organizer")}</option>
            <option value="admin">{t("role.admin")}</option>
          </select>
        </div>
      )}
      <div class="field">
        <label for={id("password")}>{t("admin.field.password")}</label>
        <input
          id={id("password")}
          type="password"
          autocomplete="new-password"
          value={form.password}
          onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
        />
      </div>
      <NoticeLine notice={notice} />
      <button type="submit" class="button">
        {t("admin.staff.new")}
      </button>
    </form>
  );
}

function StaffAccounts({
  institutions,
  version,
  onStaffChanged,
}: {
  institutions: Institution[];
  version: number;
  onStaffChanged: () => void;
}) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const names = useMemo(() => new Map(institutions.map((i) => [i.id, i.acronym])), [institutions]);
  const reload = () =>
    loadStaffJson("/api/v1/admin/users", UsersAnswer).then((loaded) => {
      if (loaded.state === "ready") setStaff(loaded.data.users);
    });
  useEffect(() => {
    void reload();
  }, [version]);
  async function toggle(user: StaffMember) {
    setNotice(
      await send("PUT", `/api/v1/admin/users/${user.id}/disabled`, { disabled: user.disabledAt === null }),
    );
    await reload();
  }
  return (
    <section class="card" aria-labelledby="admin-staff">
      <h2 id="admin-staff">{t("admin.staff")}</h2>
      <NoticeLine notice={notice} />
      <ul class="list rows">
        {staff.map((user) => (
          <li key={user.id}>
            <span class="row-text">
              {user.name} · {user.email} · {t(`role.${user.role}` as MessageKey)}
              {user.institutionId ? ` · ${names.get(user.institutionId) ?? ""}` : ""}
              {user.disabledAt ? ` — ${t("admin.staff.disabled")}` : ""}
            </span>{" "}
            <button type="button" class="button" onClick={() => void toggle(user)}>
              {t(user.disabledAt ? "admin.staff.enable" : "admin.staff.disable", { email: user.email })}
            </button>
          </li>
        ))}
      </ul>
      <NewAccount onCreated={onStaffChanged} idPrefix="staff" />
    </section>
  );
}
