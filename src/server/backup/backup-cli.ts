// `npm run backup -- [--to DIR]`: a backup of the database and the files of the Tejido that DATA_DIR /
// DATABASE_URL / DATABASE_SCHEMA name, taken while it runs, into a new directory under DIR (./backups).
import { loadConfig } from "../config";
import { backup } from "./backup";

const args = process.argv.slice(2);
const toIndex = args.indexOf("--to");
const outDir = toIndex >= 0 ? args[toIndex + 1] : "backups";
if (!outDir || args.includes("--help")) {
  process.stderr.write(
    "Usage: npm run backup -- [--to DIR]   (DATA_DIR, DATABASE_URL, DATABASE_SCHEMA as the server's)\n",
  );
  process.exit(2);
}
const config = loadConfig();
try {
  const { dir, manifest } = await backup(
    { dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema },
    outDir,
  );
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `${JSON.stringify({ backup: dir, database: manifest.database, tables: Object.keys(manifest.tables).length, rows, chains: Object.keys(manifest.chains).length, files: Object.keys(manifest.files).length })}\n`,
  );
} catch (error) {
  process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
  process.exit(1);
}
