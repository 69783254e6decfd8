// What every transport of the outbox offers the engine: one kind of entry, sent its own way.
import type { OutboxKind, TejidoDatabase } from "../db/database";
import type { DeviceIdentity } from "../enrol/device-identity";
import type { Exchange } from "./exchange";
import type { MediaProgress } from "./media-transport";
import type { SyncError } from "./sync-errors";

export interface Sent {
  sent: number;
  rejected: number;
  /** The server said this app is too old (what was sent was still kept). */
  updateRequired?: boolean;
  /** Some entries could not go, for a reason that did not stop the others: the exchange is retried later. */
  failure?: SyncError;
}

export interface Transport {
  kind: OutboxKind;
  /** Needs an enrolled device that may send (signed records and their files); a citizen's request does not. */
  needsDevice: boolean;
  /** Goes only if this kind's transport went through cleanly in the same exchange (files after their records). */
  after?: OutboxKind;
  /**
   * Sends every pending entry of its kind. Throws a SyncError when it cannot go on: one that stops the exchange
   * (offline, timeout, server), one that blocks the device (unenrolled, revoked, update), or any other.
   */
  send(context: { identity: DeviceIdentity | undefined }): Promise<Sent>;
}

/** What the engine hands each transport it makes. */
export interface TransportContext {
  db: TejidoDatabase;
  exchange: Exchange;
  baseUrl: string;
  fetch: typeof fetch;
  requestTimeoutMs: number;
  batchSize?: number;
  maxBatchBytes?: number;
  compress?: boolean;
  onMediaProgress?(progress: MediaProgress): void;
}

export type TransportFactory = (context: TransportContext) => Transport;
