// The app shell: header, navigation, connection state, the routes and the footer with who runs the service.
// Screens other than home load lazily.
import { useEffect, useState } from "preact/hooks";
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from "preact-iso";
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from "../domain/language-codes";
import { HomeScreen } from "./home/home-screen";
import type { CommunityLanguage } from "./i18n/community";
import { changeLanguage, languageStore, useI18n } from "./i18n/i18n";
import { UI_LANGUAGES_EVENT } from "./i18n/ui-languages-event";
import { StaffNav } from "./staff/staff-nav";
import { syncStatus } from "./sync/sync-status";
import { fieldMode } from "./ui/field-mode";
import { siteIdentity } from "./ui/site-identity";
import { useStore } from "./ui/store";
import { UpdateBanner } from "./ui/update-banner";

const ConsultationsScreen = lazy(() =>
  import("./consultations/consultations-screen").then((m) => m.ConsultationsScreen),
);
const PrivacyScreen = lazy(() => import("./public/privacy-screen").then((m) => m.PrivacyScreen));
const CaptureScreen = lazy(() => import("./consultations/capture-screen").then((m) => m.CaptureScreen));
const WorkshopScreen = lazy(() => import("./consultations/workshop-screen").then((m) => m.WorkshopScreen));
const InputsScreen = lazy(() => import("./consultations/inputs-screen").then((m) => m.InputsScreen));
const SignInScreen = lazy(() => import("./staff/sign-in-screen").then((m) => m.SignInScreen));
const RequestsHomeScreen = lazy(() =>
  import("./requests/requests-home-screen").then((m) => m.RequestsHomeScreen),
);
const NewRequestScreen = lazy(() => import("./requests/new-request-screen").then((m) => m.NewRequestScreen));
const ReceiptScreen = lazy(() => import("./requests/receipt-screen").then((m) => m.ReceiptScreen));
const StatusScreen = lazy(() => import("./requests/status-screen").then((m) => m.StatusScreen));
const OfficeScreen = lazy(() => import("./requests/office-screen").then((m) => m.OfficeScreen));
const ReportScreen = lazy(() => import("./requests/report-screen").then((m) => m.ReportScreen));
const StatsScreen = lazy(() => import("./requests/stats-screen").then((m) => m.StatsScreen));
const AdminScreen = lazy(() => import("./admin/admin-screen").then((m) => m.AdminScreen));
const ResultsScreen = lazy(() => import("./results/results-screen").then((m) => m.ResultsScreen));
const DesignScreen = lazy(() => import("./design/design-screen").then((m) => m.DesignScreen));
const PromptsScreen = lazy(() => import("./design/prompts-screen").then((m) => m.PromptsScreen));
const DashboardScreen = lazy(() => import("./results/dashboard-screen").then((m) => m.DashboardScreen));
const AccountabilityScreen = lazy(() =>
  import("./public/accountability-screen").then((m) => m.AccountabilityScreen),
);
const CatalogueScreen = lazy(() => import("./public/catalogue-screen").then((m) => m.CatalogueScreen));
const EnrolScreen = lazy(() => import("./enrol/enrol-screen").then((m) => m.EnrolScreen));
const DevicesScreen = lazy(() => import("./enrol/devices-screen").then((m) => m.DevicesScreen));
const CommitmentsScreen = lazy(() => import("./tracker/commitments-screen").then((m) => m.CommitmentsScreen));
const TrackerWorkScreen = lazy(() =>
  import("./tracker/tracker-work-screen").then((m) => m.TrackerWorkScreen),
);
const DraftsScreen = lazy(() => import("./drafting/drafts-screen").then((m) => m.DraftsScreen));
const DraftWorkScreen = lazy(() => import("./drafting/draft-work-screen").then((m) => m.DraftWorkScreen));
const NotFoundScreen = lazy(() => import("./ui/not-found-screen").then((m) => m.NotFoundScreen));

/** Work screens and wide tables use a desk's width; the other public screens keep a reading column. */
const WIDE_PATHS = [
  "/oficina",
  "/informe-anual",
  "/admin",
  "/resultados",
  "/disenar",
  "/dispositivos",
  "/estadisticas",
  "/seguimiento",
  "/redaccion",
];

function ConnectionBadge() {
  const { t } = useI18n();
  const { online } = useStore(syncStatus);
  return (
    <span class={`badge ${online ? "badge-online" : "badge-offline"}`} data-testid="connection">
      <span aria-hidden="true">{online ? "●" : "○"}</span>{" "}
      <span class="badge-text">{online ? t("net.online") : t("net.offline")}</span>
    </span>
  );
}

/**
 * Spanish and English, and the Mayan languages communities translated (issue #14, item 7), each with how much of
 * the interface it covers: the list each pull brings, kept on the phone (no request of its own).
 */
function LanguagePicker() {
  const { t, language } = useI18n();
  const [community, setCommunity] = useState<CommunityLanguage[]>([]);
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    const read = () =>
      void import("./i18n/community").then(async ({ keptCommunityLanguages, communityChange }) => {
        setCommunity(await keptCommunityLanguages());
        // The language on screen was taken out, or loaded anew, since this page opened.
        const current = languageStore.get().language;
        if (UI_LANGUAGES.includes(current as (typeof UI_LANGUAGES)[number])) return;
        const change = await communityChange(current);
        if (change === "gone") await changeLanguage("es");
        else if (change === "changed") await changeLanguage(current);
      });
    // Not in the first seconds' work: the kept list is read once the page is idle (or when a pull brings one).
    const idle = window.requestIdleCallback?.(read, { timeout: 3_000 }) ?? window.setTimeout(read, 1_500);
    window.addEventListener(UI_LANGUAGES_EVENT, read);
    return () => {
      window.cancelIdleCallback?.(idle);
      window.clearTimeout(idle);
      window.removeEventListener(UI_LANGUAGES_EVENT, read);
    };
  }, []);
  async function choose(select: HTMLSelectElement) {
    setUnavailable(false);
    const chosen = select.value as UiLanguage;
    if (await changeLanguage(chosen)) return;
    // Never downloaded, and no signal now: the page stays in its language, and says why.
    select.value = languageStore.get().language;
    setUnavailable(true);
  }
  return (
    <>
      <label class="language">
        <span class="language-label">{t("lang.label")}</span>
        <select value={language} onChange={(event) => void choose(event.currentTarget)}>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
          {community.map((entry) => (
            <option key={entry.language} value={entry.language} lang={entry.language}>
              {t("lang.community", { name: entry.name, coverage: entry.coverage })}
            </option>
          ))}
        </select>
      </label>
      {unavailable ? (
        <p role="alert" class="language-note">
          {t("lang.needsSignal")}
        </p>
      ) : null}
    </>
  );
}

function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      {/* index.html paints this footer too: keep the two in step. */}
      <p>
        <strong>{siteIdentity.name}.</strong> {t("footer.operator", { operator: siteIdentity.operator })}
      </p>
      <p class="footer-links">
        <a href="/privacidad">{t("footer.privacy")}</a>
        <a href="/datos">{t("home.openData")}</a>
      </p>
    </footer>
  );
}

function Shell() {
  const { t } = useI18n();
  const field = useStore(fieldMode);
  const { path } = useLocation();
  const wide = WIDE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const current = (href: string) => (path === href ? "page" : undefined);
  return (
    <>
      <a class="skip" href="#main">
        {t("app.skip")}
      </a>
      {/* index.html paints this header before any script runs: keep the two in step. */}
      <header class="top">
        <div class="top-row">
          <a class="brand" href="/">
            <img src={siteIdentity.logo} alt="" width="32" height="32" />
            <span>{siteIdentity.name}</span>
          </a>
          <div class="top-tools">
            <ConnectionBadge />
            <LanguagePicker />
          </div>
        </div>
        <nav aria-label={t("nav.label")}>
          <a href="/solicitudes" aria-current={current("/solicitudes")}>
            {t("nav.requests")}
          </a>
          <a href="/consultas" aria-current={current("/consultas")}>
            {t("nav.consultations")}
          </a>
          {field ? (
            <a href="/aportes" aria-current={current("/aportes")}>
              {t("nav.inputs")}
            </a>
          ) : null}
        </nav>
        <StaffNav />
      </header>
      <UpdateBanner />
      <main id="main" tabIndex={-1} class={wide ? "main-wide" : undefined}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={HomeScreen} />
            <Route path="/consultas" component={ConsultationsScreen} />
            <Route path="/privacidad" component={PrivacyScreen} />
            <Route path="/consulta/:id" component={CaptureScreen} />
            <Route path="/consulta/:id/taller" component={WorkshopScreen} />
            <Route path="/consulta/:id/taller/:workshopId" component={WorkshopScreen} />
            <Route path="/aportes" component={InputsScreen} />
            <Route path="/entrar" component={SignInScreen} />
            <Route path="/solicitudes" component={RequestsHomeScreen} />
            <Route path="/solicitudes/nueva" component={NewRequestScreen} />
            <Route path="/solicitudes/estado" component={StatusScreen} />
            <Route path="/solicitudes/recibo/:id" component={ReceiptScreen} />
            <Route path="/oficina" component={OfficeScreen} />
            <Route path="/informe-anual" component={ReportScreen} />
            <Route path="/oficina/:id" component={OfficeScreen} />
            <Route path="/estadisticas" component={StatsScreen} />
            <Route path="/admin" component={AdminScreen} />
            <Route path="/resultados" component={ResultsScreen} />
            <Route path="/resultados/:id/tablero" component={DashboardScreen} />
            <Route path="/disenar" component={DesignScreen} />
            <Route path="/disenar/:id" component={DesignScreen} />
            <Route path="/disenar/:id/audios" component={PromptsScreen} />
            <Route path="/devolucion/:id" component={AccountabilityScreen} />
            <Route path="/datos" component={CatalogueScreen} />
            <Route path="/inscribir" component={EnrolScreen} />
            <Route path="/dispositivos" component={DevicesScreen} />
            <Route path="/compromisos" component={CommitmentsScreen} />
            <Route path="/compromisos/:id" component={CommitmentsScreen} />
            <Route path="/seguimiento" component={TrackerWorkScreen} />
            <Route path="/borradores" component={DraftsScreen} />
            <Route path="/borradores/:id" component={DraftsScreen} />
            <Route path="/borradores/:id/cambios" component={DraftsScreen} />
            <Route path="/redaccion" component={DraftWorkScreen} />
            <Route path="/redaccion/:id" component={DraftWorkScreen} />
            <Route default component={NotFoundScreen} />
          </Router>
        </ErrorBoundary>
      </main>
      <SiteFooter />
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
