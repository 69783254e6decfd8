// What each mutation type brings to the generic apply core: how it is judged and how its records are stored.
import type { Transaction } from "kysely";
import type { MediaRef } from "../../../domain/media";
import type { Problem } from "../../../domain/problem";
import type { Mutation, MutationType } from "../../../domain/sync-messages";
import type { Database } from "../../storage/schema";

export type Trx = Transaction<Database>;

/** A mutation that passed the checks that need no database, ready to be applied. */
export interface PreparedMutation<M extends Mutation = Mutation> {
  kind: "prepared";
  index: number;
  mutation: M;
  payloadText: string;
  payloadSha256: string;
}

/** What storing one accepted mutation came to. */
export type StoreOutcome =
  /** Stored now; the files its record names may be uploaded. */
  | { status: "applied"; media: readonly MediaRef[] }
  /** The very same record was stored before under another mutationId. */
  | { status: "duplicate" }
  /** It conflicts with what is stored (another record under its id, another device's workshop). */
  | { status: "rejected"; problem: Problem };

export interface MutationHandler<M extends Mutation> {
  /**
   * Whether the mutation may be kept, inside the batch's transaction: undefined if so, else the problem.
   * `cache` lives for one batch (a consultation read once serves all its inputs).
   */
  judge(trx: Trx, mutation: M, cache: Map<string, unknown>): Promise<Problem | undefined>;
  /** Stores the accepted mutations of this type that this push claimed, in batch order: one outcome each. */
  store(trx: Trx, items: readonly PreparedMutation<M>[], receivedAt: string): Promise<StoreOutcome[]>;
}

export type MutationHandlers = { [T in MutationType]: MutationHandler<Extract<Mutation, { type: T }>> };

/** Orders rows by a text key (rows go in key order, so concurrent pushes lock keys in the same order). */
export const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
