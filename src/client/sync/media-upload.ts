// Uploads one voice recording or photo with tus, resumable from the server's offset. tus-js-client loads only
// when a file is sent; it talks through the sync engine's fetch (so timeouts and tests see every request)
// and reads the Blob kept in IndexedDB in chunks.
import type { FileReader, FileSource, HttpRequest, HttpResponse, HttpStack } from "tus-js-client";

export interface MediaFile {
  id: string;
  mime: string;
  sha256: string;
  blob: Blob;
}

/** Small chunks: on 2G a cut costs at most one chunk, sent again. */
const CHUNK_BYTES = 256 * 1024;

/** The server received the whole file but its SHA-256 did not match (460): sent again from the start. */
export class MediaDamaged extends Error {
  constructor() {
    super("The file arrived damaged");
  }
}

export class MediaRefused extends Error {
  constructor(readonly status: number) {
    super(`The server refused the file (${status})`);
  }
}

/** The server is busy or failing (5xx, 429): the upload is tried again later, after Retry-After if it said so. */
export class MediaBusy extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
  ) {
    super(`The server could not take the file now (${status})`);
  }
}

/** Reads a Blob in slices: the same code in the browser and under Node in tests. */
const blobReader: FileReader = {
  async openFile(input: Blob): Promise<FileSource> {
    return {
      size: input.size,
      slice: async (start, end) => ({ value: input.slice(start, end), done: end >= input.size }),
      close: () => undefined,
    };
  },
};

/** tus-js-client's requests, made with the given fetch; each must finish within `timeoutMs`, answer included. */
function fetchStack(doFetch: typeof fetch, timeoutMs: number): HttpStack {
  return {
    getName: () => "tejido-fetch",
    createRequest(method, url): HttpRequest {
      const headers: Record<string, string> = {};
      const controller = new AbortController();
      let progress: (sent: number) => void = () => undefined;
      return {
        getMethod: () => method,
        getURL: () => url,
        setHeader: (name, value) => {
          headers[name] = value;
        },
        getHeader: (name) => headers[name],
        setProgressHandler: (handler) => {
          progress = handler;
        },
        async send(body?: Blob): Promise<HttpResponse> {
          // A chunk stalled on 2G must not hold the sync (and every tab waiting on its lock) forever.
          const timer = setTimeout(() => controller.abort(), timeoutMs);
          let response: Response;
          let text: string;
          try {
            response = await doFetch(url, {
              method,
              headers,
              ...(body ? { body } : {}),
              signal: controller.signal,
              cache: "no-store",
            });
            text = await response.text();
          } finally {
            clearTimeout(timer);
          }
          // fetch cannot report upload progress; a whole chunk counts once it is answered.
          if (body && response.ok) progress(body.size);
          return {
            getStatus: () => response.status,
            getHeader: (name) => response.headers.get(name) ?? undefined,
            getBody: () => text,
            getUnderlyingObject: () => response,
          };
        },
        abort: async () => controller.abort(),
        getUnderlyingObject: () => controller,
      };
    },
  };
}

export interface MediaUploadOptions {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  /** Per request (one chunk), answer included. */
  requestTimeoutMs: number;
  onProgress?(sent: number, total: number): void;
}

/**
 * Sends a file under its media id. The address is known from the id, so an upload cut by a reload or a
 * lost signal resumes from the server's offset; one the server never saw is created.
 */
export async function uploadMedia(file: MediaFile, options: MediaUploadOptions): Promise<void> {
  const { Upload } = await import("tus-js-client");
  const endpoint = `${options.baseUrl}/api/v1/uploads`;
  const extension = file.mime.split("/")[1]?.split(";")[0] ?? "bin";
  await new Promise<void>((resolve, reject) => {
    const upload = new Upload(file.blob, {
      endpoint,
      uploadUrl: `${endpoint}/${file.id}`,
      headers: { authorization: `Bearer ${options.token}` },
      metadata: {
        id: file.id,
        filename: `${file.id}.${extension}`,
        filetype: file.mime,
        sha256: file.sha256,
      },
      chunkSize: CHUNK_BYTES,
      // The sync engine retries later with its own backoff; here a failure ends this attempt.
      retryDelays: [],
      storeFingerprintForResuming: false,
      fileReader: blobReader,
      httpStack: fetchStack(options.fetch, options.requestTimeoutMs),
      onProgress: (sent, total) => options.onProgress?.(sent, total),
      onSuccess: () => resolve(),
      onError: (error) => {
        const answer = (
          error as {
            originalResponse?: { getStatus(): number; getHeader(name: string): string | undefined } | null;
          }
        ).originalResponse;
        const status = answer?.getStatus();
        if (status === 460) return reject(new MediaDamaged());
        if (status && (status >= 500 || status === 429))
          return reject(new MediaBusy(status, answer?.getHeader("retry-after") ?? null));
        // 409 (offset race) and 423 (locked) are worth another attempt.
        const retryable = [409, 423];
        reject(
          status && status >= 400 && status < 500 && !retryable.includes(status)
            ? new MediaRefused(status)
            : error,
        );
      },
    });
    upload.start();
  });
}
