// English for the consultation designer. Typed against Spanish, so a missing key fails the typecheck.
import type { DesignCatalogue } from "../i18n/catalogue";

export const enDesign: DesignCatalogue = {
  "design.title": "Design consultations",
};
