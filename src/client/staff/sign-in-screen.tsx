// Staff sign-in (organizers, information officers, admins). Citizens and facilitators never need it.
import { useEffect, useRef, useState } from "preact/hooks";
import { z } from "zod/mini";
import { CurrentUser, FIRST_ACCOUNT_COMMAND, PASSWORD_LIMITS } from "../../domain/accounts";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { readAnswer } from "./staff-json";
import { forgetStaff, rememberStaff, signOut } from "./staff-session";

type Message = { key: MessageKey; params?: Record<string, string | number>; error: boolean };

const jsonHeaders = { "content-type": "application/json", accept: "application/json" };

const UserAnswer = z.object({ user: CurrentUser });
const FirstStartAnswer = z.object({ staffAccounts: z.boolean() });

async function readUser(response: Response): Promise<CurrentUser | undefined> {
  return (await readAnswer(response, UserAnswer))?.user;
}

export function SignInScreen() {
  const { t } = useI18n();
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | undefined>();
  const messageRef = useRef<HTMLParagraphElement>(null);
  /** False on a new deployment: no account exists, and the page says how to make the first. */
  const [staffAccounts, setStaffAccounts] = useState(true);

  useEffect(() => {
    if (new URLSearchParams(location.search).has("salio"))
      setMessage({ key: "staff.loggedOut", error: false });
    fetch("/api/v1/auth/me", { headers: { accept: "application/json" } })
      .then(async (response) => {
        const me = response.ok ? ((await readUser(response)) ?? null) : null;
        if (me) rememberStaff(me);
        else if (response.status === 401) forgetStaff();
        setUser(me);
      })
      .catch(() => setUser(null));
  }, []);
  useEffect(() => {
    if (user !== null) return;
    fetch("/api/v1/auth/first-start", { headers: { accept: "application/json" } })
      .then(async (response) => {
        const answer = response.ok ? await readAnswer(response, FirstStartAnswer) : undefined;
        if (answer?.staffAccounts === false) setStaffAccounts(false);
      })
      .catch(() => undefined);
  }, [user]);

  const say = (next: Message) => {
    setMessage(next);
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  async function signIn(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) return say({ key: "staff.error.missing", error: true });
    setBusy(true);
    try {
      const response = await fetch("/api/v1/auth/login", {
        method: "POST",
        headers: jsonHeaders,
        body: JSON.stringify({ email, password }),
      });
      if (response.ok) {
        setPassword("");
        const signedIn = (await readUser(response)) ?? null;
        if (signedIn) rememberStaff(signedIn);
        setUser(signedIn);
        setMessage(undefined);
      } else if (response.status === 429) {
        say({
          key: "staff.error.wait",
          params: { seconds: response.headers.get("retry-after") ?? "60" },
          error: true,
        });
      } else if (response.status === 401) {
        say({ key: "staff.error.credentials", error: true });
      } else {
        say({ key: "staff.error.other", error: true });
      }
    } catch {
      say({ key: navigator.onLine ? "staff.error.other" : "staff.error.offline", error: true });
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    await signOut();
    setUser(null);
    say({ key: "staff.loggedOut", error: false });
  }

  return (
    <section>
      <h1>{t("staff.title")}</h1>
      {message ? (
        <p
          ref={messageRef}
          tabIndex={-1}
          role={message.error ? "alert" : "status"}
          class={message.error ? "error-text" : "success"}
        >
          {t(message.key, message.params)}
        </p>
      ) : null}
      {user === undefined ? (
        <p>{t("loading")}</p>
      ) : user ? (
        <div class="card">
          <p data-testid="signed-in">
            {t("staff.signedIn", { name: user.name, role: t(`role.${user.role}`) })}
          </p>
          {user.role === "admin" ? (
            <p>
              <a class="button button-primary" href="/admin">
                {t("staff.toAdmin")}
              </a>
            </p>
          ) : null}
          {user.role === "organizer" || user.role === "admin" ? (
            <>
              <p>
                <a class="button" href="/resultados">
                  {t("staff.toResults")}
                </a>
              </p>
              <p>
                <a class="button" href="/disenar">
                  {t("staff.toDesign")}
                </a>
              </p>
            </>
          ) : null}
          {user.role === "officer" ? (
            <p>
              <a class="button button-primary" href="/oficina">
                {t("staff.toOffice")}
              </a>
            </p>
          ) : null}
          {user.role === "officer" || user.role === "civil_society" ? (
            <p>
              <a class={user.role === "officer" ? "button" : "button button-primary"} href="/seguimiento">
                {t("staff.toTracker")}
              </a>
            </p>
          ) : null}
          <button type="button" class="button" onClick={() => void leave()}>
            {t("staff.logout")}
          </button>
        </div>
      ) : (
        <>
          {staffAccounts ? null : (
            <section class="card attention-note" data-testid="first-start" aria-labelledby="first-start">
              <h2 id="first-start">{t("staff.firstStart.title")}</h2>
              <p>{t("staff.firstStart.text")}</p>
              <pre class="command">
                <code>{FIRST_ACCOUNT_COMMAND}</code>
              </pre>
              <p>{t("staff.firstStart.password", PASSWORD_LIMITS)}</p>
            </section>
          )}
          <form class="card" onSubmit={signIn} noValidate>
            <p>{t("staff.intro")}</p>
            <div class="field">
              <label for="staff-email">{t("staff.email")}</label>
              <input
                id="staff-email"
                type="email"
                autocomplete="username"
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="staff-password">{t("staff.password")}</label>
              <input
                id="staff-password"
                type="password"
                autocomplete="current-password"
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
            </div>
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? t("staff.signingIn") : t("staff.submit")}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
