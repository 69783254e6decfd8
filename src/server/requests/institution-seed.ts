// The seed of sujetos obligados (institutions that answer information requests): the executive's 14 ministries,
// the executive's secretariats that exist today, and the 340 municipalities. Sources: Ley del Organismo
// Ejecutivo (Decreto 114-97 and its reforms) for the ministries and the Presidency's secretariats, the laws and
// acuerdos that created the other secretariats, and INE's municipality codes (src/domain/territory/guatemala.ts).
// Ids are fixed so that re-seeding never duplicates a row. Pure data, no I/O.
import { findDepartment, MUNICIPALITIES } from "../../domain/territory/guatemala";

export interface InstitutionSeed {
  id: string;
  name: string;
  acronym: string;
  kind: "ministry" | "secretariat" | "municipality" | "other";
  /** INE municipality code for a municipality, null otherwise. */
  territoryCode: string | null;
}

type HandListed = readonly [id: string, acronym: string, name: string];

/** The ministries of the executive (Ley del Organismo Ejecutivo, article 19, as reformed). */
const MINISTRIES: readonly HandListed[] = [
  ["50c61680-324f-491a-a435-e9ce907731ce", "MAGA", "Ministerio de Agricultura, Ganadería y Alimentación"],
  [
    "eb8117a4-00c3-4418-aec0-488545af6a54",
    "MICIVI",
    "Ministerio de Comunicaciones, Infraestructura y Vivienda",
  ],
  ["5b772228-3faa-47a7-9c96-43316adb99cd", "MCD", "Ministerio de Cultura y Deportes"],
  ["f6f03937-2f85-4338-8071-65e99bcc5c18", "MINDEF", "Ministerio de la Defensa Nacional"],
  ["4f0fce51-aecb-4f9a-8e78-5254894173c9", "MIDES", "Ministerio de Desarrollo Social"],
  ["01412185-19b1-40ea-825e-2dadc633a97d", "MINECO", "Ministerio de Economía"],
  ["d2f6b71a-477d-488c-83d8-1c14789f03a3", "MINEDUC", "Ministerio de Educación"],
  ["01339f62-a1d0-4990-a645-e304c8c9e9de", "MEM", "Ministerio de Energía y Minas"],
  ["893adffb-f3a0-43c6-b0e9-2f7460ee45f0", "MINFIN", "Ministerio de Finanzas Públicas"],
  ["08da0848-e960-4347-8d54-150752e5a5f6", "MINGOB", "Ministerio de Gobernación"],
  ["73d7d0e1-4533-4901-ad25-15c10eb62e12", "MINEX", "Ministerio de Relaciones Exteriores"],
  ["568b7513-5285-45ef-aa00-505246908ecd", "MSPAS", "Ministerio de Salud Pública y Asistencia Social"],
  ["0d362c23-2523-4028-a16e-b68fcced31b0", "MINTRAB", "Ministerio de Trabajo y Previsión Social"],
  ["ec13c268-f5b5-43fd-b89f-b0df50de0cba", "MARN", "Ministerio de Ambiente y Recursos Naturales"],
];

/**
 * Secretariats of the Presidency and other executive secretariats. Not listed on purpose: the Secretaría de la
 * Paz (SEPAZ) and the Secretaría de Asuntos Agrarios (SAA), closed in 2020 when their functions passed to the
 * Comisión Presidencial por la Paz y los Derechos Humanos (Acuerdo Gubernativo 100-2020).
 */
const SECRETARIATS: readonly HandListed[] = [
  ["0037df61-7be7-4080-ab4b-69fb42cd3984", "SGP", "Secretaría General de la Presidencia de la República"],
  ["55454158-40d9-4549-902a-4dcf32680ecd", "SPP", "Secretaría Privada de la Presidencia de la República"],
  ["b63adb16-2d07-4c1e-8b12-289894f3160f", "SCEP", "Secretaría de Coordinación Ejecutiva de la Presidencia"],
  [
    "d55c98e7-7320-4dc6-b8d3-a2ab7aaebaec",
    "SCSPR",
    "Secretaría de Comunicación Social de la Presidencia de la República",
  ],
  ["3e4b3e9e-f27d-4eca-a7dc-cb4d9722d1dc", "SIE", "Secretaría de Inteligencia Estratégica del Estado"],
  [
    "3986fd53-ea45-4fdb-aacc-6cb582121eab",
    "SEGEPLAN",
    "Secretaría de Planificación y Programación de la Presidencia",
  ],
  [
    "51a389ba-e785-4f10-a5d2-b4c94ac4852c",
    "SAAS",
    "Secretaría de Asuntos Administrativos y de Seguridad de la Presidencia de la República",
  ],
  [
    "b56937c8-f39f-4675-83ba-96b060d9687f",
    "SBS",
    "Secretaría de Bienestar Social de la Presidencia de la República",
  ],
  [
    "dce666b9-75f6-41b7-8033-0556bfa84ce5",
    "SOSEP",
    "Secretaría de Obras Sociales de la Esposa del Presidente",
  ],
  ["f4d28b25-aa2f-4220-8e41-e01ac1db9e92", "SEPREM", "Secretaría Presidencial de la Mujer"],
  [
    "c089d09f-dd38-4258-ada0-4b1ac86aff44",
    "SESAN",
    "Secretaría de Seguridad Alimentaria y Nutricional de la Presidencia de la República",
  ],
  ["64752582-15a9-4807-8904-20220e85f16c", "SENACYT", "Secretaría Nacional de Ciencia y Tecnología"],
  [
    "5e922518-bb0c-41d8-8a7c-0608705f43aa",
    "SVET",
    "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas",
  ],
  [
    "d6a99d5a-f0e8-4181-b687-66006fe67fcd",
    "SECCATID",
    "Secretaría Ejecutiva de la Comisión contra las Adicciones y el Tráfico Ilícito de Drogas",
  ],
  [
    "afc3317f-2994-4a62-8df5-b4d2b6e6281b",
    "SENABED",
    "Secretaría Nacional de Administración de Bienes en Extinción de Dominio",
  ],
  ["96ae9a39-8cab-4e4d-8a9c-0cde65fd317f", "STCNS", "Secretaría Técnica del Consejo Nacional de Seguridad"],
];

/**
 * Presidential commissions. GAE coordinates the open-government action plans; it coordinated commitment GT0092
 * (2018-2020) under its former name, Comisión Presidencial de Gestión Pública Abierta y Transparencia.
 */
const COMMISSIONS: readonly HandListed[] = [
  ["0193a5b0-7c00-7000-8000-0000000000a1", "GAE", "Comisión Presidencial de Gobierno Abierto y Electrónico"],
];

const handListed = (kind: InstitutionSeed["kind"], rows: readonly HandListed[]): InstitutionSeed[] =>
  rows.map(([id, acronym, name]) => ({ id, name, acronym, kind, territoryCode: null }));

/**
 * A municipality's id is derived from its INE code (a UUIDv7-shaped constant with the code in its last
 * digits), so it is the same on every seed.
 */
export function municipalityInstitutionId(code: string): string {
  return `00000000-0000-7000-8000-00000000${code}`;
}

function departmentName(code: string): string {
  const department = findDepartment(code);
  if (!department) throw new Error(`Unknown department code ${code}`);
  return department.name;
}

const municipalities: InstitutionSeed[] = MUNICIPALITIES.map((municipality) => ({
  id: municipalityInstitutionId(municipality.code),
  name: `Municipalidad de ${municipality.name}, ${departmentName(municipality.departmentCode)}`,
  acronym: `MUNI${municipality.code}`,
  kind: "municipality",
  territoryCode: municipality.code,
}));

export const INSTITUTION_SEED: readonly InstitutionSeed[] = [
  ...handListed("ministry", MINISTRIES),
  ...handListed("secretariat", SECRETARIATS),
  ...handListed("other", COMMISSIONS),
  ...municipalities,
];
