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

export interface RequestState {
  status: RequestStatus;
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
    return actions;
  }
  const actions: ActionName[] = [];
  if (state.status === "received") actions.push("start");
  if (!state.extended) actions.push("extend");
  actions.push("answer", "deny", "not-held", "refer", "withdraw");
  // An appeal against silence (no answer in time) can be filed while the request is still open.
  if (state.appealFiled && !state.appealResolved) actions.push("resolve-appeal");
  return actions;
}

/** The status an action leads to. */
export function statusAfter(action: OfficerAction, current: RequestStatus): RequestStatus {
  switch (action.action) {
    case "start":
      return "in_process";
    case "extend":
      return "extended";
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
      return current;
    case "resolve-appeal":
      // An appeal that overturns the answer, all or in part, sends the request back to be answered again.
      return action.outcome === "upheld" ? current : "in_process";
  }
}
