// The demo tracker seeded on first start: commitment GT0092 of Guatemala's 2018-2020 open-government action plan,
// "Diseño e implementación de la Estrategia Nacional y herramientas de Gobierno Electrónico". The commitment names
// as responsible its coordinator (the Comisión Presidencial de Gestión Pública Abierta y Transparencia, today GAE),
// the Ministerio de Gobernación and the Ministerio de Economía (its Registro de Prestadores de Servicios de
// Certificación, RPSC, for electronic signatures). Each milestone below is given to one of them by its subject, and
// the dates fall within the plan's period; an organizer corrects them from the action plan's own table.
// No progress is seeded: a milestone without evidence shows as not verifiable, as the IRM found it.

export const DEMO_COMMITMENT_ID = "0193a5b0-7c00-7000-8000-0000000000c1";

const GAE = "0193a5b0-7c00-7000-8000-0000000000a1";
const MINGOB = "08da0848-e960-4347-8d54-150752e5a5f6";
const MINECO = "01412185-19b1-40ea-825e-2dadc633a97d";

const milestone = (
  n: number,
  institutionId: string,
  startsOn: string,
  endsOn: string,
  es: string,
  en: string,
) => ({
  id: `0193a5b0-7c00-7000-8000-0000000000d${n}`,
  institutionId,
  startsOn,
  endsOn,
  title: { es, en },
});

export const DEMO_COMMITMENT = {
  id: DEMO_COMMITMENT_ID,
  code: "GT0092",
  actionPlan: "Plan de Acción Nacional de Gobierno Abierto 2018-2020",
  title: {
    es: "Diseño e implementación de la Estrategia Nacional y herramientas de Gobierno Electrónico",
    en: "Design and implementation of the National Strategy and tools of Electronic Government",
  },
  description: {
    es: "Diseñar con la sociedad civil e implementar una estrategia unificada de gobierno electrónico, con una sola entrada para pedir información pública y ver cómo va cada solicitud, datos abiertos y firma electrónica avanzada.",
    en: "Design with civil society and implement a single e-government strategy, with one entry point to ask for public information and follow each request, open data and advanced electronic signatures.",
  },
  milestones: [
    milestone(
      1,
      GAE,
      "2018-12-01",
      "2019-06-30",
      "Co-crear con la sociedad civil la Estrategia Nacional de Gobierno Electrónico",
      "Co-create the National E-Government Strategy with civil society",
    ),
    milestone(
      2,
      GAE,
      "2019-07-01",
      "2019-12-31",
      "Formular y publicar la estrategia",
      "Formulate and publish the strategy",
    ),
    milestone(
      3,
      GAE,
      "2020-01-01",
      "2020-12-31",
      "Implementar la estrategia en las instituciones del Organismo Ejecutivo",
      "Implement the strategy in the institutions of the Executive",
    ),
    milestone(
      4,
      MINGOB,
      "2019-03-01",
      "2020-08-31",
      "Una sola entrada para pedir información pública, con una forma de ver el estado de cada solicitud",
      "One entry point to ask for public information, with one way to check each request's status",
    ),
    milestone(
      5,
      GAE,
      "2019-03-01",
      "2020-12-31",
      "Publicar datos abiertos de las instituciones",
      "Publish the institutions' open data",
    ),
    milestone(
      6,
      MINECO,
      "2019-01-01",
      "2020-08-31",
      "Usar la firma electrónica avanzada en los trámites del Estado",
      "Use advanced electronic signatures in public services",
    ),
  ],
} as const;
