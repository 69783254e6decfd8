// The phone's database (Dexie over IndexedDB): records, the outbox of mutations, and consultations.
import Dexie, { type Table } from "dexie";
import type { Consultation } from "../../domain/consultation";
import type { Demographics } from "../../domain/demographics";
import type { DraftView, FieldDraftComment } from "../../domain/drafts";
import type { Input } from "../../domain/input";
import type { MediaRef } from "../../domain/media";
import type { Problem } from "../../domain/problem";
import type { Prompt } from "../../domain/prompts";
import type {
  ClarificationReply,
  Institution,
  NewInfoRequest,
  RequestStatus,
} from "../../domain/requests/info-request";
import type { DispositionNotice, Mutation } from "../../domain/sync-messages";
import type { TransferFile } from "../../domain/transfer";
import type { Workshop } from "../../domain/workshop";

/**
 * Where an input is on its way to the server. "rejected" waits for a person to correct or discard it;
 * "discarded" was set aside explicitly by that person (the server keeps what it refused in quarantine; a
 * mutation the phone itself found too large to send exists only here, as the discarded input).
 */
export type InputSyncState = "pending" | "sent" | "rejected" | "discarded";

export interface StoredInput extends Input {
  syncState: InputSyncState;
  sentAt?: string;
  problem?: Problem;
  /** How the organizers considered it, as last pulled. */
  disposition?: DispositionNotice;
}

interface OutboxBase {
  seq?: number;
  status: "pending" | "rejected";
  attempts: number;
  problem?: Problem;
}
/** A signed record (input, workshop) pushed by an enrolled device. */
export interface MutationEntry extends OutboxBase {
  kind: "mutation";
  mutation: Mutation;
}
/** An information request (in `requests`), filed anonymously: no enrolment needed. */
export interface RequestEntry extends OutboxBase {
  kind: "request";
  recordId: string;
}
/** A voice recording or photo (in `media`) of a signed record, uploaded resumably. */
export interface MediaEntry extends OutboxBase {
  kind: "media";
  recordId: string;
}

/**
 * A requester's clarification of a request (LAIP Art. 42 inciso 2), written on the status page: saved here first,
 * so it goes whenever there is a signal. It carries folio and tracking code, like a request carries its code.
 */
export interface ReplyEntry extends OutboxBase {
  kind: "reply";
  reply: ClarificationReply;
}

/**
 * Another phone's offline transfer file (issue #14) that this enrolled phone carries to the server: relayed as it
 * is, its entries keep their own device's id and signatures.
 */
export interface RelayEntry extends OutboxBase {
  kind: "relay";
  /** The file's own id (made when this phone took it): the same file taken twice is kept once. */
  recordId: string;
  relay: { id: string; deviceId: string; entries: number; keptAt: string; file: TransferFile };
}

/**
 * Everything waiting for the server, of every kind, in one table: one pending count, one retry policy and one
 * list of what needs attention. An entry leaves only when the server acknowledged it (a mutation applied or
 * duplicate, a request given its folio, a file verified); a refused one stays, marked, for a person to see.
 */
export type OutboxEntry = MutationEntry | RequestEntry | MediaEntry | ReplyEntry | RelayEntry;
export type OutboxKind = OutboxEntry["kind"];

/** A half-filled capture form, kept so that a reload, a crash or an update never loses it. */
export interface Draft {
  /** The consultation the form belongs to. */
  key: string;
  themeId: string;
  /** Voice recordings and photos attached so far (their rows are kept in `media`). */
  media?: string[];
  /** The workshop the inputs are being given in, if any. */
  workshopId?: string;
  /** Texts as typed (numbers too, until saved) or chosen option ids. */
  answers: Record<string, string | string[]>;
  freeText: string;
  consent?: boolean;
  assisted?: boolean;
  demographics?: Demographics;
}

export interface StoredConsultation {
  id: string;
  version: number;
  data: Consultation;
}

/**
 * An information request filed on this phone. "pending" until the server gives it a folio ("sent");
 * "rejected" when the server refused it (shown with the reason, never dropped). The tracking code stays
 * on the phone until the person says they wrote it down or handed it over, then it is erased.
 */
export interface StoredRequest extends Omit<NewInfoRequest, "trackingCode"> {
  trackingCode: string | null;
  institutionName: string;
  state: "pending" | "sent" | "rejected";
  attempts: number;
  folio?: string;
  receivedAt?: string;
  /** The term in force, as the server last said (extended once extended). */
  dueDate?: string;
  problem?: Problem;
  /** Where the institution has it, as last pulled; absent until an officer acted on it. */
  status?: RequestStatus;
  statusAt?: string;
}

/** A workshop opened on this phone, and whether its latest save reached the server. */
export interface StoredWorkshop extends Workshop {
  syncState: "pending" | "sent" | "rejected";
  problem?: Problem;
}

/**
 * A voice recording or photo. Its Blob stays on the phone until the server verified the upload
 * ("uploaded"); "draft" while the form it belongs to is still open; "refused" when the server will never
 * take it (shown to a person, never silently dropped).
 */
export interface StoredMedia extends MediaRef {
  /** The input or workshop it belongs to; while a form is open, that form's draft key. */
  ownerId: string;
  blob?: Blob;
  uploadState: "draft" | "pending" | "uploaded" | "refused";
  createdAt: string;
  refusedStatus?: number;
  /** Uploads that arrived with another SHA-256 than the record's. */
  damaged?: number;
  /** A spoken answer (questionId): the theme its question belongs to, as the form stood when it was recorded. */
  answerTheme?: string;
}

/** An organizer's audio prompt (a consultation's introduction, a theme or a question, in one language). */
export interface StoredPrompt extends Prompt {
  consultationId: string;
  blob: Blob;
}

/** A participatory draft as last read on this phone (issue #13): it reads offline once opened. */
export interface StoredDraftText {
  id: string;
  view: DraftView;
  fetchedAt: string;
}

/** A comment or amendment written on this phone in the field, and whether it reached the server. */
export interface StoredDraftComment extends FieldDraftComment {
  syncState: "pending" | "sent" | "rejected" | "discarded";
  problem?: Problem;
}

export class TejidoDatabase extends Dexie {
  inputs!: Table<StoredInput, string>;
  outbox!: Table<OutboxEntry, number>;
  consultations!: Table<StoredConsultation, string>;
  drafts!: Table<Draft, string>;
  requests!: Table<StoredRequest, string>;
  /** The institutions requests can go to, as last fetched: filing works offline. */
  institutions!: Table<Institution, string>;
  workshops!: Table<StoredWorkshop, string>;
  media!: Table<StoredMedia, string>;
  draftTexts!: Table<StoredDraftText, string>;
  draftComments!: Table<StoredDraftComment, string>;
  /** Audio prompts of the consultations opened here (issue #14, item 5), kept to be heard with no signal. */
  prompts!: Table<StoredPrompt, string>;

  constructor(name = "tejido") {
    // Strict durability: "saved on this phone" is said only once the data is on disk, not just in a cache.
    super(name, { chromeTransactionDurability: "strict" });
    this.version(1).stores({
      inputs: "id, consultationId, createdAt, syncState",
      outbox: "++seq, status",
      consultations: "id",
      drafts: "key",
    });
    this.version(2).stores({ requests: "id, state, createdAt", institutions: "id" });
    this.version(3).stores({ workshops: "id, consultationId" });
    this.version(4).stores({ media: "id, ownerId, uploadState" });
    // One outbox: requests and files join the mutations, each entry with its kind.
    this.version(5)
      .stores({ outbox: "++seq, status, [kind+status]" })
      .upgrade(async (tx) => {
        await tx
          .table("outbox")
          .toCollection()
          .modify((entry: Partial<OutboxEntry>) => {
            entry.kind ??= "mutation";
          });
        const outbox = tx.table<OutboxEntry, number>("outbox");
        for (const request of await tx.table<StoredRequest, string>("requests").toArray()) {
          if (request.state === "sent") continue;
          await outbox.add({
            kind: "request",
            recordId: request.id,
            status: request.state,
            attempts: request.attempts,
            ...(request.problem ? { problem: request.problem } : {}),
          });
        }
        for (const media of await tx.table<StoredMedia, string>("media").toArray()) {
          if (media.uploadState !== "pending" && media.uploadState !== "refused") continue;
          await outbox.add({
            kind: "media",
            recordId: media.id,
            status: media.uploadState === "pending" ? "pending" : "rejected",
            attempts: 0,
            // Written out (not makeProblem) to keep zod out of the first load; the same shape as outbox.ts's mediaRefused.
            ...(media.uploadState === "refused"
              ? {
                  problem: {
                    type: "urn:tejido:problem:media-refused",
                    title: "The server did not take this file",
                    status: media.refusedStatus ?? 422,
                  },
                }
              : {}),
          });
        }
      });
    // Participatory drafts read offline once opened, and comments written on them in the field (issue #13).
    this.version(6).stores({ draftTexts: "id", draftComments: "id, draftId" });
    this.version(7).stores({ prompts: "id, consultationId" });
  }
}

let shared: TejidoDatabase | undefined;

/** The app's one database connection. */
export function database(): TejidoDatabase {
  shared ??= new TejidoDatabase();
  return shared;
}
