// `npm run verify -- FILE.zip [--key KEY_ID|PUBLIC_KEY|KEY_FILE.pem]`: checks a downloaded open-data package offline.
import { existsSync, readFileSync } from "node:fs";
import { verifyPackage } from "./verify-package";

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
const keyAt = args.indexOf("--key");
const keyArg = keyAt >= 0 ? args[keyAt + 1] : undefined;
if (!file) {
  process.stderr.write("Usage: npm run verify -- FILE.zip [--key KEY_ID|PUBLIC_KEY|KEY_FILE.pem]\n");
  process.exit(2);
}
const expected = keyArg && existsSync(keyArg) ? readFileSync(keyArg, "utf8") : keyArg;
const verdict = verifyPackage(readFileSync(file), expected);
const manifest = verdict.manifest;
if (manifest) {
  process.stdout.write(
    `${manifest.consultation?.title ?? "?"} (version ${manifest.consultation?.version ?? "?"}), generated ${manifest.generatedAt}\n` +
      `${manifest.records?.count ?? 0} records, chain head ${manifest.records?.chainHead ?? "?"}\n` +
      `signed with Ed25519 key ${manifest.signature?.keyId ?? "?"}\n`,
  );
}
if (verdict.ok) {
  process.stdout.write(
    `VALID: every file matches the signed manifest.${expected ? "" : " Compare the key id with the publisher's (GET /api/v1/public/signing-key)."}\n`,
  );
  process.exit(0);
}
for (const finding of verdict.findings) process.stdout.write(`- ${finding}\n`);
process.stdout.write("NOT VALID\n");
process.exit(1);
