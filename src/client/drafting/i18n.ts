// Registers participatory drafting's catalogue before its screens render.
import { registerCatalogue } from "../i18n/i18n";
import { esDrafting } from "./i18n-es";

registerCatalogue({ es: esDrafting, load: { en: async () => (await import("./i18n-en")).enDrafting } });
