// Enrolling a phone against the real server (its own process): a used code is refused in plain words, a good
// one keeps the identity on the phone and makes it a field phone; its home then opens on the field work.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider } from "preact-iso";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnrolScreen } from "../../src/client/enrol/enrol-screen";
import { settings } from "../../src/client/storage/settings";
import { fieldMode } from "../../src/client/ui/field-mode";
import { codesForProcess } from "../support/devices";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

let server: ServerProcess;

beforeAll(async () => {
  server = await spawnServer();
  openAt(`${server.url}/inscribir`);
});
afterAll(async () => {
  fieldMode.set(false);
  await server.stop();
});

const renderEnrol = () =>
  render(
    <LocationProvider>
      <EnrolScreen />
    </LocationProvider>,
  );

const enrolWith = async (code: string) => {
  fireEvent.input(await screen.findByLabelText("Código de inscripción"), { target: { value: code } });
  fireEvent.click(screen.getByRole("button", { name: "Inscribir" }));
};

describe("enrolment screen", () => {
  it("refuses a code that does not exist, in plain words, and keeps no identity", async () => {
    renderEnrol();
    await enrolWith("7KQ2M-9XD4R");
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Ese código no existe. Revíselo con quien organiza la consulta.",
      ),
    );
    expect(await settings.getIdentity()).toBeUndefined();
    expect(fieldMode.get()).toBe(false);
  });

  it("enrols with a code from the organizer, keeps the identity and becomes a field phone", async () => {
    const code = await codesForProcess({ dataDir: server.dataDir })();
    renderEnrol();
    // Typed loosely, as people do: lower case, no dash.
    await enrolWith(code.toLowerCase().replace("-", ""));
    await screen.findByTestId("enrolled");
    const identity = await settings.getIdentity();
    expect(identity?.deviceId).toBe(await settings.getDeviceId());
    expect(fieldMode.get()).toBe(true);
  });
});
