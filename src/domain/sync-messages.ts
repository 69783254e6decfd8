// The sync protocol v1 on the wire: push a batch of mutations, pull changes after a cursor.
import { z } from "zod/mini";
import { Consultation } from "./consultation";
import { Input } from "./input";
import { IsoDateTime, Uuid } from "./primitives";
import { Problem } from "./problem";
import { Workshop } from "./workshop";

export const PROTOCOL_VERSION = 1;
/** Oldest protocol the server still reads. Older clients' data is accepted or quarantined, and they are told to update. */
export const MIN_PROTOCOL_VERSION = 1;

/** What the server says about the client's version: nothing, or that it must update. */
export const ClientUpdate = z.optional(z.enum(["required"]));

/** Whether a client speaking `protocol` must be told to update. A client that names none is a v1 client. */
export function clientUpdateFor(protocol: number | undefined): "required" | undefined {
  return (protocol ?? 1) < MIN_PROTOCOL_VERSION ? "required" : undefined;
}

/** Bounds of one push: the client batches under them, the server refuses more. */
export const PUSH_LIMITS = { maxMutations: 200, maxBodyBytes: 1_048_576 } as const;
/** How many changes the server returns per pull page. */
export const PULL_PAGE_SIZE = 100;

export const InputCreateMutation = z.strictObject({
  mutationId: Uuid,
  seq: z.int().check(z.nonnegative()),
  type: z.literal("input.create"),
  recordId: Uuid,
  payload: Input,
  createdAt: IsoDateTime,
  signature: z.optional(z.string().check(z.maxLength(512))),
});

export type InputCreateMutation = z.infer<typeof InputCreateMutation>;

/** A workshop opened or updated on the phone (attendance and minutes are often filled in at the end). */
export const WorkshopSaveMutation = z.strictObject({
  mutationId: Uuid,
  seq: z.int().check(z.nonnegative()),
  type: z.literal("workshop.save"),
  recordId: Uuid,
  payload: Workshop,
  createdAt: IsoDateTime,
  signature: z.optional(z.string().check(z.maxLength(512))),
});

/** Every mutation type a device can push; issue by issue more join this union. */
export const Mutation = z.discriminatedUnion("type", [InputCreateMutation, WorkshopSaveMutation]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationType = Mutation["type"];

/**
 * The envelope is checked first and loosely: each mutation is then checked on its own, so one
 * malformed mutation is rejected without blocking the valid ones around it. Unknown envelope
 * fields are ignored, so a newer client's additions never get its whole batch refused.
 */
export const PushRequest = z.object({
  protocol: z.optional(z.int()),
  deviceId: Uuid,
  mutations: z.array(z.unknown()).check(z.minLength(1), z.maxLength(PUSH_LIMITS.maxMutations)),
});
export type PushRequest = Omit<z.infer<typeof PushRequest>, "mutations"> & { mutations: Mutation[] };

export const MutationStatus = z.enum(["applied", "duplicate", "rejected"]);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const PushResult = z.object({
  /** Position of the mutation in the batch, so a mutation without a readable id still gets its answer. */
  index: z.int(),
  mutationId: z.nullable(z.string()),
  status: MutationStatus,
  problem: z.optional(Problem),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  results: z.array(PushResult),
  serverTime: IsoDateTime,
  clientUpdate: ClientUpdate,
});
export type PushResponse = z.infer<typeof PushResponse>;

export const ConsultationChange = z.object({
  kind: z.literal("consultation"),
  cursor: z.string(),
  data: Consultation,
});
export const Change = z.discriminatedUnion("kind", [ConsultationChange]);
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  clientUpdate: ClientUpdate,
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Cursors are opaque to the client; today they are the decimal position in the server's changelog. */
export const Cursor = z.string().check(z.regex(/^\d{1,18}$/));
