// The officer's action form as state: every action's body is one the server's OfficerAction schema accepts, and
// choosing another action starts its outcome afresh.
import { describe, expect, it } from "vitest";
import {
  type ActionForm,
  actionBody,
  changeActionForm,
  clearedActionForm,
  EMPTY_ACTION_FORM,
  takesText,
} from "../../src/client/requests/office-action";
import { OfficerAction } from "../../src/domain/requests/info-request";
import type { ActionName } from "../../src/domain/requests/request-workflow";
import { ACTION_NAMES } from "../../src/domain/staff-answers";
import { seededInstitution } from "../support/requests";

const filled = (action: ActionName): ActionForm =>
  changeActionForm(EMPTY_ACTION_FORM, {
    action,
    text: "La información está en el portal de la institución, sección de presupuesto.",
    days: "5",
    legalBasis: "Artículo 23, Ley de Acceso a la Información Pública",
    target: { ...seededInstitution("MSPAS"), kind: "ministry", territoryCode: null, active: true },
  });

/** Every action (the list is checked against OfficerAction at compile time). */
const ACTIONS: readonly ActionName[] = ACTION_NAMES;

describe("officer action form", () => {
  it.each(ACTIONS)("sends a body the server accepts for %s", (action) => {
    const body = actionBody(
      filled(action),
      action === "answer" ? ["0193a5b0-7c00-7000-8000-0000000000f1"] : [],
    );
    const parsed = OfficerAction.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.action).toBe(action);
  });

  it("asks for a text only where the action has one", () => {
    expect(ACTIONS.filter((action) => !takesText(action))).toEqual(["start", "accredit", "classify"]);
  });

  it("starts each action's outcome from its own first one, and clears what was typed once taken", () => {
    const appeal = changeActionForm(EMPTY_ACTION_FORM, { action: "resolve-appeal" });
    expect(appeal.outcome).toBe("upheld");
    const answer = changeActionForm(appeal, { action: "answer" });
    expect(answer.outcome).toBe("delivered");
    expect(changeActionForm(answer, { outcome: "partly_delivered" }).outcome).toBe("partly_delivered");
    const cleared = clearedActionForm(filled("deny"));
    expect([cleared.action, cleared.text, cleared.legalBasis, cleared.target]).toEqual([
      "",
      "",
      "",
      undefined,
    ]);
    expect(() => actionBody(cleared)).toThrow(/no action/);
  });
});
