// The tus 1.0 protocol spoken by hand over fetch, so tests see every offset the server answers.
import { createHash } from "node:crypto";

const TUS = { "tus-resumable": "1.0.0" };
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export interface FileMeta {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** POST: creates an upload and returns the response (Location names it). */
export function createUpload(baseUrl: string, cookie: string | undefined, meta: FileMeta): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/uploads`, {
    method: "POST",
    headers: {
      ...TUS,
      ...(cookie ? { cookie } : {}),
      "upload-length": String(meta.size),
      "upload-metadata": `filename ${b64(meta.name)},filetype ${b64(meta.mime)},sha256 ${b64(meta.sha256)}`,
    },
  });
}

export const uploadUrl = (baseUrl: string, response: Response) =>
  new URL(response.headers.get("location")!, `${baseUrl}/api/v1/uploads`).href;

export function patchUpload(
  url: string,
  cookie: string,
  offset: number,
  bytes: Uint8Array,
): Promise<Response> {
  return fetch(url, {
    method: "PATCH",
    headers: {
      ...TUS,
      cookie,
      "upload-offset": String(offset),
      "content-type": "application/offset+octet-stream",
    },
    body: bytes as BodyInit,
  });
}

export async function uploadOffset(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { method: "HEAD", headers: { ...TUS, cookie } });
  if (!response.ok) throw new Error(`HEAD ${url}: ${response.status}`);
  return Number(response.headers.get("upload-offset"));
}

/** Uploads a whole file in one PATCH and returns its attachment id. */
export async function uploadFile(
  baseUrl: string,
  cookie: string,
  name: string,
  mime: string,
  bytes: Uint8Array,
): Promise<string> {
  const created = await createUpload(baseUrl, cookie, {
    name,
    mime,
    size: bytes.length,
    sha256: sha256Hex(bytes),
  });
  if (created.status !== 201) throw new Error(`create upload: ${created.status}`);
  const url = uploadUrl(baseUrl, created);
  const patched = await patchUpload(url, cookie, 0, bytes);
  if (patched.status !== 204) throw new Error(`patch upload: ${patched.status} ${await patched.text()}`);
  return url.split("/").pop()!;
}
