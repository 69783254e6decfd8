// Registers the field catalogue (question types, participant data, workshops) before capture renders.
import { registerCatalogue } from "../i18n/i18n";
import { esField } from "./i18n-es";

registerCatalogue({ es: esField, load: { en: async () => (await import("./i18n-en")).enField } });
