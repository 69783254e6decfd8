// `npm run verify -- FILE.zip --key KEY_ID|PUBLIC_KEY|KEY_FILE.pem`: checks a downloaded open-data package offline.
// Without the publisher's key a package is never called valid: anyone can change a file and sign the manifest
// again with a key of their own, so "intact" means nothing until the signer is the publisher.
import { existsSync, readFileSync } from "node:fs";
import { verifyPackage } from "./verify-package";

const USAGE =
  "Usage: npm run verify -- FILE.zip --key KEY_ID|PUBLIC_KEY|KEY_FILE.pem\n" +
  "  The publisher's key is at GET /api/v1/public/signing-key on its site (keyId, or publicKeyPem saved to a file).\n";

const args = process.argv.slice(2);
const file = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--key");
const keyAt = args.indexOf("--key");
const keyArg = keyAt >= 0 ? args[keyAt + 1] : undefined;
if (!file || (keyAt >= 0 && !keyArg)) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const expected = keyArg && existsSync(keyArg) ? readFileSync(keyArg, "utf8") : keyArg;
const verdict = verifyPackage(readFileSync(file), expected);
const manifest = verdict.manifest;
if (manifest) {
  process.stdout.write(
    `${
      manifest.commitment
        ? `${manifest.commitment.code}: ${manifest.commitment.title}`
        : `${manifest.consultation?.title ?? "?"} (version ${manifest.consultation?.version ?? "?"})`
    }, generated ${manifest.generatedAt}\n` +
      `${manifest.records?.count ?? 0} records, chain head ${manifest.records?.chainHead ?? "?"}\n` +
      `signed with Ed25519 key ${manifest.signature?.keyId ?? "?"}\n`,
  );
}
if (!verdict.ok) {
  for (const finding of verdict.findings) process.stdout.write(`- ${finding}\n`);
  process.stdout.write("NOT VALID\n");
  process.exit(1);
}
if (!expected) {
  process.stdout.write(
    `SIGNER NOT CHECKED: the files match a manifest signed by key ${manifest?.signature?.keyId ?? "?"}, but anyone ` +
      "can sign a changed package with a key of their own. Run again with --key and the publisher's key.\n",
  );
  process.stderr.write(USAGE);
  process.exit(3);
}
process.stdout.write("VALID: every file matches the manifest signed by the publisher's key.\n");
process.exit(0);
