// `npm run restore -- BACKUP_DIR [--force]`: puts a backup back where DATA_DIR / DATABASE_URL / DATABASE_SCHEMA
// point (stop the server first), then checks row counts, chain heads and files against the backup's manifest.
// Exit 0 restored and matching, 1 restored but not matching, 2 not restored.
import { loadConfig } from "../config";
import { restore } from "./backup";

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith("--"));
if (!dir || args.includes("--help")) {
  process.stderr.write("Usage: npm run restore -- BACKUP_DIR [--force]   (stop the server first)\n");
  process.exit(2);
}
const config = loadConfig();
try {
  const report = await restore(
    dir,
    { dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema },
    args.includes("--force"),
  );
  const rows = Object.values(report.summary.tables).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `${JSON.stringify({ restored: dir, matches: report.matches, rows, chains: Object.keys(report.summary.chains).length, differences: report.differences })}\n`,
  );
  process.exit(report.matches ? 0 : 1);
} catch (error) {
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exit(2);
}
