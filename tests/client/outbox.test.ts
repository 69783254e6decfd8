// The outbox on real IndexedDB (fake-indexeddb): saved together with its input and draft, or not at all.
import { uuidv7 } from "uuidv7";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TejidoDatabase } from "../../src/client/db/database";
import {
  discardRejected,
  recordAcknowledgements,
  resendCorrected,
  saveInputWithMutation,
  takeBatch,
} from "../../src/client/db/outbox";
import { makeProblem } from "../../src/domain/problem";
import { mutationOf } from "../support/client-device";
import { makeInput } from "../support/factories";

let db: TejidoDatabase;
beforeEach(async () => {
  db = new TejidoDatabase(`outbox-${uuidv7()}`);
  await db.open();
});
afterEach(() => db.close());

describe("outbox", () => {
  it("stores the input, its mutation in order, and deletes the form's draft in one go", async () => {
    await db.drafts.put({ key: "c1", themeId: "tramites", answers: { x: "y" }, freeText: "" });
    const first = makeInput();
    const second = makeInput();
    await saveInputWithMutation(db, first, uuidv7(), "c1");
    await saveInputWithMutation(db, second, uuidv7());

    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => mutationOf(entry).recordId)).toEqual([first.id, second.id]);
    expect(entries.map((entry) => mutationOf(entry).seq)).toEqual(entries.map((entry) => entry.seq));
    expect(entries.every((entry) => entry.status === "pending")).toBe(true);
    expect((await db.inputs.get(first.id))?.syncState).toBe("pending");
    expect(await db.drafts.get("c1")).toBeUndefined();
  });

  it("keeps nothing, and keeps the draft, when the save fails half-way", async () => {
    await db.drafts.put({ key: "c1", themeId: "tramites", answers: { x: "y" }, freeText: "" });
    const input = makeInput();
    await saveInputWithMutation(db, input, uuidv7());
    // The same input id again: the inputs table refuses it after the outbox entry was added.
    await expect(saveInputWithMutation(db, input, uuidv7(), "c1")).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
    expect(await db.drafts.get("c1")).toBeDefined();
  });

  it("takes batches oldest first, bounded by count and by UTF-8 bytes", async () => {
    for (let i = 0; i < 5; i++)
      await saveInputWithMutation(db, makeInput({ freeText: "ñ".repeat(400) }), uuidv7());
    expect(await takeBatch(db, 3, 1_000_000)).toHaveLength(3);

    const json = JSON.stringify(mutationOf((await db.outbox.toCollection().first())!));
    const bytes = new TextEncoder().encode(json).byteLength;
    expect(bytes).toBeGreaterThan(json.length);
    // Two mutations fit this bound if counted in characters, only one in bytes (ñ takes two).
    const batch = await takeBatch(db, 5, bytes + json.length);
    expect(batch).toHaveLength(1);
    expect(batch[0]!.seq).toBe((await db.outbox.toCollection().first())!.seq);
  });

  it("deletes acknowledged entries and keeps rejected ones marked for a person", async () => {
    const ok = makeInput();
    const bad = makeInput();
    await saveInputWithMutation(db, ok, uuidv7());
    await saveInputWithMutation(db, bad, uuidv7());
    const [okEntry, badEntry] = await db.outbox.toArray();
    const problem = makeProblem("input-rejected", 422, "Rejected");
    await recordAcknowledgements(db, [
      { seq: okEntry!.seq!, mutation: mutationOf(okEntry!), status: "applied", at: "2026-11-25T10:00:00.000Z" },
      { seq: badEntry!.seq!, mutation: mutationOf(badEntry!), status: "rejected", problem },
    ]);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.outbox.get(badEntry!.seq!)).toMatchObject({ status: "rejected", problem });
    expect(await db.inputs.get(ok.id)).toMatchObject({
      syncState: "sent",
      sentAt: "2026-11-25T10:00:00.000Z",
    });
    expect((await db.inputs.get(bad.id))?.syncState).toBe("rejected");
  });
});

describe("inputs needing attention", () => {
  async function rejectedInput() {
    const input = makeInput();
    await saveInputWithMutation(db, input, uuidv7());
    const entry = (await db.outbox.toArray()).find((candidate) => mutationOf(candidate).recordId === input.id)!;
    const problem = makeProblem("input-rejected", 422, "Rejected", {
      errors: [{ pointer: "/payload/answers/tramite-dificil", code: "required" }],
    });
    await recordAcknowledgements(db, [
      { seq: entry.seq!, mutation: mutationOf(entry), status: "rejected", problem },
    ]);
    return input;
  }

  it("discards only on request, keeping the input listed as discarded and out of the outbox", async () => {
    const input = await rejectedInput();
    await discardRejected(db, input.id);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.inputs.get(input.id))?.syncState).toBe("discarded");
    // A pending input cannot be discarded by mistake.
    const pending = makeInput();
    await saveInputWithMutation(db, pending, uuidv7());
    await expect(discardRejected(db, pending.id)).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
  });

  it("replaces a rejected input by its correction under a new mutation, in one step", async () => {
    const input = await rejectedInput();
    const oldMutationId = mutationOf((await db.outbox.toArray())[0]!).mutationId;
    const corrected = { ...input, answers: { ...input.answers, "tramite-dificil": "Pagar el ornato" } };
    const newMutationId = uuidv7();
    await resendCorrected(db, input.id, corrected, newMutationId);

    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: "pending",
      mutation: { mutationId: newMutationId, payload: corrected },
    });
    expect(mutationOf(entries[0]!).mutationId).not.toBe(oldMutationId);
    const stored = await db.inputs.get(input.id);
    expect(stored).toMatchObject({ syncState: "pending", answers: corrected.answers });
    expect(stored?.problem).toBeUndefined();
  });
});
