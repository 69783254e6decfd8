// Registers the admin catalogue before the admin screen renders.
import { registerCatalogue } from "../i18n/i18n";
import { esAdmin } from "./i18n-es";

registerCatalogue({ es: esAdmin, load: { en: async () => (await import("./i18n-en")).enAdmin } });
