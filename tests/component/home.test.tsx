// The home's front doors: the citizen's by default, the facilitator's work first on a field phone; and the
// static copy in index.html, painted before any script, is the same markup as the app's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { render, screen } from "@testing-library/preact";
import { LocationProvider } from "preact-iso";
import { afterEach, describe, expect, it } from "vitest";
import { HomeScreen } from "../../src/client/home/home-screen";
import { syncStatus } from "../../src/client/sync/sync-status";
import { fieldMode, markFieldPhone } from "../../src/client/ui/field-mode";

const INDEX_HTML = readFileSync(path.resolve(import.meta.dirname, "../../index.html"), "utf8");

const renderHome = () =>
  render(
    <LocationProvider>
      <HomeScreen />
    </LocationProvider>,
  );

describe("home", () => {
  afterEach(() => fieldMode.set(false));

  it("opens on the citizen's four doors, each a link named by its title and described by its hint", () => {
    renderHome();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("¿Qué quiere hacer?");
    const doors = screen.getByRole("list", { name: "Para el público" });
    const links = [...doors.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links.map(([href]) => href)).toEqual([
      "/solicitudes/nueva",
      "/solicitudes/estado",
      "/consultas",
      "/datos",
    ]);
    expect(
      screen.getByRole("link", { name: "Pida información pública" }).getAttribute("aria-describedby"),
    ).toBe("door-0-hint");
    // A citizen is offered the way in for facilitators and for staff, once each.
    expect(screen.getByRole("link", { name: "Inscribir este teléfono" }).getAttribute("href")).toBe(
      "/inscribir",
    );
    expect(screen.getByRole("link", { name: "¿Trabaja en una institución? Entrar" })).toBeTruthy();
  });

  it("is the same markup as the front door index.html paints before any script", () => {
    const { container } = renderHome();
    const painted = new DOMParser().parseFromString(INDEX_HTML, "text/html");
    const fromHtml = painted.querySelector("ul.doors");
    const fromApp = container.querySelector("ul.doors");
    expect(fromHtml, "index.html has the doors").not.toBeNull();
    const normalise = (html: string) => html.replace(/>\s+</g, "><").trim();
    expect(normalise(fromHtml!.outerHTML)).toBe(normalise(fromApp!.outerHTML));
    expect(painted.querySelector("h1")?.textContent).toBe(container.querySelector("h1")?.textContent);
  });

  it("on a phone that does field work, puts the facilitator's work first and keeps the doors under it", async () => {
    markFieldPhone();
    // The phone has pulled (a last exchange) but nothing was ever saved on it.
    syncStatus.update((status) => ({ ...status, lastSuccessAt: "2026-12-01T15:00:00.000Z" }));
    renderHome();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Trabajo de campo");
    // The field part loads after the first paint, then opens the database.
    await screen.findByRole("heading", { name: "Envío de datos" });
    // Not "everything saved was sent": nothing was saved.
    await screen.findByText("Todavía no hay nada guardado en este teléfono.");
    expect(screen.getByRole("link", { name: "Ver los aportes guardados en este teléfono" })).toBeTruthy();
    expect(screen.getByRole("list", { name: "Para el público" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Inscribir este teléfono" })).toBeNull();
  });
});
