// The message a requester gets when their request changes status: the folio, the institution, the new status in
// plain Spanish and where to look. Never the tracking code: an email can be read by others, the code is the key.
import type { RequestStatus } from "../../domain/requests/info-request";

const STATUS_TEXT: Record<RequestStatus, string> = {
  received: "recibida",
  in_process: "en trámite: la unidad de información empezó a trabajarla",
  extended: "en trámite, con el plazo ampliado",
  clarification: "en espera de que usted la aclare o complete",
  delivered: "respondida: la información fue entregada",
  partly_delivered: "respondida: parte de la información fue entregada",
  denied: "denegada",
  not_held: "respondida: la institución no tiene esa información",
  referred: "trasladada a otra institución",
  withdrawn: "retirada",
};

export interface StatusMailFacts {
  folio: string;
  institution: string;
  requesterName: string;
  status: RequestStatus;
  /** A decision on an appeal, when that is the change. */
  appealDecided?: boolean;
  /** The answer itself, when the change is one: the message then notifies the requester of it. */
  answer?: { text: string; legalBasis?: string | null };
  /** What the unit asks the requester to clarify, and the last day (a local date) to reply. */
  clarification?: { question: string; until: string };
  /** The address of the status page ("https://…/solicitudes/estado"). */
  statusPageUrl: string;
}

/** "YYYY-MM-DD" as people read it: "viernes, 11 de diciembre de 2026". */
const longDate = (date: string): string =>
  new Intl.DateTimeFormat("es-GT", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );

export function statusMail(facts: StatusMailFacts): { subject: string; text: string } {
  const what = facts.appealDecided
    ? `El recurso de revisión fue resuelto. La solicitud está ${STATUS_TEXT[facts.status]}.`
    : `Su solicitud está ${STATUS_TEXT[facts.status]}.`;
  const text = [
    `${facts.requesterName}:`,
    "",
    `Su solicitud de información ${facts.folio} a ${facts.institution} cambió.`,
    what,
    ...(facts.answer
      ? [
          "",
          "Respuesta de la institución:",
          facts.answer.text,
          ...(facts.answer.legalBasis ? [`Fundamento: ${facts.answer.legalBasis}`] : []),
          "",
          "Desde hoy corre el plazo de 15 días hábiles para pedir que se revise (recurso de revisión).",
        ]
      : []),
    ...(facts.clarification
      ? [
          "",
          "La unidad de información le pide aclarar o completar su solicitud:",
          facts.clarification.question,
          "",
          `Puede responder en la página de la solicitud hasta el ${longDate(facts.clarification.until)}. ` +
            "Al recibir su respuesta, el plazo de la institución empieza de nuevo. Si no responde a tiempo, " +
            "la solicitud puede ser denegada (artículo 42 de la Ley de Acceso a la Información Pública).",
        ]
      : []),
    "",
    `Vea el estado, los plazos, los archivos de la respuesta y cómo pedir una revisión en ${facts.statusPageUrl}`,
    "con el folio y el código de seguimiento que recibió al presentarla.",
    "Este correo no lleva su código de seguimiento: no lo comparta con nadie.",
    "",
    "Mensaje automático: no responda a este correo.",
  ].join("\n");
  return { subject: `Solicitud ${facts.folio}: ${STATUS_TEXT[facts.status].split(":")[0]}`, text };
}
