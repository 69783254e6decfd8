// Institution search: by acronym or name words, with or without accents, only active ones.
import { describe, expect, it } from "vitest";
import { searchInstitutions, searchKey } from "../../src/domain/requests/institution-search";

const institution = (acronym: string, name: string, active = true) => ({
  id: acronym.toLowerCase(),
  acronym,
  name,
  active,
});
const list = [
  institution("MINEDUC", "Ministerio de Educación"),
  institution("MSPAS", "Ministerio de Salud Pública y Asistencia Social"),
  institution("MINECO", "Ministerio de Economía"),
  institution("MUNI-NEBAJ", "Municipalidad de Santa María Nebaj"),
  institution("MUNI-PEÑAS", "Municipalidad de Las Peñas"),
  institution("SEPAZ", "Secretaría de la Paz", false),
];
const ids = (query: string) => searchInstitutions(query, list).map((found) => found.acronym);

describe("institution search", () => {
  it("finds by acronym in any case, the exact one first", () => {
    expect(ids("mineduc")).toEqual(["MINEDUC"]);
    // Both acronyms start with "mine": the shorter name comes first.
    expect(ids("Mine")).toEqual(["MINECO", "MINEDUC"]);
  });

  it("finds by name words with or without accents", () => {
    expect(ids("educacion")).toEqual(["MINEDUC"]);
    expect(ids("Salud pública")).toEqual(["MSPAS"]);
    expect(ids("santa maria nebaj")).toEqual(["MUNI-NEBAJ"]);
    expect(ids("municipalidad")).toEqual(["MUNI-PEÑAS", "MUNI-NEBAJ"]);
  });

  it("finds ñ whether or not it is typed", () => {
    expect(searchKey("Las Peñas, Huehuetenango")).toBe("las penas huehuetenango");
    expect(ids("peñas")).toEqual(["MUNI-PEÑAS"]);
    expect(ids("penas")).toEqual(["MUNI-PEÑAS"]);
    expect(ids("muni peñas")).toEqual(["MUNI-PEÑAS"]);
  });

  it("never offers an inactive institution, and nothing for an empty query", () => {
    expect(ids("sepaz")).toEqual([]);
    expect(ids("   ")).toEqual([]);
  });
});
