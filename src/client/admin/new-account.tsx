// Making a staff account: email, name, role (an officer names the institution) and a first password.
import "./i18n";
import { useState } from "preact/hooks";
import type { Institution } from "../../domain/requests/info-request";
import { useI18n } from "../i18n/i18n";
import { type Notice, NoticeLine, send } from "./admin-send";

export function NewAccount({
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
    organisation: "",
    password: "",
  });
  const [notice, setNotice] = useState<Notice>();
  async function create(event: Event) {
    event.preventDefault();
    const { organisation, ...account } = form;
    const result = await send("POST", "/api/v1/admin/users", {
      ...account,
      // Only a civil-society account speaks for an organisation.
      ...(form.role === "civil_society" ? { organisation } : {}),
      ...(fixedInstitution ? { role: "officer", institutionId: fixedInstitution.id } : {}),
    });
    setNotice(result);
    if (!result.error) {
      setForm({ ...form, email: "", name: "", organisation: "", password: "" });
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
            <option value="civil_society">{t("role.civil_society")}</option>
          </select>
        </div>
      )}
      {form.role === "civil_society" ? (
        <div class="field">
          <label for={id("organisation")}>{t("admin.field.organisation")}</label>
          <input
            id={id("organisation")}
            value={form.organisation}
            onInput={(e) => setForm({ ...form, organisation: e.currentTarget.value })}
          />
        </div>
      ) : null}
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
