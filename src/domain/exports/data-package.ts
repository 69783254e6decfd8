// The Frictionless Data Package of a published consultation: datapackage.json with a Table Schema per CSV
// (inputs, their dispositions, and the workshops held with attendance counts, small cells left empty).
// Pure: the server streams the CSVs beside it. Personal data never enters it (no device ids, no names).
import type { Consultation } from "../consultation";
import { AGE_BANDS, PEOPLES, SEXES } from "../demographics";
import { DISPOSITION_STATUSES } from "../dispositions";
import { localize } from "../language-codes";
import type { PublicWorkshop } from "../results/public-workshop";
import type { ExportColumn } from "./input-table";

export const DEFAULT_LICENSE = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title: "Creative Commons Attribution 4.0",
} as const;

export interface TableField {
  name: string;
  title?: string;
  type: "string" | "integer" | "number" | "datetime" | "date";
  /**
   * For datetimes, "any": the cells are ISO 8601 instants with milliseconds ("2026-12-01T01:50:25.278Z"), which the
   * Table Schema's default datetime format ("%Y-%m-%dT%H:%M:%SZ") does not allow; outside validators refused them.
   */
  format?: "any";
  description?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: readonly string[] };
}

export interface DataResource {
  name: string;
  path: string;
  description?: string;
  profile: "tabular-data-resource";
  format: "csv";
  mediatype: "text/csv";
  encoding: "utf-8";
  schema: {
    fields: TableField[];
    primaryKey: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

export interface DataPackage {
  profile: "tabular-data-package";
  name: string;
  id: string;
  title: string;
  description: string;
  version: string;
  created: string;
  licenses: (typeof DEFAULT_LICENSE)[];
  resources: DataResource[];
}

/** The columns of dispositions.csv. */
export const DISPOSITION_FIELDS: TableField[] = [
  { name: "input_id", title: "Aporte", type: "string", constraints: { required: true, unique: true } },
  {
    name: "status",
    title: "Devolución",
    type: "string",
    constraints: { required: true, enum: DISPOSITION_STATUSES },
  },
  { name: "reason", title: "Motivo", type: "string", constraints: { required: true } },
  { name: "group_id", title: "Grupo de aportes parecidos", type: "string" },
  {
    name: "updated_at",
    title: "Fecha de la devolución",
    type: "datetime",
    format: "any",
    constraints: { required: true },
  },
];

const CATEGORIES = [
  ["sex", SEXES],
  ["age", AGE_BANDS],
  ["people", PEOPLES],
] as const;

/** The columns of workshops.csv: place, date and attendance; a count below the threshold is left empty. */
export function workshopFields(smallCell: number): TableField[] {
  const suppressed = `Vacío si no se contó o si es menor que ${smallCell} (para no identificar a nadie).`;
  return [
    { name: "workshop_id", title: "Taller", type: "string", constraints: { required: true, unique: true } },
    { name: "date", title: "Fecha", type: "date", constraints: { required: true } },
    {
      name: "department_code",
      title: "Departamento (código INE)",
      type: "string",
      constraints: { required: true },
    },
    { name: "department", title: "Departamento", type: "string" },
    {
      name: "municipality_code",
      title: "Municipio (código INE)",
      type: "string",
      constraints: { required: true },
    },
    { name: "municipality", title: "Municipio", type: "string" },
    { name: "community", title: "Comunidad", type: "string" },
    { name: "attendance_total", title: "Personas que participaron", type: "integer" },
    ...CATEGORIES.flatMap(([prefix, keys]) =>
      keys.map((key) => ({
        name: `${prefix}_${key}`,
        title: `${prefix}: ${key}`,
        type: "integer" as const,
        description: suppressed,
      })),
    ),
  ];
}

/** One workshop as a workshops.csv row, in workshopFields' order. */
export function workshopRow(workshop: PublicWorkshop): (string | number | null)[] {
  const { attendance } = workshop;
  const counts = { sex: attendance.bySex, age: attendance.byAgeBand, people: attendance.byPeople };
  return [
    workshop.id,
    workshop.date,
    workshop.departmentCode,
    workshop.department,
    workshop.municipalityCode,
    workshop.municipality,
    workshop.community,
    attendance.total,
    ...CATEGORIES.flatMap(([prefix, keys]) => keys.map((key) => counts[prefix][key] ?? null)),
  ];
}

const csvResource = (
  name: string,
  fields: TableField[],
  extra: Partial<DataResource["schema"]> = {},
): DataResource => ({
  name,
  path: `${name}.csv`,
  profile: "tabular-data-resource",
  format: "csv",
  mediatype: "text/csv",
  encoding: "utf-8",
  schema: { fields, primaryKey: ["input_id"], ...extra },
});

/** Why some text cells are empty: words people wrote are published once an organizer has reviewed them. */
export const WORDS_NOTE =
  "Las respuestas escritas (preguntas de texto y comentario libre) aparecen cuando la organización las revisó " +
  "(con una respuesta sobre cómo se consideró el aporte, o marcadas como publicables, a veces con partes " +
  "cubiertas); mientras tanto esas celdas van vacías. Las opciones y los números aparecen siempre.";

/** The descriptor of a consultation's package: inputs and their dispositions, keyed by input id. */
export function dataPackage(
  consultation: Consultation,
  columns: readonly ExportColumn[],
  created: Date,
  smallCell: number,
): DataPackage {
  const inputFields: TableField[] = columns.map((column) => ({
    name: column.name,
    title: column.title,
    type: column.type,
    ...(column.type === "datetime" ? { format: "any" as const } : {}),
    ...(column.name === "input_id" ? { constraints: { required: true, unique: true } } : {}),
  }));
  return {
    profile: "tabular-data-package",
    // Package names are lower-case letters, digits and . _ - only.
    name: `tejido-consulta-${consultation.id}`,
    id: `urn:uuid:${consultation.id}`,
    title: localize(consultation.title, "es"),
    description: localize(consultation.description, "es"),
    version: String(consultation.version),
    created: created.toISOString(),
    licenses: [DEFAULT_LICENSE],
    resources: [
      // An input given outside any workshop leaves workshop_id empty (a null foreign key).
      {
        ...csvResource("inputs", inputFields, {
          foreignKeys: [
            { fields: ["workshop_id"], reference: { resource: "workshops", fields: ["workshop_id"] } },
          ],
        }),
        description: WORDS_NOTE,
      },
      csvResource("dispositions", DISPOSITION_FIELDS, {
        foreignKeys: [{ fields: ["input_id"], reference: { resource: "inputs", fields: ["input_id"] } }],
      }),
      csvResource("workshops", workshopFields(smallCell), { primaryKey: ["workshop_id"] }),
    ],
  };
}
