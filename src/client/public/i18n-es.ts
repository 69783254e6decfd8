// Spanish for the public accountability page: loaded with that page only.
export const esPublic = {
  "public.title": "Cómo se tomó en cuenta cada aporte",
  "public.rules": "Reglas de participación",
  "public.counts": "Aportes por devolución",
  "public.inputs": "Aportes",
  "public.more": "Ver más",
  "public.offline": "Sin conexión: se muestra lo que este teléfono vio la última vez.",
  "public.notFound": "No encontramos esta consulta.",
  "public.reason": "Motivo: {reason}",
  "public.disposition.incorporated": "Incorporado",
  "public.disposition.partly_incorporated": "Incorporado en parte",
  "public.disposition.not_incorporated": "No incorporado",
  "public.disposition.out_of_scope": "Fuera del alcance",
  "public.disposition.none": "Sin devolución todavía",
} as const;
