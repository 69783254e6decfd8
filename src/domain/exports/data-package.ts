// The Frictionless Data Package of a published consultation: datapackage.json with a Table Schema per CSV.
// Pure: the server streams the CSVs beside it. Personal data never enters it (no device ids, no names).
import type { Consultation } from "../consultation";
import { DISPOSITION_STATUSES } from "../dispositions";
import { localize } from "../language-codes";
import type { ExportColumn } from "./input-table";

export const DEFAULT_LICENSE = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title: "Creative Commons Attribution 4.0",
} as const;

export interface TableField {
  name: string;
  title?: string;
  type: "string" | "integer" | "number" | "datetime";
  constraints?: { required?: boolean; unique?: boolean; enum?: readonly string[] };
}

export interface DataResource {
  name: string;
  path: string;
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
  { name: "updated_at", title: "Fecha de la devolución", type: "datetime", constraints: { required: true } },
];

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

/** The descriptor of a consultation's package: inputs and their dispositions, keyed by input id. */
export function dataPackage(
  consultation: Consultation,
  columns: readonly ExportColumn[],
  created: Date,
): DataPackage {
  const inputFields: TableField[] = columns.map((column) => ({
    name: column.name,
    title: column.title,
    type: column.type,
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
      csvResource("inputs", inputFields),
      csvResource("dispositions", DISPOSITION_FIELDS, {
        foreignKeys: [{ fields: ["input_id"], reference: { resource: "inputs", fields: ["input_id"] } }],
      }),
    ],
  };
}
