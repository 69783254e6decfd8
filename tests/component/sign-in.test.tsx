// Staff sign-in against the real server (its own process, over HTTP on loopback: the page's DOM globals stay out
// of it): a new deployment is told how to make its first account; once one exists the page says nothing of it,
// signs in and remembers who is in.
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider } from "preact-iso";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInScreen } from "../../src/client/staff/sign-in-screen";
import { forgetStaff, staffSession } from "../../src/client/staff/staff-session";
import { createUserWithCli } from "../support/admin-cli";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para entrar";
let server: ServerProcess;

beforeAll(async () => {
  server = await spawnServer();
  openAt(`${server.url}/entrar`);
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});

const renderSignIn = () =>
  render(
    <LocationProvider>
      <SignInScreen />
    </LocationProvider>,
  );

describe("sign-in screen", () => {
  it("on a deployment with no account, gives the command that makes the first one and the password rules", async () => {
    renderSignIn();
    const firstStart = await screen.findByTestId("first-start");
    expect(firstStart.textContent).toContain("npm run admin -- create-user");
    expect(firstStart.textContent).toContain("de 12 a 256 caracteres");
  });

  it("once an account exists, says nothing of it, signs in and remembers who is in", async () => {
    createUserWithCli(server.dataDir, {
      email: "ana@segeplan.gob.gt",
      name: "Ana",
      role: "organizer",
      password: PASSWORD,
    });
    renderSignIn();
    const email = await screen.findByLabelText("Correo electrónico");
    fireEvent.input(email, { target: { value: "ana@segeplan.gob.gt" } });
    fireEvent.input(screen.getByLabelText("Contraseña"), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole("button", { name: "Entrar" }));
    await waitFor(() =>
      expect(screen.getByTestId("signed-in").textContent).toBe("Entró como Ana (organización)."),
    );
    expect(screen.queryByTestId("first-start")).toBeNull();
    expect(staffSession.get()).toEqual({ name: "Ana", role: "organizer" });
  });
});
