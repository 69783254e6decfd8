// Guatemala's departments and municipalities (INE codes) and the seed of institutions built on them.
import { describe, expect, it } from "vitest";
import {
  DEPARTMENTS,
  findDepartment,
  findMunicipality,
  MUNICIPALITIES,
  municipalitiesOf,
} from "../../src/domain/territory/guatemala";
import { INSTITUTION_SEED } from "../../src/server/requests/institution-seed";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Municipalities per department, "01".."22". */
const EXPECTED_COUNTS = [17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17];

describe("departments", () => {
  it("are the 22 departments coded 01..22", () => {
    expect(DEPARTMENTS).toHaveLength(22);
    expect(DEPARTMENTS.map((department) => department.code)).toEqual(
      Array.from({ length: 22 }, (_, index) => String(index + 1).padStart(2, "0")),
    );
  });

  it("have their INE names", () => {
    expect(findDepartment("01")?.name).toBe("Guatemala");
    expect(findDepartment("03")?.name).toBe("Sacatepéquez");
    expect(findDepartment("14")?.name).toBe("Quiché");
    expect(findDepartment("17")?.name).toBe("Petén");
    expect(findDepartment("22")?.name).toBe("Jutiapa");
    expect(findDepartment("23")).toBeUndefined();
  });
});

describe("municipalities", () => {
  it("are 340, with the expected count in each department", () => {
    expect(MUNICIPALITIES).toHaveLength(340);
    expect(DEPARTMENTS.map((department) => municipalitiesOf(department.code).length)).toEqual(
      EXPECTED_COUNTS,
    );
    expect(municipalitiesOf("99")).toEqual([]);
  });

  it("have unique four-digit codes that start with their department's, numbered 01..n inside it", () => {
    const codes = MUNICIPALITIES.map((municipality) => municipality.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const department of DEPARTMENTS) {
      const inDepartment = municipalitiesOf(department.code);
      expect(inDepartment.map((municipality) => municipality.code)).toEqual(
        inDepartment.map((_, index) => `${department.code}${String(index + 1).padStart(2, "0")}`),
      );
    }
    for (const municipality of MUNICIPALITIES) {
      expect(municipality.code).toMatch(/^\d{4}$/);
      expect(municipality.code.startsWith(municipality.departmentCode)).toBe(true);
      expect(findDepartment(municipality.departmentCode)).toBeDefined();
    }
  });

  it("have non-empty trimmed names", () => {
    for (const place of [...DEPARTMENTS, ...MUNICIPALITIES]) {
      expect(place.name.length).toBeGreaterThan(0);
      expect(place.name).toBe(place.name.trim());
      expect(place.name).not.toMatch(/\s{2}/);
    }
  });

  it.each([
    ["0101", "Guatemala", "01"],
    ["0502", "Santa Lucía Cotzumalguapa", "05"],
    ["0501", "Escuintla", "05"],
    ["0514", "Sipacate", "05"],
    ["1230", "La Blanca", "12"],
    ["1301", "Huehuetenango", "13"],
    ["1333", "Petatán", "13"],
    ["1413", "Santa María Nebaj", "14"],
    ["1617", "Raxruhá", "16"],
    ["1714", "El Chal", "17"],
    ["2217", "Quesada", "22"],
  ])("finds %s %s", (code, name, departmentCode) => {
    expect(findMunicipality(code)).toEqual({ code, name, departmentCode });
  });

  it("finds nothing for an unknown code", () => {
    expect(findMunicipality("0118")).toBeUndefined();
    expect(findMunicipality("101")).toBeUndefined();
  });
});

describe("institution seed", () => {
  it("has unique valid UUIDs", () => {
    const ids = INSTITUTION_SEED.map((institution) => institution.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it("has unique upper-case acronyms of letters and digits", () => {
    const acronyms = INSTITUTION_SEED.map((institution) => institution.acronym);
    for (const acronym of acronyms) expect(acronym).toMatch(/^[A-Z0-9]+$/);
    expect(new Set(acronyms.map((acronym) => acronym.toLowerCase())).size).toBe(acronyms.length);
  });

  it("has the 14 ministries and some secretariats, none tied to a territory", () => {
    const ministries = INSTITUTION_SEED.filter((institution) => institution.kind === "ministry");
    expect(ministries.map((ministry) => ministry.acronym).sort()).toEqual(
      [
        "MAGA",
        "MICIVI",
        "MCD",
        "MINDEF",
        "MIDES",
        "MINECO",
        "MINEDUC",
        "MEM",
        "MINFIN",
        "MINGOB",
        "MARN",
        "MINEX",
        "MSPAS",
        "MINTRAB",
      ].sort(),
    );
    for (const ministry of ministries) expect(ministry.name).toMatch(/^Ministerio de /);
    const secretariats = INSTITUTION_SEED.filter((institution) => institution.kind === "secretariat");
    expect(secretariats.length).toBeGreaterThan(0);
    for (const secretariat of secretariats) expect(secretariat.name).toMatch(/^Secretaría /);
    for (const institution of [...ministries, ...secretariats]) expect(institution.territoryCode).toBeNull();
  });

  it("has one institution per municipality, tied to it", () => {
    const municipalities = INSTITUTION_SEED.filter((institution) => institution.kind === "municipality");
    expect(municipalities).toHaveLength(340);
    expect(new Set(municipalities.map((institution) => institution.territoryCode)).size).toBe(340);
    for (const institution of municipalities) {
      const municipality = findMunicipality(institution.territoryCode ?? "");
      expect(municipality).toBeDefined();
      expect(institution.acronym).toBe(`MUNI${municipality?.code}`);
    }
    expect(INSTITUTION_SEED.find((institution) => institution.territoryCode === "0101")).toEqual({
      id: "00000000-0000-7000-8000-000000000101",
      name: "Municipalidad de Guatemala, Guatemala",
      acronym: "MUNI0101",
      kind: "municipality",
      territoryCode: "0101",
    });
    expect(INSTITUTION_SEED.find((institution) => institution.acronym === "MUNI0514")?.name).toBe(
      "Municipalidad de Sipacate, Escuintla",
    );
  });
});
