// Registers the public page's catalogue before it renders.
import { registerCatalogue } from "../i18n/i18n";
import { esPublic } from "./i18n-es";

registerCatalogue({ es: esPublic, load: { en: async () => (await import("./i18n-en")).enPublic } });
