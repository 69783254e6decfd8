// Reads a JSON request body (optionally gzip) within a byte limit, answering 413 / 415 / 400 problems on the way.
import type { Context } from "hono";
import type { z } from "zod/mini";
import { cleanText } from "../../domain/clean-text";
import { issuesToFieldErrors } from "../../domain/problem";
import { sendProblem } from "./problem-response";

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** Each request's JSON body as read here, for the audit log to write down after the route ran (no second copy). */
export const jsonBodies = new WeakMap<Request, unknown>();

/**
 * Streams the body (gzip or as is) and stops reading as soon as it passes maxBytes, whatever
 * Content-Length claims, so an oversize, lying or bomb-like request costs at most maxBytes of memory.
 */
export async function readJsonBody(
  c: Context,
  maxBytes: number,
  /** Take controls and bidirectional overrides out of every string (not for signed payloads). */
  clean = false,
): Promise<JsonBody> {
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

  const encoding = (c.req.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    return fail(
      sendProblem(c, "unsupported-media-type", 415, "The body encoding is not supported", {
        detail: "Send the body as is, or with Content-Encoding: gzip.",
      }),
    );
  }
  const raw = c.req.raw.body;
  if (!raw) return fail(sendProblem(c, "malformed-json", 400, "The body is empty"));
  // Both the bytes on the wire and the bytes they expand to are bounded: a gzip bomb stops at maxBytes.
  const wire = limited(raw, maxBytes);
  const body =
    encoding === "gzip"
      ? wire.pipeThrough(
          new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
        )
      : wire;

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return fail(tooLarge(c, maxBytes));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) return fail(tooLarge(c, maxBytes));
    return fail(
      sendProblem(c, "malformed-json", 400, "The body could not be read", {
        detail: encoding === "gzip" ? "The gzip data is damaged or cut off." : String(error),
      }),
    );
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const value: unknown = clean
      ? JSON.parse(text, (_key, item: unknown) => (typeof item === "string" ? cleanText(item) : item))
      : JSON.parse(text);
    jsonBodies.set(c.req.raw, value);
    return { ok: true, value };
  } catch (error) {
    return fail(
      sendProblem(c, "malformed-json", 400, "The body is not valid JSON", {
        detail: (error as Error).message,
      }),
    );
  }
}

class BodyTooLarge extends Error {}

/** Passes a stream through, failing it once more than maxBytes went by. */
function limited(stream: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

function tooLarge(c: Context, maxBytes: number): Response {
  return sendProblem(c, "payload-too-large", 413, "The body is too large", {
    detail: `At most ${maxBytes} bytes per request; send smaller batches.`,
  });
}

function fail(response: Response): JsonBody {
  return { ok: false, response };
}

/** Reads a JSON body and checks it with `schema`: 422 with a pointer per bad field, or the parsed value. */
export async function parseJsonBody<T>(
  c: Context,
  schema: z.ZodMiniType<T>,
  maxBytes: number,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  // Text from people and staff is stored as they meant it, without characters that break storage or display.
  const body = await readJsonBody(c, maxBytes, true);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    return {
      ok: false,
      response: sendProblem(c, "invalid-request", 422, "Some fields are missing or not valid", {
        errors: issuesToFieldErrors(parsed.error.issues),
      }),
    };
  }
  return { ok: true, value: parsed.data };
}
