// The shape every UI catalogue must have: exactly the keys of the Spanish ones. The core catalogue ships in
// the first load; feature catalogues (requests) load with their screens.
import type { esRequests } from "../requests/i18n-es";
import type { es } from "./es";

export type CoreKey = keyof typeof es;
export type RequestsKey = keyof typeof esRequests;
export type MessageKey = CoreKey | RequestsKey;
export type Catalogue = Record<CoreKey, string>;
export type RequestsCatalogue = Record<RequestsKey, string>;
