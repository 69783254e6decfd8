// The staff screens' one client: an answer is used only once its schema accepts it. A server of another version
// (an answer of another shape) is said to be unreadable, in words, instead of drawing a screen from it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { render, screen } from "@testing-library/preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGate } from "../../src/client/staff/staff-gate";
import { loadStaffJson } from "../../src/client/staff/staff-json";
import { DevicesAnswer } from "../../src/domain/staff-answers";
import { openAt } from "./setup";

const DEVICE = {
  id: "0193a5b0-7c00-7000-8000-0000000000aa",
  label: "Ana, Nebaj",
  enrolledAt: "2026-11-20T15:00:00.000Z",
  enrolledBy: "organizer@segeplan.gob.gt",
  revokedAt: null,
  lastPushAt: null,
  inputs: 3,
  quarantined: 0,
};

// Stands in for servers of other versions: the answers are fixed here, by address.
const ANSWERS: Record<string, [status: number, body: unknown]> = {
  "/current": [200, { devices: [DEVICE] }],
  "/older": [200, { devices: [{ ...DEVICE, inputs: "3" }] }],
  "/signed-out": [401, { type: "urn:tejido:problem:unauthenticated", title: "Sign in", status: 401 }],
};
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    const [status, body] = ANSWERS[request.url ?? ""] ?? [404, {}];
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  openAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dispositivos`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("loadStaffJson", () => {
  it("gives the answer once its schema accepts it", async () => {
    expect(await loadStaffJson("/current", DevicesAnswer)).toEqual({
      state: "ready",
      data: { devices: [DEVICE] },
    });
  });

  it("calls an answer of another shape unreadable, and the screen says so", async () => {
    const loaded = await loadStaffJson("/older", DevicesAnswer);
    expect(loaded).toEqual({ state: "unreadable" });
    render(
      <StaffGate
        state={loaded.state === "ready" ? "loading" : loaded.state}
        signIn="devices.signedOut"
        offline="devices.offline"
      />,
    );
    expect(screen.getByRole("alert").textContent).toMatch(/^La respuesta del servidor no se entendió/);
  });

  it("asks to sign in on 401, and answers what the screen names for 404", async () => {
    expect(await loadStaffJson("/signed-out", DevicesAnswer)).toEqual({ state: "signed-out" });
    expect(await loadStaffJson("/nothing", DevicesAnswer, { state: "new" as const })).toEqual({
      state: "new",
    });
  });
});
