// Structured logs (pino). Never log tracking codes, passwords, tokens or personal data.
import { pino } from "pino";

export type Logger = pino.Logger;

export function createLogger(level: pino.LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: "tejido" },
    redact: ["req.headers.authorization", "req.headers.cookie"],
  });
}
