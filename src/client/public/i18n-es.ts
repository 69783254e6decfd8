// Spanish for the public accountability page: loaded with that page only.
export const esPublic = {
  "public.title": "Cómo se tomó en cuenta cada aporte",
  "public.rules": "Reglas de participación",
  "public.counts": "Aportes por devolución",
  "public.inputs": "Aportes",
  "public.inputs.none":
    "Todavía no hay aportes publicados de esta consulta. Aparecen aquí cuando llegan desde los talleres; lo escrito, después de revisado.",
  "public.more": "Ver más",
  "public.offline": "Sin conexión: se muestra lo que este teléfono vio la última vez.",
  "public.notFound": "No encontramos esta consulta.",
  "public.withheld": "Lo escrito se publica cuando el equipo organizador lo revise.",
  "public.redacted": "El equipo organizador tapó algunas partes de lo escrito.",
  "public.reason": "Motivo: {reason}",
  "public.disposition.incorporated": "Incorporado",
  "public.disposition.partly_incorporated": "Incorporado en parte",
  "public.disposition.not_incorporated": "No incorporado",
  "public.disposition.out_of_scope": "Fuera del alcance",
  "public.disposition.none": "Sin devolución todavía",
  "catalogue.title": "Datos abiertos",
  "catalogue.intro":
    "Los datos de cada consulta publicada y de cada compromiso de gobierno abierto, firmados para descargar y verificar. Sin nombres ni datos personales.",
  "catalogue.none": "Todavía no hay consultas publicadas.",
  "catalogue.license": "Licencia: {license}",
  "catalogue.updated": "Última actualización: {date}",
  "catalogue.download": "Descargar el paquete de datos: {title}",
  "catalogue.page": "Ver cómo se tomó en cuenta cada aporte: {title}",
  "catalogue.offline": "Sin conexión: el catálogo necesita internet.",
  "catalogue.csv": "Descargar en CSV: {title}",
  "catalogue.commitmentPage": "Ver el avance hito por hito: {title}",
  "catalogue.statsPage": "Ver la tabla y el gráfico",
  "public.workshops": "Talleres realizados",
  "public.workshop.people.one": "1 persona participó.",
  "public.workshop.people.other": "{count} personas participaron.",
  "public.workshop.noCount": "Asistencia no registrada.",
  "public.workshop.female.one": "1 mujer",
  "public.workshop.female.other": "{count} mujeres",
  "public.workshop.male.one": "1 hombre",
  "public.workshop.male.other": "{count} hombres",
  "public.question.other": "Una pregunta de una versión anterior",
  "privacy.title": "Privacidad",
  "privacy.intro":
    "{name} está a cargo de: {operator}. Esa institución responde por los datos que guarda el servicio. Aquí se explica qué se guarda, por cuánto tiempo y quién lo ve.",
  "privacy.contact": "Para preguntar por sus datos o pedir que se corrijan, escriba a",
  "privacy.contact.none":
    "Para preguntar por sus datos o pedir que se corrijan, acuda a la Unidad de Información Pública de {operator}.",
  "privacy.requests.title": "Si pide información",
  "privacy.requests.what":
    "Se guarda lo que pide, la institución, el nombre que usted da y, solo si los deja, su correo o su teléfono para avisarle. No se pide cuenta, documento de identidad ni el motivo.",
  "privacy.requests.who":
    "Lo ve el personal de la Unidad de Información de la institución a la que pregunta. Su nombre y su contacto nunca se publican; las estadísticas públicas solo cuentan solicitudes.",
  "privacy.requests.how_long":
    "La solicitud y su respuesta quedan en el archivo de la institución, como manda la Ley de Acceso a la Información Pública (Decreto 57-2008).",
  "privacy.inputs.title": "Si participa en una consulta",
  "privacy.inputs.what":
    "Se guarda lo que dice o escribe, sus respuestas y, solo si quiere, su sexo, su edad aproximada y su pueblo. No se pide su nombre.",
  "privacy.inputs.who":
    "Las grabaciones de voz y las fotos solo las escucha y ve el equipo que organiza la consulta. Lo escrito se publica después de que ese equipo lo revise y tape lo que podría señalar a alguien. Los conteos públicos no muestran grupos tan pequeños que señalen a una persona.",
  "privacy.inputs.how_long": "Se guarda mientras la consulta y su devolución estén publicadas.",
  "privacy.phone.title": "En este teléfono",
  "privacy.phone.what":
    "Lo que se guarda en este teléfono espera aquí hasta que se envía. Sus recibos y códigos quedan en el teléfono para que pueda ver cómo va su solicitud. Al público no se le da ninguna cookie.",
  "privacy.phone.third": "Sin publicidad y sin servicios de otras empresas: todo viene de este servidor.",
  "privacy.staff.title": "Personal de las instituciones",
  "privacy.staff.what":
    "Cada acción del personal que cambia algo queda registrada: quién, qué y cuándo. Los intentos fallidos de entrar se guardan 24 horas para frenar ataques.",
} as const;
