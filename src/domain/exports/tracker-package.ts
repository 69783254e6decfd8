// The Frictionless Data Package of a commitment (issue #13): its milestones, every update of both sides, and the
// evidence each update carries, by SHA-256 and permanent address. Pure: the server zips the CSVs beside it and
// signs the manifest; `npm run verify` then fails on any file changed after signing (an evidence list altered).
import { localize } from "../language-codes";
import { type Commitment, MILESTONE_STATUSES, VOICES } from "../tracker";
import { type DataPackage, type DataResource, DEFAULT_LICENSE, type TableField } from "./data-package";

export const MILESTONE_FIELDS: TableField[] = [
  { name: "milestone_id", title: "Hito", type: "string", constraints: { required: true, unique: true } },
  { name: "position", title: "Número", type: "integer", constraints: { required: true } },
  { name: "title", title: "Hito (texto)", type: "string", constraints: { required: true } },
  { name: "institution", title: "Institución responsable", type: "string", constraints: { required: true } },
  { name: "institution_acronym", title: "Siglas", type: "string" },
  { name: "starts_on", title: "Inicio", type: "date", constraints: { required: true } },
  { name: "ends_on", title: "Fin", type: "date", constraints: { required: true } },
  {
    name: "government_status",
    title: "Estado según el gobierno",
    type: "string",
    constraints: { enum: MILESTONE_STATUSES },
  },
  {
    name: "civil_society_status",
    title: "Estado según la sociedad civil",
    type: "string",
    constraints: { enum: MILESTONE_STATUSES },
  },
  {
    name: "verifiable",
    title: "Verificable",
    type: "string",
    description: "yes: the government's side has at least one evidence file; no: it has none",
    constraints: { required: true, enum: ["yes", "no"] },
  },
];

export const UPDATE_FIELDS: TableField[] = [
  {
    name: "update_id",
    title: "Actualización",
    type: "string",
    constraints: { required: true, unique: true },
  },
  { name: "milestone_id", title: "Hito", type: "string", constraints: { required: true } },
  { name: "voice", title: "Quién habla", type: "string", constraints: { required: true, enum: VOICES } },
  { name: "author", title: "Institución u organización", type: "string", constraints: { required: true } },
  { name: "happened_on", title: "Fecha del avance", type: "date", constraints: { required: true } },
  {
    name: "status",
    title: "Estado informado",
    type: "string",
    constraints: { required: true, enum: MILESTONE_STATUSES },
  },
  { name: "text", title: "Texto", type: "string", constraints: { required: true } },
  { name: "corrects", title: "Corrige a", type: "string" },
  { name: "posted_at", title: "Publicado", type: "datetime", format: "any", constraints: { required: true } },
];

export const EVIDENCE_FIELDS: TableField[] = [
  { name: "update_id", title: "Actualización", type: "string", constraints: { required: true } },
  { name: "position", title: "Orden", type: "integer", constraints: { required: true } },
  { name: "name", title: "Nombre del archivo", type: "string", constraints: { required: true } },
  { name: "sha256", title: "SHA-256", type: "string", constraints: { required: true } },
  { name: "bytes", title: "Bytes", type: "integer", constraints: { required: true } },
  { name: "media_type", title: "Tipo", type: "string", constraints: { required: true } },
  {
    name: "address",
    title: "Dirección permanente",
    type: "string",
    description:
      "The file is served for ever at this address (the site's origin + /evidencia/ + its SHA-256).",
    constraints: { required: true },
  },
];

export const TRACKER_CHAIN_DESCRIPTION =
  "SHA-256 hex; starts as sha256('tejido:' + commitment id); each update, by id, links sha256(previous + ':' + update id + ':' + SHA-256 of the update row's canonical JSON, its evidence list included)";

const resource = (
  name: string,
  description: string,
  fields: TableField[],
  primaryKey: string[],
  foreignKeys?: DataResource["schema"]["foreignKeys"],
): DataResource => ({
  name,
  path: `${name}.csv`,
  description,
  profile: "tabular-data-resource",
  format: "csv",
  mediatype: "text/csv",
  encoding: "utf-8",
  schema: { fields, primaryKey, ...(foreignKeys ? { foreignKeys } : {}) },
});

export function trackerDataPackage(commitment: Commitment, created: Date): DataPackage {
  const updates = commitment.milestones.reduce((sum, milestone) => sum + milestone.updates.length, 0);
  return {
    profile: "tabular-data-package",
    name: `tejido-compromiso-${commitment.code.toLowerCase()}`,
    id: commitment.id,
    title: `${commitment.code}: ${localize(commitment.title, "es")}`,
    description: localize(commitment.description, "es"),
    version: String(updates),
    created: created.toISOString(),
    licenses: [DEFAULT_LICENSE],
    resources: [
      resource("milestones", "The commitment's milestones and where each stands", MILESTONE_FIELDS, [
        "milestone_id",
      ]),
      resource(
        "updates",
        "Every update of both sides, oldest first; a correction names the update it corrects",
        UPDATE_FIELDS,
        ["update_id"],
        [{ fields: ["milestone_id"], reference: { resource: "milestones", fields: ["milestone_id"] } }],
      ),
      resource(
        "evidence",
        "The evidence files of each update, by SHA-256",
        EVIDENCE_FIELDS,
        ["update_id", "position"],
        [{ fields: ["update_id"], reference: { resource: "updates", fields: ["update_id"] } }],
      ),
    ],
  };
}

type Cell = string | number | null;

export const milestoneRows = (commitment: Commitment): Cell[][] =>
  commitment.milestones.map((m) => [
    m.id,
    m.position,
    localize(m.title, "es"),
    m.institution.name,
    m.institution.acronym,
    m.startsOn,
    m.endsOn,
    m.government.status,
    m.civilSociety.status,
    m.verifiable ? "yes" : "no",
  ]);

/** Each update's row, in the commitment's order (milestone by milestone, oldest first). */
export const updateRows = (commitment: Commitment): Cell[][] =>
  commitment.milestones.flatMap((m) =>
    m.updates.map((u) => [
      u.id,
      m.id,
      u.voice,
      u.author,
      u.happenedOn,
      u.status,
      u.text,
      u.corrects,
      u.postedAt,
    ]),
  );

/** `origin`: the site's public address, so an address in the file opens wherever the file travels. */
export const evidenceRows = (commitment: Commitment, origin: string): Cell[][] =>
  commitment.milestones.flatMap((m) =>
    m.updates.flatMap((u) =>
      u.evidence.map((file, position) => [
        u.id,
        position,
        file.name,
        file.sha256,
        file.size,
        file.mediaType,
        `${origin}${file.address}`,
      ]),
    ),
  );
