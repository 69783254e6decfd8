// Resumable uploads (tus 1.0 at /api/v1/uploads): staff files (answers, evidence, transfer files), and enrolled
// phones' voice recordings and photos. A cut upload resumes from the offset the server holds; a file counts only
// once its size and sha256 match what the sender declared.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Server, Upload } from "@tus/server";
import { type Context, Hono } from "hono";
import { parse as parseCookies } from "hono/utils/cookie";
import type { Kysely } from "kysely";
import { uuidv7 } from "uuidv7";
import type { CurrentUser } from "../../domain/accounts";
import { cleanText } from "../../domain/clean-text";
import { MEDIA_MAX_BYTES } from "../../domain/media";
import { storedMediaType } from "../../domain/media-type";
import { Uuid } from "../../domain/primitives";
import { userForSession } from "../auth/accounts-store";
import { SESSION_COOKIE } from "../auth/auth-routes";
import { bearerToken, deviceForToken } from "../devices/device-store";
import { sha256OfFile } from "../hash";
import type { Database } from "../storage/schema";

export const UPLOADS_PATH = "/api/v1/uploads";
/** Where tus keeps uploads, relative to the files directory (attachments' storage keys start with it). */
export const UPLOADS_DIR = "uploads";

export interface UploadRoutesOptions {
  db: Kysely<Database>;
  now: () => Date;
  filesDir: string;
  maxBytes: number;
}

/** tus answers errors as { status_code, body }; the body is plain text, as the protocol's clients expect. */
const refuse = (status_code: number, body: string) => ({ status_code, body: `${body}\n` });

/** The bearer token of a device's request, if it carries one. */
const bearerOf = (request: Request) => bearerToken(request.headers.get("authorization"));

/**
 * Role: staff (session: officers' answers and evidence, civil society's evidence, organizers' transfer files) or
 * enrolled device (bearer token), each only for their own uploads. Metadata:
 * filename, filetype, sha256 (hex), and for devices `id`, the media id its signed record names. The upload
 * id becomes the attachment id that an answer or a record names.
 */
export function uploadRoutes({ db, now, filesDir, maxBytes }: UploadRoutesOptions): Hono {
  const directory = path.join(filesDir, UPLOADS_DIR);
  /** Who sent each request: a user id, or "device:<id>" for a phone. */
  const owners = new WeakMap<Request, string>();
  /** The signed-in officer behind a request, handed to the audit log once tus has answered. */
  const officers = new WeakMap<Request, CurrentUser>();
  // The tus server loads on the first upload: a server that never receives a file never pays its memory.
  let started: Promise<Server> | undefined;
  const tusServer = () => {
    started ??= Promise.all([import("@tus/server"), import("@tus/file-store")]).then(
      ([{ Server }, { FileStore }]) => createServer(Server, new FileStore({ directory })),
    );
    return started;
  };
  const createServer = (
    TusServer: typeof Server,
    datastore: ConstructorParameters<typeof Server>[0]["datastore"],
  ): Server => {
    const tus: Server = new TusServer({
      path: UPLOADS_PATH,
      datastore,
      maxSize: maxBytes,
      relativeLocation: true,
      // A phone uploads under the id its signed record already names; it can resume by that id after a reload.
      namingFunction: (request, metadata) =>
        request && bearerOf(request) && Uuid.safeParse(metadata?.id ?? "").success ? metadata!.id! : uuidv7(),
      // A delivered file is part of an answer the requester may still download: it is never deleted.
      disableTerminationForFinishedUploads: true,
      async onIncomingRequest(request, uploadId) {
        const bearer = bearerOf(request);
        if (bearer) {
          const device = await deviceForToken(db, bearer);
          if (!device) throw refuse(401, "This device is not enrolled");
          if (device.revoked) throw refuse(403, "This device was revoked by an organizer");
          owners.set(request, `device:${device.id}`);
        } else {
          // tus hooks see the bare Request: the session cookie is read with the parser getCookie uses.
          const token = parseCookies(request.headers.get("cookie") ?? "", SESSION_COOKIE)[SESSION_COOKIE];
          const user = token ? await userForSession(db, token, now()) : undefined;
          if (!user) throw refuse(401, "Sign in first");
          // Officers (answers, the government's evidence), civil society (its own evidence), organizers and
          // admins (transfer files carried by hand from phones without a signal, which can be large).
          if (!["officer", "civil_society", "organizer", "admin"].includes(user.role))
            throw refuse(403, "Your role may not upload files");
          owners.set(request, user.id);
          officers.set(request, user);
        }
        const owner = owners.get(request)!;
        if (request.method === "POST" || !uploadId) return;
        // Someone else's upload does not exist, as far as this user can tell.
        const owned = await db
          .selectFrom("attachments")
          .select(["id", "state"])
          .where("id", "=", uploadId)
          .where("created_by", "=", owner)
          .executeTakeFirst();
        if (!owned) throw refuse(404, "No such upload");
        if (request.method === "DELETE" && owned.state !== "pending")
          throw refuse(403, "A complete file stays");
        if (request.method === "HEAD" && owned.state === "pending") {
          // All bytes arrived but the check did not run (the server stopped in between): run it now, so the
          // client's resume finds the file verified, or refused and gone.
          const upload = await tus.datastore.getUpload(uploadId).catch(() => undefined);
          if (upload && upload.size !== undefined && upload.offset === upload.size) await verify(upload);
        }
      },
      async onUploadCreate(request, upload) {
        const meta = upload.metadata ?? {};
        // No controls or bidirectional overrides: a name that reads backwards in the inbox is a trap.
        const name = cleanText(meta.filename ?? "").trim();
        const sha256 = (meta.sha256 ?? "").toLowerCase();
        if (upload.sizeIsDeferred || !upload.size) throw refuse(400, "Declare the file's length");
        if (!name || name.length > 200 || /[\\/\0]/.test(name)) throw refuse(400, "The file needs a name");
        if (!/^[0-9a-f]{64}$/.test(sha256)) throw refuse(400, "The file needs its SHA-256");
        const owner = owners.get(request);
        if (!owner) throw refuse(401, "Sign in first");
        if (owner.startsWith("device:")) {
          // A phone's file must be one its own accepted, signed record names, with that record's size and
          // SHA-256: the signature then vouches for the stored bytes, and no phone can take another's id.
          const named = await db
            .selectFrom("media_refs")
            .select(["size", "sha256", "mime"])
            .where("media_id", "=", upload.id)
            .where("device_id", "=", owner.slice("device:".length))
            .executeTakeFirst();
          if (!named || named.size !== upload.size || named.sha256 !== sha256)
            throw refuse(
              400,
              "No input or workshop of this phone names this file with this size and SHA-256",
            );
          if (named.size > MEDIA_MAX_BYTES) throw refuse(413, "The file is too large");
        }
        const inserted = await db
          .insertInto("attachments")
          .values({
            id: upload.id,
            request_id: null,
            name,
            // Never stored as declared: a type with a line break would break every download's headers.
            mime: storedMediaType(meta.filetype ?? undefined),
            size: upload.size,
            sha256,
            state: "pending",
            storage_key: path.join(UPLOADS_DIR, upload.id),
            created_by: owner,
            created_at: now().toISOString(),
            completed_at: null,
          })
          .onConflict((oc) => oc.column("id").doNothing())
          .executeTakeFirst();
        // A media id already uploaded (or begun) is resumed by its address, never created twice; but a row
        // left by a create whose file never got written (a full disk, a crash) is taken over by its owner.
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          const existing = await db
            .selectFrom("attachments")
            .select(["created_by", "state"])
            .where("id", "=", upload.id)
            .executeTakeFirst();
          const orphan =
            existing?.created_by === owner &&
            existing.state === "pending" &&
            !existsSync(path.join(directory, upload.id));
          if (!orphan) throw refuse(409, "This file already exists");
          await db
            .updateTable("attachments")
            .set({ name, size: upload.size, sha256, created_at: now().toISOString() })
            .where("id", "=", upload.id)
            .execute();
        }
        return {};
      },
      async onUploadFinish(_request, upload) {
        await verify(upload);
        return {};
      },
    });
    return tus;
  };

  /** Checks the whole file against its declared hash; a damaged one is deleted so it is sent again. */
  async function verify(upload: Upload): Promise<void> {
    const row = await db.selectFrom("attachments").selectAll().where("id", "=", upload.id).executeTakeFirst();
    if (!row) throw refuse(404, "No such upload");
    const file = path.join(directory, upload.id);
    const actual = await sha256OfFile(file);
    if (actual !== row.sha256 || upload.offset !== row.size) {
      await Promise.all([rm(file, { force: true }), rm(`${file}.json`, { force: true })]);
      await db.deleteFrom("attachments").where("id", "=", upload.id).execute();
      throw refuse(460, "The file arrived damaged: its SHA-256 does not match. Send it again.");
    }
    await db
      .updateTable("attachments")
      .set({ state: "complete", completed_at: now().toISOString() })
      .where("id", "=", upload.id)
      .execute();
  }

  const app = new Hono();
  const handle = async (c: Context<{ Variables: { user?: CurrentUser } }>) => {
    const response = await (await tusServer()).handleWeb(c.req.raw);
    const officer = officers.get(c.req.raw);
    if (officer) c.set("user", officer);
    return response;
  };
  app.all("/", handle);
  app.all("/:id", handle);
  return app;
}
