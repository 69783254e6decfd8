// Starts Tejido: opens the database, seeds the demo consultation and serves API + PWA.
import type { Server } from "node:http";
import path from "node:path";
import { serve } from "@hono/node-server";
import { FIRST_ACCOUNT_COMMAND, PASSWORD_LIMITS } from "../domain/accounts";
import { createApp } from "./app";
import { hasStaffAccount } from "./auth/accounts-store";
import { loadConfig } from "./config";
import { seedDemoConsultation } from "./consultations/consultation-store";
import { answerClientErrors } from "./http/client-errors";
import { createLogger } from "./logger";
import { createMailer } from "./mail/mailer";
import { seedRequestCatalogues } from "./requests/catalogue-store";
import { openStorage } from "./storage/database";
import { seedDemoCommitment } from "./tracker/tracker-store";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const storage = await openStorage({
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  databaseSchema: config.databaseSchema,
});
logger.info({ database: storage.dialect }, "database ready");
if (await seedDemoConsultation(storage.db, new Date())) logger.info("seeded the demo consultation");
await seedRequestCatalogues(storage.db, new Date());
// After the institutions: a milestone names the one responsible for it.
if (await seedDemoCommitment(storage.db, new Date())) logger.info("seeded the demo commitment (GT0092)");
if (!(await hasStaffAccount(storage.db)))
  logger.warn(
    `No staff account yet. Make the first administrator with:\n  ${FIRST_ACCOUNT_COMMAND}\n` +
      `then type the password (${PASSWORD_LIMITS.min} to ${PASSWORD_LIMITS.max} characters; a long phrase is best) ` +
      "and press Ctrl-D. TEJIDO_NEW_PASSWORD may carry it instead of --password-stdin.",
  );

// Mail to requesters only where an SMTP server is configured; without one, nothing is queued.
const mailer = config.smtpUrl
  ? createMailer({ db: storage.db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger })
  : undefined;
if (mailer) {
  logger.info("mail to requesters on");
  void mailer.poke();
}

const app = createApp({
  db: storage.db,
  probe: storage.probe,
  load: { maxInFlight: config.maxExchangesInFlight, retryAfterSeconds: config.overloadRetryAfterSeconds },
  logger,
  maxBodyBytes: config.maxBodyBytes,
  staticDir: config.staticDir,
  shell: { site: config.site, ...(config.siteLogoFile ? { logoFile: config.siteLogoFile } : {}) },
  filesDir: path.join(config.dataDir, "files"),
  requests: { trustProxyHops: config.trustProxyHops },
  smallCell: config.smallCellThreshold,
  ...(config.publicUrlSet ? { publicUrl: config.publicUrlSet } : {}),
  ...(mailer ? { mail: { mailer, publicUrl: config.publicUrl } } : {}),
  ...(config.metricsToken ? { metricsAccess: { token: config.metricsToken } } : {}),
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info(
    { address: info.address, port: info.port },
    `Tejido listening on http://localhost:${info.port}`,
  );
});
answerClientErrors(server as Server);

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close(async () => {
    await mailer?.stop();
    await storage.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
