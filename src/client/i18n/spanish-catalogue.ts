// The whole Spanish interface, every feature's catalogue in one, with the part of the app each string belongs to:
// what a translation file is made from and checked against (issue #14, item 7). The server reads it; the phone never
// loads it (each screen loads only its own catalogue).
import { esAdmin } from "../admin/i18n-es";
import { esField } from "../consultations/i18n-es";
import { esDesign } from "../design/i18n-es";
import { esDrafting } from "../drafting/i18n-es";
import { esDevices } from "../enrol/i18n-es";
import { esPublic } from "../public/i18n-es";
import { esRequests } from "../requests/i18n-es";
import { esResults } from "../results/i18n-es";
import { esTracker } from "../tracker/i18n-es";
import { es } from "./es";

/** Each catalogue with its part of the app, named for a translator (in Spanish). */
const PARTS: { feature: string; strings: Readonly<Record<string, string>> }[] = [
  { feature: "general (menú, inicio, avisos)", strings: es },
  { feature: "solicitudes de información", strings: esRequests },
  { feature: "captura de aportes en el campo", strings: esField },
  { feature: "páginas públicas", strings: esPublic },
  { feature: "textos en redacción", strings: esDrafting },
  { feature: "seguimiento de compromisos", strings: esTracker },
  { feature: "resultados y devolución (personal)", strings: esResults },
  { feature: "diseño de consultas (personal)", strings: esDesign },
  { feature: "teléfonos inscritos (personal)", strings: esDevices },
  { feature: "administración (personal)", strings: esAdmin },
];

export const SPANISH_CATALOGUE: Readonly<Record<string, string>> = Object.assign(
  {},
  ...PARTS.map((part) => part.strings),
);

const FEATURE_OF = new Map(
  PARTS.flatMap((part) => Object.keys(part.strings).map((key) => [key, part.feature])),
);
export const featureOf = (key: string): string => FEATURE_OF.get(key) ?? "general";
