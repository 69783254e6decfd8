// Spanish for the organizer's results screen: loaded with that screen only.
export const esResults = {
  "results.title": "Resultados y exportaciones",
  "results.signIn": "Entre con una cuenta de organización para exportar los aportes.",
  "results.offline": "Sin conexión. Las exportaciones necesitan internet.",
  "results.inputs": "{count} aportes · versión {version}",
  "results.export": "Descargar",
  "results.format.csv-excel": "CSV para Excel",
  "results.format.csv": "CSV",
  "results.format.xlsx": "Excel (XLSX)",
  "results.format.jsonl": "JSON Lines",
  "results.progress.rows": "Descargando: {done} de {total} aportes ({percent} %)",
  "results.progress.bytes": "Descargando: {kb} KB",
  "results.done": "Listo: {name}",
  "results.failed": "No se pudo descargar. Vuelva a intentar.",
  "results.none": "Todavía no hay consultas.",
} as const;
