// `npm run admin -- create-user --email … --name … --role organizer|officer|admin|civil_society [--institution ID|ACRONYM] [--organisation NAME]`
// The password comes from standard input (--password-stdin) or TEJIDO_NEW_PASSWORD, never from the command line.
import { hostname, userInfo } from "node:os";
import { parseArgs } from "node:util";
import { NewUser } from "../domain/accounts";
import { issuesToFieldErrors } from "../domain/problem";
import { appendAudit } from "./audit/audit-log";
import { createUser, DuplicateEmailError } from "./auth/accounts-store";
import { loadConfig } from "./config";
import { seedRequestCatalogues } from "./requests/catalogue-store";
import { openStorage } from "./storage/database";

const USAGE = `Usage:
  npm run admin -- create-user --email EMAIL --name NAME --role admin|organizer|officer|civil_society [--institution ID|ACRONYM] [--organisation NAME] [--password-stdin]
The password is read from standard input with --password-stdin, otherwise from TEJIDO_NEW_PASSWORD.
`;

/** Who runs the command, as the system knows them (a container may have no name for its user). */
function operatorName(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `uid ${process.getuid?.() ?? "?"}@${hostname()}`;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== "create-user") fail(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      institution: { type: "string" },
      organisation: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const password = values["password-stdin"] ? await readStdin() : process.env.TEJIDO_NEW_PASSWORD;
  if (!password) fail("No password: pipe it with --password-stdin or set TEJIDO_NEW_PASSWORD.");
  const candidate = NewUser.safeParse({
    email: values.email,
    name: values.name,
    role: values.role,
    ...(values.institution ? { institutionId: values.institution } : {}),
    ...(values.organisation ? { organisation: values.organisation } : {}),
    password,
  });
  if (candidate.success && candidate.data.role === "civil_society" && !candidate.data.organisation)
    fail(`A civil-society account names its organisation (--organisation "…").\n${USAGE}`);
  if (!candidate.success) {
    const lines = issuesToFieldErrors(candidate.error.issues).map((e) => `  ${e.pointer}: ${e.code}`);
    fail(`Invalid user:\n${lines.join("\n")}\n${USAGE}`);
  }
  const config = loadConfig();
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSchema: config.databaseSchema,
  });
  try {
    await seedRequestCatalogues(storage.db, new Date());
    let user = candidate.data;
    if (user.role === "officer" || user.institutionId) {
      // An institution is named by its id or its acronym ("MINFIN"); officers must name one.
      const wanted = user.institutionId ?? "";
      const institution = await storage.db
        .selectFrom("institutions")
        .select("id")
        .where((eb) => eb.or([eb("id", "=", wanted), eb("acronym", "=", wanted.toUpperCase())]))
        .executeTakeFirst();
      if (!institution) fail(`No institution with id or acronym "${wanted}" (officers need one).`);
      user = { ...user, institutionId: institution.id };
    }
    const created = await createUser(storage.db, user, new Date());
    // The operator at the console is staff too: the account's creation goes in the audit log like any other.
    await appendAudit(storage.db, {
      at: new Date().toISOString(),
      actorId: "cli",
      actorEmail: operatorName(),
      actorRole: "operator",
      action: "CLI create-user",
      target: `/api/v1/admin/users/${created.id}`,
      status: 201,
      detail: JSON.stringify({
        email: created.email,
        name: created.name,
        role: created.role,
        institutionId: created.institutionId,
      }),
    });
    process.stdout.write(`Created ${created.role} ${created.email} (${created.id})\n`);
  } catch (error) {
    if (error instanceof DuplicateEmailError) fail(error.message);
    throw error;
  } finally {
    await storage.close();
  }
}

await main(process.argv.slice(2));
