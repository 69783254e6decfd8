// Registers the devices catalogue before the organizer's devices screen renders.
import { registerCatalogue } from "../i18n/i18n";
import { esDevices } from "./i18n-es";

registerCatalogue({ es: esDevices, load: { en: async () => (await import("./i18n-en")).enDevices } });
