// The officer's action form as state: what is chosen and typed, how a change of action resets what depends on
// it, and the body each action sends (the server checks it against OfficerAction; so do the tests).
import { IDENTITY_MEANS, INFORMATION_TYPES, type Institution } from "../../domain/requests/info-request";
import type { ActionName } from "../../domain/requests/request-workflow";
import type { MessageKey } from "../i18n/catalogue";

export interface ActionForm {
  action: ActionName | "";
  text: string;
  /** Extension or clarification days, as typed. */
  days: string;
  identity: string;
  infoType: string;
  /** An answer's outcome (delivered, partly) or an appeal's (upheld, overturned, partly). */
  outcome: string;
  ground: string;
  legalBasis: string;
  /** Where a referral goes. */
  target?: Institution;
}

export const EMPTY_ACTION_FORM: ActionForm = {
  action: "",
  text: "",
  days: "10",
  identity: IDENTITY_MEANS[0],
  infoType: INFORMATION_TYPES[0],
  outcome: "delivered",
  ground: "reserved",
  legalBasis: "",
};

/** Applies a change; choosing another action starts its outcome from that action's first one. */
export function changeActionForm(form: ActionForm, change: Partial<ActionForm>): ActionForm {
  const next = { ...form, ...change };
  if (change.action !== undefined && change.action !== form.action && change.outcome === undefined)
    next.outcome = change.action === "resolve-appeal" ? "upheld" : "delivered";
  return next;
}

/** After an action was taken: a fresh form (the choices of ground, identity and type are kept). */
export const clearedActionForm = (form: ActionForm): ActionForm => ({
  ...form,
  action: "",
  text: "",
  legalBasis: "",
  target: undefined,
});

export const outcomesOf = (action: ActionForm["action"]): string[] =>
  action === "resolve-appeal" ? ["upheld", "overturned", "partly"] : ["delivered", "partly_delivered"];

/** Whether the action takes a text (a reason, a question, an answer…). */
export const takesText = (action: ActionForm["action"]): boolean =>
  action !== "" && action !== "start" && action !== "accredit" && action !== "classify";

/** The label of that text, in the action's words. */
export function textLabelOf(action: ActionForm["action"]): MessageKey {
  if (action === "extend") return "office.field.reason";
  if (action === "clarify") return "office.field.question";
  if (action === "record-clarification") return "office.field.reply";
  return "office.field.text";
}

/** The body the chosen action sends; `attachmentIds`, an answer's files once uploaded. */
export function actionBody(form: ActionForm, attachmentIds: readonly string[] = []): Record<string, unknown> {
  const { action, text } = form;
  switch (action) {
    case "":
      throw new Error("no action chosen");
    case "start":
      return { action };
    case "extend":
      return { action, days: Number(form.days), reason: text };
    case "clarify":
      return { action, days: Number(form.days), text };
    case "accredit":
      return { action, via: form.identity };
    case "classify":
      return { action, type: form.infoType };
    case "answer":
      return { action, outcome: form.outcome, text, ...(attachmentIds.length > 0 ? { attachmentIds } : {}) };
    case "deny":
      return { action, ground: form.ground, legalBasis: form.legalBasis, text };
    case "refer":
      return { action, institutionId: form.target?.id ?? "", text };
    case "resolve-appeal":
      return { action, outcome: form.outcome, text };
    default:
      return { action, text };
  }
}
