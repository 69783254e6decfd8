// The outbox on real IndexedDB (fake-indexeddb): saved together with its input and draft, or not at all.
import Dexie from "dexie";
import { uuidv7 } from "uuidv7";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TejidoDatabase } from "../../src/client/db/database";
import {
  attentionCount,
  discardRejected,
  pendingCount,
  recordAcknowledgements,
  resendCorrected,
  saveInputWithMutation,
  takeBatch,
} from "../../src/client/db/outbox";
import { makeProblem, problemTypeUri } from "../../src/domain/problem";
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
      {
        seq: okEntry!.seq!,
        mutation: mutationOf(okEntry!),
        status: "applied",
        at: "2026-11-25T10:00:00.000Z",
      },
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
    const entry = (await db.outbox.toArray()).find(
      (candidate) => mutationOf(candidate).recordId === input.id,
    )!;
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

  it("moves a phone's pending requests and files into the one outbox when the app is updated", async () => {
    const name = `upgrade-${uuidv7()}`;
    // The database as the previous version of the app left it (schema version 4).
    const old = new Dexie(name);
    old.version(1).stores({
      inputs: "id, consultationId, createdAt, syncState",
      outbox: "++seq, status",
      consultations: "id",
      drafts: "key",
    });
    old.version(2).stores({ requests: "id, state, createdAt", institutions: "id" });
    old.version(3).stores({ workshops: "id, consultationId" });
    old.version(4).stores({ media: "id, ownerId, uploadState" });
    const input = makeInput();
    await old.table("outbox").add({
      status: "pending",
      attempts: 2,
      mutation: {
        mutationId: uuidv7(),
        seq: 1,
        type: "input.create",
        recordId: input.id,
        payload: input,
        createdAt: input.createdAt,
      },
    });
    await old.table("requests").bulkAdd([
      { id: "r-pending", state: "pending", attempts: 3, createdAt: "2026-11-20T10:00:00.000Z" },
      { id: "r-sent", state: "sent", attempts: 1, createdAt: "2026-11-20T11:00:00.000Z" },
      {
        id: "r-refused",
        state: "rejected",
        attempts: 1,
        createdAt: "2026-11-20T12:00:00.000Z",
        problem: makeProblem("unknown-institution", 422, "No"),
      },
    ]);
    await old.table("media").bulkAdd([
      { id: "m-pending", ownerId: input.id, uploadState: "pending" },
      { id: "m-done", ownerId: input.id, uploadState: "uploaded" },
      { id: "m-refused", ownerId: input.id, uploadState: "refused", refusedStatus: 400 },
    ]);
    old.close();

    const upgraded = new TejidoDatabase(name);
    await upgraded.open();
    const entries = await upgraded.outbox.toArray();
    expect(
      entries.map((entry) => [
        entry.kind,
        entry.status,
        entry.kind === "mutation"
          ? entry.mutation.recordId
          : entry.kind === "reply"
            ? entry.reply.id
            : entry.recordId,
      ]),
    ).toEqual([
      ["mutation", "pending", input.id],
      ["request", "pending", "r-pending"],
      ["request", "rejected", "r-refused"],
      ["media", "pending", "m-pending"],
      ["media", "rejected", "m-refused"],
    ]);
    expect(entries[1]!.attempts).toBe(3);
    expect(entries[4]!.problem).toMatchObject({ type: problemTypeUri("media-refused"), status: 400 });
    expect(await pendingCount(upgraded)).toBe(3);
    expect(await attentionCount(upgraded)).toBe(2);
    upgraded.close();
  });
});
