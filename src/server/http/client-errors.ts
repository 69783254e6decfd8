// What Node's HTTP parser refuses before any route sees it (an address or headers over its 16 KB limit, a request
// it cannot parse) is answered as RFC 9457 problem+json too, like every other error of the API.
import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { makeProblem } from "../../domain/problem";

function answer(socket: Duplex, status: number, reason: string, problem: object, head = false): void {
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      "Content-Type: application/problem+json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "X-Content-Type-Options: nosniff\r\n" +
      "Connection: close\r\n\r\n" +
      // An answer to HEAD has headers only (RFC 9110 §9.3.2).
      (head ? "" : body),
  );
}

export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // A connection reset or a timeout has no one left to answer.
    if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
    const head = error.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
    if (error.code === "HPE_HEADER_OVERFLOW")
      return answer(
        socket,
        431,
        "Request Header Fields Too Large",
        makeProblem("headers-too-large", 431, "The address or the headers are too long", {
          detail: "Send at most 16 KB of address and headers; long data goes in the body.",
        }),
        head,
      );
    answer(
      socket,
      400,
      "Bad Request",
      makeProblem("invalid-request", 400, "The request could not be read"),
      head,
    );
  });
}
