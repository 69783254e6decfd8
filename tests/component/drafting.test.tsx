// Participatory drafting's forms against the real server (its own process): a citizen's comment is checked in plain
// words and then sent without an account, and shows waiting for its answer; on an enrolled phone the same form
// keeps an amendment on the phone with its signed-to-be mutation (nothing sent yet); the organizer cannot publish
// the next version while a comment waits, answers it with a reason, and then can.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { uuidv7 } from "uuidv7";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/client/db/database";
import { DraftWorkScreen } from "../../src/client/drafting/draft-work-screen";
import { DraftsScreen } from "../../src/client/drafting/drafts-screen";
import { forgetStaff } from "../../src/client/staff/staff-session";
import { settings } from "../../src/client/storage/settings";
import { FieldDraftComment } from "../../src/domain/drafts";
import { createUserWithCli } from "../support/admin-cli";
import { codesForProcess, enrol } from "../support/devices";
import { type ServerProcess, spawnServer } from "../support/spawn-server";
import { openAt } from "./setup";

const PASSWORD = "una frase larga para redactar";
let server: ServerProcess;
const draftId = uuidv7();

const call = (method: string, url: string, body?: unknown) =>
  fetch(`${server.url}${url}`, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  server = await spawnServer();
  createUserWithCli(server.dataDir, {
    email: "o@gae.gob.gt",
    name: "Olga",
    role: "organizer",
    password: PASSWORD,
  });
  openAt(`${server.url}/borradores/${draftId}`);
  expect(
    (await call("POST", "/api/v1/auth/login", { email: "o@gae.gob.gt", password: PASSWORD })).status,
  ).toBe(200);
  const markdown = "# Propósito\nServir a todos.\n\n# Ventanilla única\nUna sola entrada, con registro.\n";
  expect(
    (
      await call("POST", "/api/v1/organizer/drafts", {
        id: draftId,
        title: { es: "Estrategia: borrador" },
        markdown,
      })
    ).status,
  ).toBe(201);
  expect((await call("POST", `/api/v1/organizer/drafts/${draftId}/publish`, {})).status).toBe(200);
});
afterAll(async () => {
  forgetStaff();
  await server.stop();
});
afterEach(async () => {
  await settings.forgetIdentity();
  await Promise.all(
    ["draftComments", "draftTexts", "outbox"].map((table) => database().table(table).clear()),
  );
});

const renderPublic = () =>
  render(
    <LocationProvider>
      <Router>
        <Route path="/borradores/:id" component={DraftsScreen} />
        <Route default component={() => <p>Otra página</p>} />
      </Router>
    </LocationProvider>,
  );

const section = async (n: number) => within((await screen.findAllByTestId("draft-section"))[n - 1]!);

describe("a draft's comment form", () => {
  it("checks a citizen's comment in plain words, then sends it without an account", async () => {
    openAt(`${server.url}/borradores/${draftId}`);
    renderPublic();
    const second = await section(2);
    fireEvent.click(second.getByText("Comentar esta sección"));
    fireEvent.click(second.getByRole("radio", { name: "Proponer otra redacción" }));
    fireEvent.input(second.getByLabelText("Cómo debería decir la sección"), { target: { value: " " } });
    fireEvent.input(second.getByLabelText("Por qué propone el cambio"), { target: { value: "No" } });
    fireEvent.click(second.getByRole("button", { name: "Enviar" }));
    expect(await second.findByText("Escriba al menos 5 letras.")).toBeTruthy();
    expect(second.getByText("Escriba cómo debería decir la sección.")).toBeTruthy();
    expect(second.getByLabelText("Por qué propone el cambio").getAttribute("aria-invalid")).toBe("true");

    fireEvent.click(second.getByRole("radio", { name: "Dejar un comentario" }));
    fireEvent.input(second.getByLabelText("Su comentario"), {
      target: { value: "Pedir registro aleja a quien no tiene documentos." },
    });
    fireEvent.click(second.getByRole("button", { name: "Enviar" }));
    expect(await second.findByText(/^Recibido\./)).toBeTruthy();
    expect((second.getByLabelText("Su comentario") as HTMLTextAreaElement).value).toBe("");
    // (happy-dom's fetch keeps answers by max-age whatever `cache` asks; Chromium shows the comment on the page at
    // once: tests/e2e/drafting-and-tracker.) A URL not read before shows what the server kept.
    const kept = (await (await call("GET", `/api/v1/public/drafts/${draftId}?version=1`)).json()) as {
      draft: { comments: { text: string; channel: string; response: unknown }[] };
    };
    expect(kept.draft.comments).toEqual([
      expect.objectContaining({
        text: "Pedir registro aleja a quien no tiene documentos.",
        channel: "web",
        response: null,
      }),
    ]);
    // The draft is kept on this phone for reading it offline.
    expect((await database().draftTexts.get(draftId))?.view.id).toBe(draftId);
  });

  it("keeps an amendment on an enrolled phone, with its mutation, until the signal comes", async () => {
    const identity = await enrol(server.url, codesForProcess({ dataDir: server.dataDir }), uuidv7());
    await settings.setIdentity(identity);
    openAt(`${server.url}/borradores/${draftId}`);
    renderPublic();
    const first = await section(1);
    fireEvent.click(first.getByText("Comentar esta sección"));
    fireEvent.click(first.getByRole("radio", { name: "Proponer otra redacción" }));
    fireEvent.input(first.getByLabelText("Por qué propone el cambio"), {
      target: { value: "La asamblea pidió nombrar a los pueblos." },
    });
    fireEvent.input(first.getByLabelText("Cómo debería decir la sección"), {
      target: { value: "Servir a todos los pueblos de Guatemala." },
    });
    fireEvent.click(await first.findByRole("button", { name: "Guardar en este teléfono" }));
    expect(await first.findByText(/^Guardado en este teléfono/)).toBeTruthy();
    const kept = await screen.findByTestId("phone-comment");
    expect(kept.dataset.state).toBe("pending");
    expect(kept.textContent).toContain("Sin enviar todavía");

    const [entry] = await database().outbox.toArray();
    expect(entry?.kind).toBe("mutation");
    if (entry?.kind !== "mutation") return;
    expect(entry.mutation.type).toBe("draft.comment");
    const payload = FieldDraftComment.parse(entry.mutation.payload);
    expect(payload).toMatchObject({
      draftId,
      deviceId: identity.deviceId,
      kind: "amendment",
      proposedText: "Servir a todos los pueblos de Guatemala.",
    });
    expect(entry.mutation.recordId).toBe(payload.id);
    // Nothing went to the server: the outbox sends it.
    const onServer = (await (await call("GET", `/api/v1/public/drafts/${draftId}`)).json()) as {
      draft: { comments: { id: string }[] };
    };
    expect(onServer.draft.comments.map((c) => c.id)).not.toContain(payload.id);
  });
});

describe("the organizer's drafting screen", () => {
  it("will not publish the next version while a comment waits; answered with a reason, it publishes", async () => {
    expect((await call("POST", `/api/v1/organizer/drafts/${draftId}/next`, {})).status).toBe(200);
    openAt(`${server.url}/redaccion/${draftId}`);
    render(
      <LocationProvider>
        <Router>
          <Route path="/redaccion/:id" component={DraftWorkScreen} />
          <Route default component={() => <p>Otra página</p>} />
        </Router>
      </LocationProvider>,
    );
    const publish = await screen.findByRole("button", { name: "Publicar la versión 2" });
    expect((publish as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/^Falta responder 1 comentario antes de publicar/)).toBeTruthy();

    const waiting = within(screen.getByTestId("work-comment"));
    fireEvent.click(waiting.getByRole("button", { name: "Responder" }));
    expect(await waiting.findByText("Elija una respuesta.")).toBeTruthy();
    expect(waiting.getByText("Escriba la razón: al menos 5 letras. Será pública.")).toBeTruthy();
    fireEvent.click(waiting.getByRole("radio", { name: "No aceptada" }));
    fireEvent.input(waiting.getByLabelText("Razón (pública)"), {
      target: { value: "El registro se quita en la sección 2 por otra propuesta." },
    });
    fireEvent.click(waiting.getByRole("button", { name: "Responder" }));
    await waitFor(() =>
      expect(
        (screen.getByRole("button", { name: "Publicar la versión 2" }) as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    expect(screen.getByText(/No aceptada\): El registro se quita/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Publicar la versión 2" }));
    expect(await screen.findByText("Versión 2 publicada. Ya se puede comentar.")).toBeTruthy();
  });
});
