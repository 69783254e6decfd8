// Registers the implementation tracker's catalogue before its screens render.
import { registerCatalogue } from "../i18n/i18n";
import { esTracker } from "./i18n-es";

registerCatalogue({ es: esTracker, load: { en: async () => (await import("./i18n-en")).enTracker } });
