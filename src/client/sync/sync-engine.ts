// One exchange with the server: each kind of outbox entry through its transport, then the pull.
import { PROTOCOL_VERSION } from "../../domain/sync-messages";
import type { TejidoDatabase } from "../db/database";
import { pendingCountOf } from "../db/outbox";
import type { DeviceIdentity } from "../enrol/device-identity";
import type { PushBlock } from "../storage/settings";
import type { BackoffState } from "./backoff";
import { createExchange } from "./exchange";
import type { MediaProgress } from "./media-transport";
import { type PullSettings, pullChanges } from "./pull";
import {
  type BlockReason,
  classifySyncError,
  isBlock,
  type SyncError,
  stopsTheExchange,
} from "./sync-errors";
import type { Transport, TransportFactory } from "./transport";

export interface SyncSettings extends PullSettings {
  /** The enrolled identity; without one, signed records wait on the phone (requests and pulls still go). */
  getIdentity(): Promise<DeviceIdentity | undefined>;
  /** Drops an identity the server no longer knows (a restored server, say), so the phone can enrol again. */
  forgetIdentity?(): Promise<void>;
  setLastSyncAt(iso: string): Promise<void>;
  getPushBlock?(): Promise<PushBlock | undefined>;
  setPushBlock?(block: PushBlock | undefined): Promise<void>;
  /** The backoff shared by the app's tabs and its service worker (see the scheduler). */
  getBackoff?(): Promise<BackoffState | undefined>;
  setBackoff?(state: BackoffState | undefined): Promise<void>;
}

export interface SyncEngineOptions {
  db: TejidoDatabase;
  settings: SyncSettings;
  /** Base URL of the server; "" means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  batchSize?: number;
  maxBatchBytes?: number;
  /** The whole exchange, answer body included, must finish within this time. */
  requestTimeoutMs?: number;
  /** Gzip push bodies where the runtime has CompressionStream (default). */
  compress?: boolean;
  /** Progress of voice recordings and photos being uploaded, over all the files of this exchange. */
  onMediaProgress?(progress: MediaProgress): void;
  /** The transports, in order (`transports.ts`): the app sends every kind; the service worker leaves files to it. */
  transports: readonly TransportFactory[];
}

/** What one exchange does: always send what can be sent; pull too unless it only follows a save. */
export interface ExchangePlan {
  pull: boolean;
  /** A person pressed the button: the backoff does not hold it back. */
  manual?: boolean;
}

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  /** Entries that wait because this phone cannot send them now, and why. */
  waiting: number;
  blocked?: BlockReason;
  /** The server says this app is too old and must be updated (its data was still kept). */
  updateRequired: boolean;
}

export function createSyncEngine(options: SyncEngineOptions) {
  const { db, settings, baseUrl = "", now = () => new Date(), requestTimeoutMs = 30_000 } = options;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const exchange = createExchange({ baseUrl, fetch: doFetch, timeoutMs: requestTimeoutMs });
  const transports: Transport[] = options.transports.map((make) =>
    make({ ...options, db, exchange, baseUrl, fetch: doFetch, requestTimeoutMs }),
  );

  /**
   * Why this phone cannot send signed records now, if it cannot. Only a new enrolment (another token), or an
   * updated app for "update", lifts a block: pressing the button changes neither.
   */
  async function blockOf(identity: DeviceIdentity | undefined): Promise<BlockReason | undefined> {
    if (!identity) return "unenrolled";
    const block = await settings.getPushBlock?.();
    if (!block || block.token !== identity.token) return undefined;
    if (block.reason === "update" && block.protocol < PROTOCOL_VERSION) return undefined;
    return block.reason;
  }

  async function rememberBlock(reason: BlockReason, identity: DeviceIdentity | undefined): Promise<void> {
    // The server no longer knows this token: the phone must enrol again (its data stays).
    if (reason === "unenrolled") await settings.forgetIdentity?.();
    else if (identity)
      await settings.setPushBlock?.({ reason, token: identity.token, protocol: PROTOCOL_VERSION });
  }

  /** What could leave now: entries of this engine's kinds that this phone may send. */
  async function sendable(): Promise<number> {
    const block = await blockOf(await settings.getIdentity());
    let count = 0;
    for (const transport of transports)
      if (!(transport.needsDevice && block)) count += await pendingCountOf(db, transport.kind);
    return count;
  }

  /** Why entries wait that this phone may not send now, if any do (no network). */
  async function held(): Promise<BlockReason | undefined> {
    const block = await blockOf(await settings.getIdentity());
    if (!block) return undefined;
    for (const transport of transports)
      if (transport.needsDevice && (await pendingCountOf(db, transport.kind)) > 0) return block;
    return undefined;
  }

  /**
   * Sends every kind through its transport, then pulls. A kind this phone may not send waits (and the report
   * says why) without stopping the others; the link or the server failing stops the exchange at once; any
   * other failure is thrown after the rest was done, so the scheduler retries with its backoff.
   */
  async function sync(plan: ExchangePlan = { pull: true }): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, waiting: 0, updateRequired: false };
    const identity = await settings.getIdentity();
    let block = await blockOf(identity);
    let failure: SyncError | undefined;
    /** Kinds that went through cleanly in this exchange: what a transport that comes `after` one needs. */
    const clean = new Set<Transport["kind"]>();
    for (const transport of transports) {
      if (transport.needsDevice && block) {
        report.waiting += await pendingCountOf(db, transport.kind);
        continue;
      }
      if (transport.after && !clean.has(transport.after)) continue;
      try {
        const sent = await transport.send({ identity });
        report.pushed += sent.sent;
        report.rejected += sent.rejected;
        if (sent.updateRequired) report.updateRequired = true;
        if (sent.failure) failure ??= sent.failure;
        else clean.add(transport.kind);
      } catch (error) {
        const problem = classifySyncError(error);
        if (stopsTheExchange(problem)) throw problem;
        if (isBlock(problem)) {
          block = problem.kind;
          await rememberBlock(block, identity);
          report.waiting += await pendingCountOf(db, transport.kind);
        } else failure ??= problem;
      }
    }
    if (block && report.waiting > 0) report.blocked = block;
    if (plan.pull) {
      const pulled = await pullChanges(db, exchange, settings, block === "unenrolled" ? undefined : identity);
      report.pulled = pulled.pulled;
      if (pulled.updateRequired) report.updateRequired = true;
    }
    if (failure) throw failure;
    await settings.setLastSyncAt(now().toISOString());
    return report;
  }

  return { sync, sendable, held, transports };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
