// The sync protocol on the wire: push a batch of mutations, pull changes after a cursor.
import { z } from "zod/mini";
import { Consultation } from "./consultation";
import { DispositionStatus } from "./dispositions";
import { FieldDraftComment } from "./drafts";
import { Input } from "./input";
import { IsoDateTime, Uuid } from "./primitives";
import { Problem } from "./problem";
import { PROTOCOL_VERSION } from "./protocol";
import { Institution, RequestStatus } from "./requests/info-request";
import { Workshop } from "./workshop";

export { PROTOCOL_VERSION };
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
/** At most this many changes per pull page, and no more once the page's JSON passes PULL_PAGE_BYTES. */
export const PULL_PAGE_SIZE = 500;
export const PULL_PAGE_BYTES = 256 * 1024;

/**
 * The header a phone pulls with to receive its own requests' statuses: a random key made on the phone, whose
 * SHA-256 went with each request it filed (`readerSha256`). No account, and no one else can read them.
 */
export const READER_KEY_HEADER = "x-tejido-reader";

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

export type WorkshopSaveMutation = z.infer<typeof WorkshopSaveMutation>;

/** A comment or proposed amendment on a published draft's section, captured in the field (issue #13). */
export const DraftCommentMutation = z.strictObject({
  mutationId: Uuid,
  seq: z.int().check(z.nonnegative()),
  type: z.literal("draft.comment"),
  recordId: Uuid,
  payload: FieldDraftComment,
  createdAt: IsoDateTime,
  signature: z.optional(z.string().check(z.maxLength(512))),
});

export type DraftCommentMutation = z.infer<typeof DraftCommentMutation>;

/** Every mutation type a device can push; issue by issue more join this union. */
export const Mutation = z.discriminatedUnion("type", [
  InputCreateMutation,
  WorkshopSaveMutation,
  DraftCommentMutation,
]);
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

/** An institution requests can go to, or no longer (`active: false`): the phone's list for offline filing. */
export const InstitutionChange = z.object({
  kind: z.literal("institution"),
  cursor: z.string(),
  data: Institution,
});

/** How one of this phone's inputs was considered (only to the enrolled device that sent it). */
export const DispositionNotice = z.object({
  inputId: Uuid,
  status: DispositionStatus,
  reason: z.string(),
  updatedAt: IsoDateTime,
});
export type DispositionNotice = z.infer<typeof DispositionNotice>;
export const DispositionChange = z.object({
  kind: z.literal("disposition"),
  cursor: z.string(),
  data: DispositionNotice,
});

/** Where one of this phone's requests stands (only to the phone holding its reader key). */
export const RequestNotice = z.object({
  id: Uuid,
  folio: z.string(),
  status: RequestStatus,
  /** The term in force: the extended one once extended (a local date in Guatemala). */
  dueDate: z.string(),
  updatedAt: IsoDateTime,
});
export type RequestNotice = z.infer<typeof RequestNotice>;
export const RequestChange = z.object({
  kind: z.literal("request"),
  cursor: z.string(),
  data: RequestNotice,
});

export const Change = z.discriminatedUnion("kind", [
  ConsultationChange,
  InstitutionChange,
  DispositionChange,
  RequestChange,
]);
export type Change = z.infer<typeof Change>;
export type ChangeKind = Change["kind"];

/** An interface language a community translated (issue #14, item 7), as the language picker offers it. */
export const UiLanguageSummary = z.object({
  language: z.string(),
  name: z.string(),
  /** Per cent of the interface translated, to a tenth; the rest shows in Spanish. */
  coverage: z.number(),
  updatedAt: z.string(),
});
export type UiLanguageSummary = z.infer<typeof UiLanguageSummary>;

export const PullResponse = z.object({
  changes: z.array(Change),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  clientUpdate: ClientUpdate,
  /** The community languages installed, every pull: a phone learns of one with no request of its own. */
  uiLanguages: z.optional(z.array(UiLanguageSummary)),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Cursors are opaque to the client; today they are the decimal position in the server's changelog. */
export const Cursor = z.string().check(z.regex(/^\d{1,18}$/));
