// Who is asking, for the rate limits of anonymous routes, and the 429 a client gets when over its limit.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { sendProblem } from "./problem-response";
import type { RateLimiter } from "./rate-limit";

/**
 * Who is asking, for rate limits: the socket's address, or, behind `trustProxyHops` reverse proxies, the
 * address the outermost trusted proxy saw (X-Forwarded-For read from the right; the left part is the
 * client's to forge). IPv6 addresses count by their /64, which one home or phone usually holds whole.
 */
export function clientKey(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxyHops: number,
): string {
  let address = socketAddress ?? "unknown";
  if (trustProxyHops > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    address = hops[Math.max(0, hops.length - trustProxyHops)] ?? address;
  }
  if (address.startsWith("::ffff:")) return address.slice(7);
  if (address.includes(":")) return `${address.split(":").slice(0, 4).join(":")}::/64`;
  return address;
}

/** The address of the socket the request came in on; undefined when there is none (a request made in-process). */
export function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

export function clientAddress(c: Context, trustProxyHops: number): string {
  return clientKey(socketAddress(c), c.req.header("x-forwarded-for"), trustProxyHops);
}

export async function limited(
  c: Context,
  limiter: RateLimiter,
  trustProxyHops: number,
): Promise<Response | undefined> {
  const decision = await limiter.take(clientAddress(c, trustProxyHops));
  if (decision.ok) return undefined;
  c.header("Retry-After", String(Math.ceil(decision.retryAfterMs / 1000)));
  return sendProblem(c, "rate-limited", 429, "Too many requests from this address: wait and try again");
}
