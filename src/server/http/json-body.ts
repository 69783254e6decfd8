// Reads a JSON request body within a byte limit, answering 413 / 415 / 400 problems on the way.
import type { Context } from "hono";
import { sendProblem } from "./problem-response";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Streams the body and stops reading as soon as it passes maxBytes, whatever Content-Length
 * claims, so an oversize or lying request costs at most maxBytes of memory.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<JsonBody> {
  const contentType = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    return fail(
      sendProblem(c, "unsupported-media-type", 415, "The body must be JSON", {
        detail: "Send Content-Type: application/json.",
      }),
    );
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) return fail(tooLarge(c, maxBytes));

  const body = c.req.raw.body;
  if (!body) return fail(sendProblem(c, "malformed-json", 400, "The body is empty"));
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return fail(tooLarge(c, maxBytes));
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return fail(
      sendProblem(c, "malformed-json", 400, "The body is not valid JSON", {
        detail: (error as Error).message,
      }),
    );
  }
}

function tooLarge(c: Context, maxBytes: number): Response {
  return sendProblem(c, "payload-too-large", 413, "The body is too large", {
    detail: `At most ${maxBytes} bytes per request; send smaller batches.`,
  });
}

function fail(response: Response): JsonBody {
  return { ok: false, response };
}
