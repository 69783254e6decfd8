// Registers the results catalogue before the results screen renders.
import { registerCatalogue } from "../i18n/i18n";
import { esResults } from "./i18n-es";

registerCatalogue({ es: esResults, load: { en: async () => (await import("./i18n-en")).enResults } });
