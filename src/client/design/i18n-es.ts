// Spanish for the consultation designer (organizers).
export const esDesign = {
  "design.title": "Diseñar consultas",
} as const;
