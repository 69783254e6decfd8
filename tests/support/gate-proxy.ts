// A loopback proxy that is the phone's whole origin in end-to-end tests: every request of the page and of its
// service worker passes here, so the test counts them all, holds the ones it wants where it controls them,
// and can take the server "down" (connections refused) without touching the server itself.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  /** Milliseconds since the proxy started. */
  at: number;
  method: string;
  path: string;
  /** Request line, headers and body as received, in bytes. */
  bytesIn: number;
  /** Status line, headers and body as sent back, in bytes (0 when no answer went back). */
  bytesOut: number;
  status: number | "refused" | "dropped";
}

/** A request the test holds: nothing reaches the server, and the phone waits, until the test decides. */
export interface HeldRequest {
  path: string;
  /** Sends it on and gives the phone the server's answer. */
  release(): Promise<void>;
  /** Sends it on, lets the server answer, then cuts the phone's connection: the phone never hears it. */
  releaseAndCut(): Promise<void>;
  /** Cuts the phone's connection; the server never sees it. */
  drop(): void;
}

export interface GateProxy {
  url: string;
  /** Every request so far, in arrival order. */
  requests: SeenRequest[];
  /** Requests to the API (/api/…), from the page and the service worker alike. */
  apiRequests(since?: number): SeenRequest[];
  /** Milliseconds since the proxy started. */
  now(): number;
  /**
   * While down, each request is read (and counted, status "refused") and its connection cut without an answer,
   * as a server that is not there. Going down cuts every open connection first, so none is reused: a browser
   * re-sends a request on its own only over a reused connection, and each count is one attempt of the app's.
   */
  setDown(down: boolean): void;
  /** Holds the API requests whose path starts with `prefix` until released or dropped. */
  hold(prefix: string): void;
  /** Stops holding, and sends on every request still held (a browser may have re-sent one meanwhile). */
  unhold(): void;
  /**
   * The next held request (one already waiting, or the next to arrive); fails after `withinMs`, naming `what`
   * was awaited and listing what went through the origin, so a test says where it stopped.
   */
  nextHeld(what: string, withinMs?: number): Promise<HeldRequest>;
  close(): Promise<void>;
}

/** Bytes of header lines as sent: "Name: value\r\n" for each pair. */
const headerBytes = (rawHeaders: string[]) =>
  rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0);

export async function startGateProxy(upstream: string): Promise<GateProxy> {
  const started = performance.now();
  const now = () => Math.round(performance.now() - started);
  const requests: SeenRequest[] = [];
  let down = false;
  let holding: string | undefined;
  const held: HeldRequest[] = [];
  const waiting: ((request: HeldRequest) => void)[] = [];

  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    const seen: SeenRequest = {
      at: now(),
      method: req.method ?? "GET",
      path,
      bytesIn: Buffer.byteLength(`${req.method} ${path} HTTP/1.1\r\n`) + headerBytes(req.rawHeaders) + 2,
      bytesOut: 0,
      status: "dropped",
    };
    requests.push(seen);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.bytesIn += body.byteLength;
      if (down) {
        seen.status = "refused";
        req.socket.destroy();
        return;
      }
      const send = (cut: boolean) =>
        new Promise<void>((resolve) => {
          const target = new URL(path, upstream);
          const outbound = http.request(
            target,
            { method: req.method, headers: { ...req.headers, host: target.host } },
            (answer) => {
              const parts: Buffer[] = [];
              answer.on("data", (chunk: Buffer) => parts.push(chunk));
              answer.on("end", () => {
                const payload = Buffer.concat(parts);
                if (cut) {
                  seen.status = "dropped";
                  req.socket.destroy();
                } else {
                  seen.status = answer.statusCode ?? 502;
                  seen.bytesOut =
                    Buffer.byteLength(`HTTP/1.1 ${seen.status}\r\n`) +
                    headerBytes(answer.rawHeaders) +
                    2 +
                    payload.byteLength;
                  res.writeHead(seen.status, answer.rawHeaders);
                  res.end(payload);
                }
                resolve();
              });
            },
          );
          outbound.on("error", () => {
            seen.status = "refused";
            req.socket.destroy();
            resolve();
          });
          outbound.end(body);
        });
      if (holding && path.startsWith(holding)) {
        const request: HeldRequest = {
          path,
          release: () => send(false),
          releaseAndCut: () => send(true),
          drop: () => req.socket.destroy(),
        };
        const taker = waiting.shift();
        if (taker) taker(request);
        else held.push(request);
        return;
      }
      void send(false);
    });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests: (since = 0) =>
      requests.filter((request) => request.path.startsWith("/api/") && request.at >= since),
    now,
    setDown(value) {
      down = value;
      // Sockets kept alive from before would otherwise still reach the server.
      if (down) server.closeAllConnections();
    },
    hold(prefix) {
      holding = prefix;
    },
    unhold() {
      holding = undefined;
      for (const request of held.splice(0)) void request.release();
    },
    nextHeld(what, withinMs = 60_000) {
      const ready = held.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const taker = (request: HeldRequest) => {
          clearTimeout(timer);
          resolve(request);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(taker), 1);
          const seen = requests.map((r) => `${r.at} ms ${r.method} ${r.path} → ${r.status}`).join("\n");
          reject(new Error(`no request was held for ${what} within ${withinMs} ms; seen:\n${seen}`));
        }, withinMs);
        waiting.push(taker);
      });
    },
    async close() {
      for (const request of held.splice(0)) request.drop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
