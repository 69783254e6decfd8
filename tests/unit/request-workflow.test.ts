// Officer actions are offered only in the states that allow them and lead where the law says; request schemas refuse bad input.
import { describe, expect, it } from "vitest";
import { NewInfoRequest, OfficerAction, type RequestStatus } from "../../src/domain/requests/info-request";
import {
  type ActionName,
  APPEALABLE_STATUSES,
  allowedActions,
  CLOSED_STATUSES,
  type RequestState,
  statusAfter,
} from "../../src/domain/requests/request-workflow";
import { makeRequest } from "../support/requests";

const OTHER_INSTITUTION = "0192f5a4-7c1e-7b3a-9d2f-3c4b5a6d7e8f";
const CLOSED: RequestStatus[] = [
  "delivered",
  "partly_delivered",
  "denied",
  "not_held",
  "referred",
  "withdrawn",
];
const ANSWERS: ActionName[] = ["answer", "deny", "not-held", "refer", "withdraw", "classify"];

const state = (status: RequestStatus, overrides: Partial<RequestState> = {}): RequestState => ({
  status,
  notified: true,
  extended: status === "extended",
  appealFiled: false,
  appealResolved: false,
  ...overrides,
});

const sorted = (actions: readonly string[]) => [...actions].sort();

/** One valid action of each kind, parsed through the schema so they are real inputs. */
const actions = {
  start: { action: "start" },
  extend: { action: "extend", days: 10, reason: "Hay que revisar archivos en tres sedes." },
  answer: { action: "answer", outcome: "delivered", text: "Adjuntamos el presupuesto ejecutado." },
  partial: { action: "answer", outcome: "partly_delivered", text: "Adjuntamos lo que existe." },
  deny: {
    action: "deny",
    ground: "reserved",
    legalBasis: "LAIP Art. 23, inciso 1",
    text: "La información es reservada.",
  },
  notHeld: { action: "not-held", text: "No existe en nuestros archivos." },
  refer: { action: "refer", institutionId: OTHER_INSTITUTION, text: "Corresponde a otra institución." },
  withdraw: { action: "withdraw", text: "El solicitante desistió." },
  resolveAppeal: { action: "resolve-appeal", outcome: "overturned", text: "Se revoca la negativa." },
} as const;
const parsed = (input: unknown): OfficerAction => OfficerAction.parse(input);

describe("allowedActions", () => {
  it("offers start, extension and every answer to a received request", () => {
    expect(sorted(allowedActions(state("received")))).toEqual(
      sorted(["start", "clarify", "extend", ...ANSWERS]),
    );
  });

  it("does not offer start once in process", () => {
    const allowed = allowedActions(state("in_process"));
    expect(allowed).not.toContain("start");
    expect(sorted(allowed)).toEqual(sorted(["clarify", "extend", ...ANSWERS]));
  });

  it("does not offer a second extension", () => {
    const allowed = allowedActions(state("extended", { extended: true }));
    expect(allowed).not.toContain("extend");
    expect(allowed).not.toContain("start");
    expect(sorted(allowed)).toEqual(sorted(ANSWERS));
    expect(allowedActions(state("in_process", { extended: true }))).not.toContain("extend");
  });

  it("offers to record an answer handed over in person until the requester was notified of it", () => {
    for (const status of ["delivered", "partly_delivered", "denied", "not_held"] as const)
      expect(allowedActions(state(status, { notified: false }))).toEqual(["notify", "classify"]);
    // Referral and withdrawal are not answers: nothing to notify.
    expect(allowedActions(state("referred", { notified: false }))).toEqual(["classify"]);
    expect(allowedActions(state("withdrawn", { notified: false }))).toEqual(["classify"]);
    expect(allowedActions(state("denied", { notified: false, appealFiled: true }))).toEqual([
      "notify",
      "resolve-appeal",
      "classify",
    ]);
    expect(statusAfter(parsed({ action: "notify", text: "Entregada en la ventanilla." }), "delivered")).toBe(
      "delivered",
    );
  });

  it("offers only the classification for the yearly report once the institution has given its final word", () => {
    for (const status of CLOSED) {
      expect(CLOSED_STATUSES.has(status)).toBe(true);
      expect(allowedActions(state(status))).toEqual(["classify"]);
      expect(allowedActions(state(status, { appealFiled: true, appealResolved: true }))).toEqual([
        "classify",
      ]);
    }
  });

  it("offers only the appeal's resolution on a closed request with a pending appeal", () => {
    for (const status of CLOSED) {
      expect(allowedActions(state(status, { appealFiled: true }))).toEqual(["resolve-appeal", "classify"]);
    }
  });

  it("adds the appeal's resolution to an open request with a pending appeal (appeal against silence)", () => {
    for (const status of ["received", "in_process", "extended"] as const) {
      expect(allowedActions(state(status))).not.toContain("resolve-appeal");
      const pending = allowedActions(state(status, { appealFiled: true }));
      expect(pending).toContain("resolve-appeal");
      expect(pending).toEqual(expect.arrayContaining(ANSWERS));
      expect(allowedActions(state(status, { appealFiled: true, appealResolved: true }))).not.toContain(
        "resolve-appeal",
      );
    }
  });
});

describe("clarification and personal data", () => {
  it("asks for a clarification once, at the start, and not once the term was extended", () => {
    expect(allowedActions(state("received"))).toContain("clarify");
    expect(allowedActions(state("in_process", { clarificationAsked: true }))).not.toContain("clarify");
    expect(allowedActions(state("extended", { extended: true }))).not.toContain("clarify");
  });

  it("while waiting for the reply offers only to record it or withdraw; denial only once its term ended", () => {
    expect(allowedActions(state("clarification", { clarificationAsked: true }))).toEqual([
      "record-clarification",
      "withdraw",
      "classify",
    ]);
    expect(
      allowedActions(state("clarification", { clarificationAsked: true, clarificationTermEnded: true })),
    ).toEqual(["record-clarification", "deny-unclarified", "withdraw", "classify"]);
    expect(allowedActions(state("in_process", { clarificationTermEnded: true }))).not.toContain(
      "deny-unclarified",
    );
  });

  it("leads a clarification's steps where Art. 42 says", () => {
    const clarify = parsed({ action: "clarify", days: 5, text: "¿De qué año necesita el presupuesto?" });
    expect(statusAfter(clarify, "received")).toBe("clarification");
    expect(
      statusAfter(parsed({ action: "record-clarification", text: "Del año 2025." }), "clarification"),
    ).toBe("in_process");
    expect(
      statusAfter(
        parsed({ action: "deny-unclarified", text: "No se recibió la aclaración." }),
        "clarification",
      ),
    ).toBe("denied");
    expect(() => parsed({ action: "clarify", days: 11, text: "¿De qué año necesita?" })).toThrow();
    expect(() => parsed({ action: "clarify", days: 0, text: "¿De qué año necesita?" })).toThrow();
  });

  it("answers personal data only once identity is accredited, and never extends its term", () => {
    const waiting = allowedActions(state("in_process", { personalData: true }));
    expect(waiting).toContain("accredit");
    expect(waiting).not.toContain("answer");
    expect(waiting).not.toContain("extend");
    expect(waiting).toContain("deny");
    const accredited = allowedActions(state("in_process", { personalData: true, identityAccredited: true }));
    expect(accredited).toContain("answer");
    expect(accredited).not.toContain("accredit");
    expect(statusAfter(parsed({ action: "accredit", via: "dpi" }), "in_process")).toBe("in_process");
    // The means only: a document number has nowhere to go.
    expect(() => parsed({ action: "accredit", via: "dpi", number: "1234 56789 0101" })).toThrow();
    expect(statusAfter(parsed({ action: "classify", type: "budget" }), "delivered")).toBe("delivered");
  });
});

describe("statusAfter", () => {
  it("leads each action to its status", () => {
    expect(statusAfter(parsed(actions.start), "received")).toBe("in_process");
    expect(statusAfter(parsed(actions.extend), "in_process")).toBe("extended");
    expect(statusAfter(parsed(actions.extend), "received")).toBe("extended");
    expect(statusAfter(parsed(actions.answer), "in_process")).toBe("delivered");
    expect(statusAfter(parsed(actions.partial), "extended")).toBe("partly_delivered");
    expect(statusAfter(parsed(actions.deny), "in_process")).toBe("denied");
    expect(statusAfter(parsed(actions.notHeld), "received")).toBe("not_held");
    expect(statusAfter(parsed(actions.refer), "received")).toBe("referred");
    expect(statusAfter(parsed(actions.withdraw), "extended")).toBe("withdrawn");
  });

  it("keeps the status when an appeal upholds the answer, and reopens it when the answer is overturned", () => {
    const upheld = parsed({ ...actions.resolveAppeal, outcome: "upheld" });
    const partly = parsed({ ...actions.resolveAppeal, outcome: "partly" });
    for (const status of ["denied", "delivered", "in_process", "extended"] as const) {
      expect(statusAfter(upheld, status)).toBe(status);
      expect(statusAfter(parsed(actions.resolveAppeal), status)).toBe("in_process");
      expect(statusAfter(partly, status)).toBe("in_process");
    }
  });

  it("closes the request with every answer, and only real answers can be appealed", () => {
    const answers = [actions.answer, actions.partial, actions.deny, actions.notHeld];
    for (const action of answers) {
      const after = statusAfter(parsed(action), "in_process");
      expect(CLOSED_STATUSES.has(after)).toBe(true);
      expect(APPEALABLE_STATUSES.has(after)).toBe(true);
    }
    for (const action of [actions.refer, actions.withdraw]) {
      const after = statusAfter(parsed(action), "in_process");
      expect(CLOSED_STATUSES.has(after)).toBe(true);
      expect(APPEALABLE_STATUSES.has(after)).toBe(false);
    }
  });
});

describe("OfficerAction schema", () => {
  const ok = (input: unknown) => OfficerAction.safeParse(input).success;

  it("accepts one valid action of each kind", () => {
    for (const action of Object.values(actions)) expect(ok(action)).toBe(true);
  });

  it("refuses a denial without its legal basis", () => {
    const { legalBasis: _, ...withoutBasis } = actions.deny;
    expect(ok(withoutBasis)).toBe(false);
    expect(ok({ ...actions.deny, legalBasis: "   " })).toBe(false);
    expect(ok({ ...actions.deny, ground: "inconvenient" })).toBe(false);
  });

  it("takes an extension of 1 to 10 whole days only", () => {
    expect(ok({ ...actions.extend, days: 0 })).toBe(false);
    expect(ok({ ...actions.extend, days: 11 })).toBe(false);
    expect(ok({ ...actions.extend, days: 2.5 })).toBe(false);
    expect(ok({ ...actions.extend, days: "5" })).toBe(false);
    expect(ok({ ...actions.extend, days: 1 })).toBe(true);
    expect(ok({ ...actions.extend, days: 10 })).toBe(true);
  });

  it("refuses an answer with empty or blank text", () => {
    expect(ok({ ...actions.answer, text: "" })).toBe(false);
    expect(ok({ ...actions.answer, text: "      " })).toBe(false);
    const { text: _, ...withoutText } = actions.answer;
    expect(ok(withoutText)).toBe(false);
  });

  it("trims the texts it keeps", () => {
    const action = OfficerAction.parse({ ...actions.notHeld, text: "  No existe en archivo.  " });
    expect(action).toEqual({ action: "not-held", text: "No existe en archivo." });
  });

  it("refuses an unknown action, a missing action and extra fields", () => {
    expect(ok({ action: "close", text: "Cerrada por el oficial." })).toBe(false);
    expect(ok({ text: "Sin acción." })).toBe(false);
    expect(ok({ action: "start", note: "extra" })).toBe(false);
    expect(ok({ ...actions.answer, outcome: "denied" })).toBe(false);
  });
});

describe("NewInfoRequest schema", () => {
  it("accepts a valid request", () => {
    const request = makeRequest({ contactEmail: "maria@example.com", contactPhone: "+502 5555-1234" });
    expect(NewInfoRequest.safeParse(request).success).toBe(true);
    expect(NewInfoRequest.safeParse(makeRequest({ delivery: "in-person", channel: "oral" })).success).toBe(
      true,
    );
  });

  it("trims texts, lower-cases the email and normalizes the tracking code", () => {
    const result = NewInfoRequest.parse(
      makeRequest({
        description: "   Copia del presupuesto de Nebaj.  \n",
        requesterName: "  María Ixchel Bernal ",
        contactEmail: "  Maria.Bernal@Example.COM ",
        trackingCode: " 7kq2 m9xd-4rtb-h3wo ",
      }),
    );
    expect(result.description).toBe("Copia del presupuesto de Nebaj.");
    expect(result.requesterName).toBe("María Ixchel Bernal");
    expect(result.contactEmail).toBe("maria.bernal@example.com");
    expect(result.trackingCode).toBe("7KQ2M9XD4RTBH3W0");
    expect(result.trackingCode).toHaveLength(16);
  });

  it("refuses a description shorter than 10 characters once trimmed", () => {
    expect(NewInfoRequest.safeParse(makeRequest({ description: "   123456789   " })).success).toBe(false);
    expect(NewInfoRequest.safeParse(makeRequest({ description: "   1234567890   " })).success).toBe(true);
  });

  it("refuses a request without the requester's name", () => {
    const { requesterName: _, ...anonymous } = makeRequest();
    expect(NewInfoRequest.safeParse(anonymous).success).toBe(false);
    expect(NewInfoRequest.safeParse(makeRequest({ requesterName: "  M " })).success).toBe(false);
  });

  it("refuses fields the law does not ask for, such as a reason", () => {
    expect(NewInfoRequest.safeParse({ ...makeRequest(), motivo: "Curiosidad" }).success).toBe(false);
  });

  it("refuses a bad phone, email, delivery, channel or codes", () => {
    const refused = (overrides: Record<string, unknown>) =>
      NewInfoRequest.safeParse({ ...makeRequest(), ...overrides }).success === false;
    expect(refused({ contactPhone: "llámame" })).toBe(true);
    expect(refused({ contactPhone: "12345" })).toBe(true);
    expect(refused({ contactPhone: "+502 5555 1234 ext 5" })).toBe(true);
    expect(refused({ contactEmail: "maria-at-example.com" })).toBe(true);
    expect(refused({ delivery: "carrier-pigeon" })).toBe(true);
    expect(refused({ delivery: "Electronic" })).toBe(true);
    expect(refused({ channel: "fax" })).toBe(true);
    expect(refused({ trackingCode: "7KQ2-M9XD-4RTB" })).toBe(true);
    expect(refused({ trackingCode: "UUUU-M9XD-4RTB-H3WA" })).toBe(true);
    expect(refused({ provisionalCode: "P-4RTB-H3W" })).toBe(true);
    expect(refused({ createdAt: "yesterday" })).toBe(true);
  });
});
