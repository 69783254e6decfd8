// The message a requester gets when their request changes status: the folio, the institution, the new status in
// plain Spanish and where to look. Never the tracking code: an email can be read by others, the code is the key.
import type { RequestStatus } from "../../domain/requests/info-request";

const STATUS_TEXT: Record<RequestStatus, string> = {
  received: "recibida",
  in_process: "en trámite: la unidad de información empezó a trabajarla",
  extended: "en trámite, con el plazo ampliado",
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
  /** The address of the status page ("https://…/solicitudes/estado"). */
  statusPageUrl: string;
}

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
    "",
    `Vea el estado, los plazos, los archivos de la respuesta y cómo pedir una revisión en ${facts.statusPageUrl}`,
    "con el folio y el código de seguimiento que recibió al presentarla.",
    "Este correo no lleva su código de seguimiento: no lo comparta con nadie.",
    "",
    "Mensaje automático: no responda a este correo.",
  ].join("\n");
  return { subject: `Solicitud ${facts.folio}: ${STATUS_TEXT[facts.status].split(":")[0]}`, text };
}
