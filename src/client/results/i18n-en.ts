// English for the results screen. Typed against Spanish, so a missing key fails the typecheck.
import type { ResultsCatalogue } from "../i18n/catalogue";

export const enResults: ResultsCatalogue = {
  "results.title": "Results and exports",
  "results.signIn": "Sign in with an organizer account to export inputs.",
  "results.offline": "Offline. Exports need a connection.",
  "results.inputs": "{count} inputs · version {version}",
  "results.export": "Download",
  "results.format.csv-excel": "CSV for Excel",
  "results.format.csv": "CSV",
  "results.format.xlsx": "Excel (XLSX)",
  "results.format.jsonl": "JSON Lines",
  "results.progress.rows": "Downloading: {done} of {total} inputs ({percent}%)",
  "results.progress.bytes": "Downloading: {kb} KB",
  "results.done": "Done: {name}",
  "results.failed": "The download failed. Try again.",
  "results.none": "No consultations yet.",
};
