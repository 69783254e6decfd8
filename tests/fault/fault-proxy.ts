// A loopback HTTP proxy between the phone's sync engine and the real server that misbehaves on purpose.
import http from "node:http";
import type { AddressInfo } from "node:net";

export const FAULTS = [
  "none",
  "cut-request",
  "drop-response",
  "cut-response",
  "delay",
  "duplicate",
  "429",
  "502",
  "503",
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  url: string;
  /** Requests that reached the server (a duplicated request counts twice). */
  forwarded: number;
  faults: Record<Fault, number>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Where to forward; read per request, so a restarted server may move. */
  upstream: () => string;
  /** Picks the fault for the next request. */
  choose: () => Fault;
  random: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(base: string, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? "/", base);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host, connection: "close" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    upstream.on("error", reject);
    upstream.end(body);
  });
}

export async function startFaultProxy({ upstream, choose, random }: FaultProxyOptions): Promise<FaultProxy> {
  const faults = Object.fromEntries(FAULTS.map((fault) => [fault, 0])) as Record<Fault, number>;
  const proxy: FaultProxy = { url: "", forwarded: 0, faults, close: async () => undefined };

  const server = http.createServer(async (req, res) => {
    const fault = choose();
    faults[fault] += 1;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) {
        chunks.push(chunk as Buffer);
        // The link dies while the request is still being sent: the server never sees it.
        if (fault === "cut-request") {
          req.socket.destroy();
          return;
        }
      }
      const body = Buffer.concat(chunks);
      if (fault === "429" || fault === "502" || fault === "503") {
        res.writeHead(Number(fault), { "content-type": "text/plain", "retry-after": "1" });
        res.end("proxy says no");
        return;
      }
      if (fault === "delay") await sleep(random() * 400);
      proxy.forwarded += 1;
      const first = forward(upstream(), req, body);
      if (fault === "duplicate") {
        // The same bytes reach the server twice, the second copy racing the first.
        proxy.forwarded += 1;
        await Promise.allSettled([first, sleep(random() * 20).then(() => forward(upstream(), req, body))]);
      }
      const answer = await first;
      // The server answered (and committed); the answer never reaches the phone.
      if (fault === "drop-response") {
        res.socket?.destroy();
        return;
      }
      const headers = { ...answer.headers, "content-length": String(answer.body.byteLength) };
      delete headers["transfer-encoding"];
      delete headers.connection;
      res.writeHead(answer.status, headers);
      if (fault === "cut-response") {
        // Headers and half the body arrive, then the link dies.
        res.write(answer.body.subarray(0, Math.floor(answer.body.byteLength / 2)));
        await sleep(5);
        res.socket?.destroy();
        return;
      }
      if (fault === "delay") await sleep(random() * 400);
      res.end(answer.body);
    } catch {
      // The server is down or restarting: to the phone this looks like a broken connection.
      res.socket?.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
