// Which officer action is allowed in which state of a request, and where it leads. Pure, shared by server and UI.
import type { OfficerAction, RequestStatus } from "./info-request";

export type ActionName = OfficerAction["action"];

/** States after which the institution has given its final word (an appeal may still follow). */
export const CLOSED_STATUSES: ReadonlySet<RequestStatus> = new Set([
  "delivered",
  "partly_delivered",
  "denied",
  "not_held",
  "referred",
  "withdrawn",
]);

/** Final answers the requester may appeal (LAIP Art. 54). Referral and withdrawal are not answers. */
export const APPEALABLE_STATUSES: ReadonlySet<RequestStatus> = new Set([
  "delivered",
  "partly_delivered",
  "denied",
  "not_held",
]);

/**
 * While the unit waits for the requester to clarify (LAIP Art. 42 inciso 2), the answer term does not run: the
 * request is neither overdue nor open to an appeal against silence.
 */
export const awaitsClarification = (status: RequestStatus): boolean => status === "clarification";

export interface RequestState {
  status: RequestStatus;
  /** A clarification was already asked for (the unit asks once; the term then restarts from the reply). */
  clarificationAsked?: boolean;
  /** The term given to clarify has ended (checked with the date by the caller). */
  clarificationTermEnded?: boolean;
  /** A request for one's own personal data (LAIP Arts. 33–34): no extension; answered once identity is accredited. */
  personalData?: boolean;
  identityAccredited?: boolean;
  /** The requester was told of the answer (or there is none to tell). */
  notified: boolean;
  extended: boolean;
  appealFiled: boolean;
  appealResolved: boolean;
}

/** The actions an officer may take now. Extension also needs the first term not to have ended (checked with the date). */
export function allowedActions(state: RequestState): ActionName[] {
  if (CLOSED_STATUSES.has(state.status)) {
    const actions: ActionName[] = [];
    // An answer the requester has not seen yet may be handed over in person: that is its notification.
    if (APPEALABLE_STATUSES.has(state.status) && !state.notified) actions.push("notify");
    if (state.appealFiled && !state.appealResolved) actions.push("resolve-appeal");
    // The type of information asked is recorded for the yearly report, also once the request is closed.
    actions.push("classify");
    return actions;
  }
  const actions: ActionName[] = [];
  if (awaitsClarification(state.status)) {
    actions.push("record-clarification");
    if (state.clarificationTermEnded) actions.push("deny-unclarified");
    actions.push("withdraw");
    if (state.appealFiled && !state.appealResolved) actions.push("resolve-appeal");
    actions.push("classify");
    return actions;
  }
  if (state.status === "received") actions.push("start");
  if (state.personalData && !state.identityAccredited) actions.push("accredit");
  // Clarity is asked for at the start, once; an extended request is already being answered.
  if (!state.extended && !state.clarificationAsked) actions.push("clarify");
  // Arts. 33–34 set their own terms, with no extension (to be confirmed by counsel: see README).
  if (!state.extended && !state.personalData) actions.push("extend");
  // One's own data is handed only to its owner: first the identity, then the answer.
  if (!state.personalData || state.identityAccredited) actions.push("answer");
  actions.push("deny", "not-held", "refer", "withdraw");
  // An appeal against silence (no answer in time) can be filed while the request is still open.
  if (state.appealFiled && !state.appealResolved) actions.push("resolve-appeal");
  actions.push("classify");
  return actions;
}

/** The status an action leads to. */
export function statusAfter(action: OfficerAction, current: RequestStatus): RequestStatus {
  switch (action.action) {
    case "start":
      return "in_process";
    case "extend":
      return "extended";
    case "clarify":
      return "clarification";
    case "record-clarification":
      return "in_process";
    case "deny-unclarified":
      return "denied";
    case "answer":
      return action.outcome;
    case "deny":
      return "denied";
    case "not-held":
      return "not_held";
    case "refer":
      return "referred";
    case "withdraw":
      return "withdrawn";
    case "notify":
    case "accredit":
    case "classify":
      return current;
    case "resolve-appeal":
      // An appeal that overturns the answer, all or in part, sends the request back to be answered again.
      return action.outcome === "upheld" ? current : "in_process";
  }
}
