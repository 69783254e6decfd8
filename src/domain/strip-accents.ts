// Text without its accents and other combining marks ("Educación" → "Educacion", "Peñas" → "Penas").

export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}
