// Registers the requests catalogue; every screen of this feature imports it before it renders.
import { registerCatalogue } from "../i18n/i18n";
import { esRequests } from "./i18n-es";

registerCatalogue({ es: esRequests, load: { en: async () => (await import("./i18n-en")).enRequests } });
