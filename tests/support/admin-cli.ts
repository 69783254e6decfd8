// Makes a staff account the way an admin does, with `npm run admin -- create-user`, against a spawned server's data.
import { spawnSync } from "node:child_process";
import path from "node:path";

export interface CliUser {
  email: string;
  name: string;
  role: "admin" | "organizer" | "officer" | "civil_society";
  password: string;
  institution?: string;
  organisation?: string;
}

/** Runs the admin CLI on `dataDir` (SQLite) and throws with its stderr if it fails. */
export function createUserWithCli(dataDir: string, user: CliUser): void {
  const args = [
    "--import",
    "tsx",
    "src/server/admin-cli.ts",
    "create-user",
    "--email",
    user.email,
    "--name",
    user.name,
    "--role",
    user.role,
    "--password-stdin",
  ];
  if (user.institution) args.push("--institution", user.institution);
  if (user.organisation) args.push("--organisation", user.organisation);
  const created = spawnSync(process.execPath, args, {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    input: `${user.password}\n`,
    encoding: "utf8",
  });
  if (created.status !== 0) throw new Error(`admin create-user failed: ${created.stderr}`);
}
