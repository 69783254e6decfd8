// One HTTP exchange with the server under one deadline, its failures turned into SyncErrors (Retry-After kept).
import { parseRetryAfter } from "./backoff";
import { SyncError } from "./sync-errors";

export interface Answer {
  response: Response;
  /** The parsed JSON body, read under the same deadline as the request; undefined if the status is not 2xx. */
  body: unknown;
}

export type Exchange = (path: string, init: RequestInit) => Promise<Answer>;

export interface ExchangeOptions {
  /** Base URL of the server; "" means the page's own origin. */
  baseUrl: string;
  fetch: typeof fetch;
  /** The whole exchange, answer body included, must finish within this time. */
  timeoutMs: number;
}

/**
 * Sends a request and reads its JSON answer under one deadline: a connection that stalls in the middle of
 * the body must not hang the sync (and, through the lock, every tab).
 */
export function createExchange({ baseUrl, fetch: doFetch, timeoutMs }: ExchangeOptions): Exchange {
  return async (path, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(baseUrl + path, {
        ...init,
        signal: controller.signal,
        cache: "no-store",
      });
      const body = response.ok && response.status !== 204 ? await response.json() : undefined;
      return { response, body };
    } catch (error) {
      if (controller.signal.aborted) throw new SyncError("timeout", `${path} timed out`, { cause: error });
      // No answer, or one cut off mid-way: the server may have committed, so the same data is sent again.
      throw new SyncError("offline", `${path}: ${String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The SyncError for an answer that is not a success: busy or broken servers are retried later. */
export function failureOf(response: Response, path: string): SyncError {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
  if (status === 426) return new SyncError("update", `${path}: this version of the app must be updated`);
  const kind = status >= 500 || status === 429 || status === 408 ? "server" : "rejected";
  return new SyncError(
    kind,
    `${path} answered ${status}`,
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );
}
