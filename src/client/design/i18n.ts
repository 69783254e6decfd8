// Registers the consultation designer's catalogue before its screen renders.
import { registerCatalogue } from "../i18n/i18n";
import { esDesign } from "./i18n-es";

registerCatalogue({ es: esDesign, load: { en: async () => (await import("./i18n-en")).enDesign } });
