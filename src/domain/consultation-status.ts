// Which consultation states take inputs, on the phone and on the server.

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "published"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** A phone captures new inputs only while the consultation is open. */
export function canCapture(status: ConsultationStatus): boolean {
  return status === "open";
}

/**
 * The server still takes inputs that were captured before a consultation closed and only now
 * reach a signal: field data must never be lost for arriving late.
 */
export function acceptsSyncedInputs(status: ConsultationStatus): boolean {
  return status === "open" || status === "closed";
}
