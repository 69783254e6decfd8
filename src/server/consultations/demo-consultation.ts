// The demo consultation seeded on first start, so a new installation has something to capture.
import type { Consultation } from "../../domain/consultation";

export const DEMO_CONSULTATION_ID = "0193a5b0-7c00-7000-8000-000000000001";

const priority = (id: string, es: string, en: string) => ({ id, label: { es, en } });

export function demoConsultation(updatedAt: string): Consultation {
  return {
    id: DEMO_CONSULTATION_ID,
    version: 1,
    status: "open",
    updatedAt,
    title: {
      es: "Estrategia Nacional de Gobierno Electrónico",
      en: "National E-Government Strategy",
    },
    description: {
      es: "Queremos escuchar a las comunidades para construir juntos la estrategia de gobierno electrónico del país.",
      en: "We want to hear communities so that together we build the country's e-government strategy.",
    },
    rules: {
      es: "Cada aporte se lee y recibe una respuesta pública que dice si se incorporó y por qué. No publicamos nombres ni datos personales.",
      en: "Every input is read and gets a public answer saying whether it was incorporated and why. We never publish names or personal data.",
    },
    themes: [
      {
        id: "tramites",
        title: { es: "Trámites en línea", en: "Online public services" },
        questions: [
          {
            id: "tramite-dificil",
            type: "short_text",
            required: true,
            label: {
              es: "¿Qué trámite le cuesta más hacer?",
              en: "Which public service is hardest for you to use?",
            },
          },
          {
            id: "canal-preferido",
            type: "single_choice",
            required: true,
            label: { es: "¿Cómo prefiere hacer sus trámites?", en: "How do you prefer to do paperwork?" },
            options: [
              priority("en-persona", "En persona, en la oficina", "In person, at the office"),
              priority("telefono", "Por teléfono", "By phone"),
              priority("internet", "Por internet", "Online"),
              priority("municipalidad", "En la municipalidad de mi pueblo", "At my town hall"),
            ],
          },
          {
            id: "propuesta",
            type: "long_text",
            required: false,
            label: {
              es: "¿Qué cambiaría para que sea más fácil?",
              en: "What would you change to make it easier?",
            },
          },
        ],
      },
      {
        id: "conectividad",
        title: { es: "Internet y conectividad", en: "Internet and connectivity" },
        questions: [
          {
            id: "acceso",
            type: "single_choice",
            required: true,
            label: { es: "¿Dónde se conecta a internet?", en: "Where do you get online?" },
            options: [
              priority("casa", "En mi casa", "At home"),
              priority("celular", "Solo con el celular", "Only on my phone"),
              priority("publico", "En un lugar público", "At a public place"),
              priority("no", "No me conecto", "I don't get online"),
            ],
          },
          {
            id: "barreras",
            type: "long_text",
            required: false,
            label: { es: "¿Qué le impide usar internet?", en: "What keeps you from using the internet?" },
          },
        ],
      },
      {
        id: "informacion-publica",
        title: { es: "Acceso a la información pública", en: "Access to public information" },
        questions: [
          {
            id: "ha-pedido",
            type: "single_choice",
            required: true,
            label: {
              es: "¿Alguna vez pidió información a una institución pública?",
              en: "Have you ever asked a public institution for information?",
            },
            options: [
              priority("si", "Sí", "Yes"),
              priority("no", "No", "No"),
              priority("no-sabia", "No sabía que se podía", "I didn't know I could"),
            ],
          },
          {
            id: "que-informacion",
            type: "long_text",
            required: false,
            label: {
              es: "¿Qué información le gustaría conocer?",
              en: "What information would you like to know?",
            },
          },
        ],
      },
      {
        id: "datos-abiertos",
        title: { es: "Datos abiertos y transparencia", en: "Open data and transparency" },
        questions: [
          {
            id: "uso-datos",
            type: "long_text",
            required: true,
            label: {
              es: "¿Para qué usaría los datos que publica el gobierno?",
              en: "What would you use government data for?",
            },
          },
        ],
      },
      {
        id: "firma-electronica",
        title: { es: "Firma electrónica", en: "Electronic signature" },
        questions: [
          {
            id: "confianza",
            type: "single_choice",
            required: true,
            label: {
              es: "¿Confiaría en un documento firmado electrónicamente?",
              en: "Would you trust an electronically signed document?",
            },
            options: [
              priority("si", "Sí", "Yes"),
              priority("depende", "Depende de quién lo firme", "It depends on who signs it"),
              priority("no", "No", "No"),
            ],
          },
        ],
      },
    ],
  };
}
