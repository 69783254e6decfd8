// The shape every UI catalogue must have: exactly the keys of the Spanish one.
import type { es } from "./es";

export type MessageKey = keyof typeof es;
export type Catalogue = Record<MessageKey, string>;
