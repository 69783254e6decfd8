// Which transports an engine uses, in order. Records go first: the server takes a file only once it holds the
// record that names it. Requests go before files, so a small request never waits behind a long recording on 2G.
// The service worker's set leaves files (and tus-js-client) to the app.
import { createMediaTransport } from "./media-transport";
import { createPushTransport } from "./push-transport";
import { createRelayTransport } from "./relay-transport";
import { createReplyTransport } from "./reply-transport";
import { createRequestTransport } from "./request-transport";
import type { TransportFactory } from "./transport";

const push: TransportFactory = (context) =>
  createPushTransport({
    db: context.db,
    exchange: context.exchange,
    ...(context.batchSize === undefined ? {} : { batchSize: context.batchSize }),
    ...(context.maxBatchBytes === undefined ? {} : { maxBatchBytes: context.maxBatchBytes }),
    ...(context.compress === undefined ? {} : { compress: context.compress }),
  });

const media: TransportFactory = (context) =>
  createMediaTransport({
    db: context.db,
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    requestTimeoutMs: context.requestTimeoutMs,
    ...(context.onMediaProgress ? { onProgress: context.onMediaProgress } : {}),
  });

const requests: TransportFactory = (context) => createRequestTransport(context);
const replies: TransportFactory = (context) => createReplyTransport(context);
const relays: TransportFactory = (context) => createRelayTransport(context);

/**
 * Everything the outbox holds: what the open app sends. Other phones' files go after this phone's own records
 * (a relay is large; the phone's own small records should not wait behind it).
 */
export const APP_TRANSPORTS: readonly TransportFactory[] = [push, requests, replies, relays, media];
/** Signed records, requests and clarifications: what the service worker sends with the app closed. */
export const BACKGROUND_TRANSPORTS: readonly TransportFactory[] = [push, requests, replies];
