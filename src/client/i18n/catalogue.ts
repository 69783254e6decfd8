// The shape every UI catalogue must have: exactly the keys of the Spanish ones. The core catalogue ships in
// the first load; feature catalogues (requests, admin) load with their screens.
import type { esAdmin } from "../admin/i18n-es";
import type { esField } from "../consultations/i18n-es";
import type { esDesign } from "../design/i18n-es";
import type { esDrafting } from "../drafting/i18n-es";
import type { esDevices } from "../enrol/i18n-es";
import type { esPublic } from "../public/i18n-es";
import type { esRequests } from "../requests/i18n-es";
import type { esResults } from "../results/i18n-es";
import type { esTracker } from "../tracker/i18n-es";
import type { es } from "./es";

export type CoreKey = keyof typeof es;
export type RequestsKey = keyof typeof esRequests;
export type AdminKey = keyof typeof esAdmin;
export type ResultsKey = keyof typeof esResults;
export type PublicKey = keyof typeof esPublic;
export type FieldKey = keyof typeof esField;
export type DesignKey = keyof typeof esDesign;
export type DevicesKey = keyof typeof esDevices;
export type TrackerKey = keyof typeof esTracker;
export type DraftingKey = keyof typeof esDrafting;
export type MessageKey =
  | CoreKey
  | RequestsKey
  | AdminKey
  | ResultsKey
  | PublicKey
  | FieldKey
  | DesignKey
  | DevicesKey
  | TrackerKey
  | DraftingKey;
export type Catalogue = Record<CoreKey, string>;
export type RequestsCatalogue = Record<RequestsKey, string>;
export type AdminCatalogue = Record<AdminKey, string>;
export type ResultsCatalogue = Record<ResultsKey, string>;
export type PublicCatalogue = Record<PublicKey, string>;
export type FieldCatalogue = Record<FieldKey, string>;
export type DesignCatalogue = Record<DesignKey, string>;
export type DevicesCatalogue = Record<DevicesKey, string>;
export type TrackerCatalogue = Record<TrackerKey, string>;
export type DraftingCatalogue = Record<DraftingKey, string>;
