// Sends one file with tus (resumable): a dropped connection resumes from the server's offset, and a page
// reload finds the unfinished upload again. tus-js-client loads only when a file is sent.
import { sha256Hex } from "./sha256";

export interface UploadProgress {
  sent: number;
  total: number;
}

export class UploadRefused extends Error {
  constructor(readonly status: number) {
    super(`The server refused the upload (${status})`);
  }
}

/** Uploads `file` and returns the attachment id the server gave it. */
export async function uploadResumable(
  file: File,
  onProgress: (progress: UploadProgress) => void,
): Promise<string> {
  const [{ Upload }, sha256] = await Promise.all([
    import("tus-js-client"),
    file.arrayBuffer().then(sha256Hex),
  ]);
  return new Promise<string>((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: "/api/v1/uploads",
      metadata: { filename: file.name, filetype: file.type || "application/octet-stream", sha256 },
      // Chunks bound what a cut costs on a slow link: at most one chunk is sent again.
      chunkSize: 1024 * 1024,
      retryDelays: [0, 1_000, 3_000, 10_000, 30_000],
      removeFingerprintOnSuccess: true,
      // A refusal (too large, damaged, no session) will not change by retrying.
      onShouldRetry: (error) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        return status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
      },
      onProgress: (sent, total) => onProgress({ sent, total }),
      onSuccess: () => resolve(String(upload.url).split("/").pop() ?? ""),
      onError: (error) => {
        const status = (
          error as { originalResponse?: { getStatus(): number } | null }
        ).originalResponse?.getStatus();
        reject(status ? new UploadRefused(status) : error);
      },
    });
    void upload.findPreviousUploads().then((previous) => {
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}
