// A calendar day on this phone's clock, as YYYY-MM-DD (the form dates take in records and in formatDate).
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
