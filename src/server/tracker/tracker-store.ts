// The implementation tracker's storage: commitments and milestones read for the public, updates posted by the
// responsible institution's officers, and evidence files kept by their SHA-256 under DATA_DIR/files/evidence.
// A file there is written once (to a temporary name, then linked into place) and never replaced or removed.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { Kysely, Transaction } from "kysely";
import { uuidv7 } from "uuidv7";
import { canonicalJson } from "../../domain/canonical-json";
import { type DraftSection, numbered, sectionsToMarkdown } from "../../domain/drafting";
import {
  assessmentOf,
  type Commitment,
  type CommitmentSummary,
  type EvidenceFile,
  evidenceAddress,
  isVerifiable,
  type Milestone,
  type MilestoneUpdate,
  type NewMilestoneUpdate,
} from "../../domain/tracker";
import type { Database } from "../storage/schema";
import { DEMO_COMMITMENT } from "./demo-commitment";

type Db = Kysely<Database> | Transaction<Database>;

/** Why a posted update was not taken; the routes say it as a problem. */
export class TrackerRefusal extends Error {
  constructor(
    readonly reason:
      | "unknown-milestone"
      | "not-responsible"
      | "bad-attachment"
      | "bad-draft"
      | "bad-correction"
      | "id-reused",
  ) {
    super(reason);
  }
}

const parseText = (json: string) => JSON.parse(json) as { es: string; en?: string };

/** The demo commitment (GT0092) and its milestones, once: a newcomer sees a real tracker on first start. */
export async function seedDemoCommitment(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db
    .selectFrom("commitments")
    .select("id")
    .where("id", "=", DEMO_COMMITMENT.id)
    .executeTakeFirst();
  if (existing) return false;
  await db.transaction().execute(async (trx) => {
    const { milestones, ...commitment } = DEMO_COMMITMENT;
    await trx
      .insertInto("commitments")
      .values({
        id: commitment.id,
        code: commitment.code,
        title: JSON.stringify(commitment.title),
        description: JSON.stringify(commitment.description),
        action_plan: commitment.actionPlan,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto("milestones")
      .values(
        milestones.map((milestone, index) => ({
          id: milestone.id,
          commitment_id: commitment.id,
          position: index + 1,
          title: JSON.stringify(milestone.title),
          institution_id: milestone.institutionId,
          starts_on: milestone.startsOn,
          ends_on: milestone.endsOn,
        })),
      )
      .execute();
  });
  return true;
}

/** Every commitment, with how many of its milestones can be verified. */
export async function listCommitments(db: Db): Promise<CommitmentSummary[]> {
  const commitments = await db.selectFrom("commitments").selectAll().orderBy("code").execute();
  const summaries: CommitmentSummary[] = [];
  for (const row of commitments) {
    const milestones = await milestonesOf(db, { commitmentId: row.id });
    summaries.push({ ...summaryOf(row, milestones), milestones: milestones.length });
  }
  return summaries;
}

/** One commitment with its milestones, each with both sides' updates and evidence; undefined if unknown. */
export async function commitmentView(db: Db, id: string): Promise<Commitment | undefined> {
  const row = await db.selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const milestones = await milestonesOf(db, { commitmentId: id });
  return { ...summaryOf(row, milestones), description: parseText(row.description), milestones };
}

function summaryOf(row: Database["commitments"], milestones: Milestone[]) {
  return {
    id: row.id,
    code: row.code,
    title: parseText(row.title),
    actionPlan: row.action_plan,
    startsOn: milestones.map((m) => m.startsOn).sort()[0] ?? "",
    endsOn:
      milestones
        .map((m) => m.endsOn)
        .sort()
        .at(-1) ?? "",
    verifiable: milestones.filter((m) => m.verifiable).length,
    lastUpdated:
      [row.created_at, ...milestones.flatMap((m) => m.updates.map((u) => u.postedAt))].sort().at(-1) ??
      row.created_at,
  };
}

/** A commitment's milestones in order, each with its updates; `where` picks them (by commitment, or one by id). */
async function milestonesOf(
  db: Db,
  where: { commitmentId: string } | { milestoneId: string },
): Promise<Milestone[]> {
  const rows = await db
    .selectFrom("milestones")
    .innerJoin("institutions", "institutions.id", "milestones.institution_id")
    .select([
      "milestones.id",
      "milestones.position",
      "milestones.title",
      "milestones.starts_on",
      "milestones.ends_on",
      "institutions.id as institution_id",
      "institutions.name as institution_name",
      "institutions.acronym as institution_acronym",
    ])
    .where(
      "commitmentId" in where ? "milestones.commitment_id" : "milestones.id",
      "=",
      "commitmentId" in where ? where.commitmentId : where.milestoneId,
    )
    .orderBy("milestones.position")
    .execute();
  const updates = await updatesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const own = updates
      .filter((update) => update.milestoneId === row.id)
      .map(({ milestoneId: _, ...u }) => u);
    const government = assessmentOf(own, "government");
    return {
      id: row.id,
      position: row.position,
      title: parseText(row.title),
      institution: { id: row.institution_id, name: row.institution_name, acronym: row.institution_acronym },
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      government,
      civilSociety: assessmentOf(own, "civil_society"),
      verifiable: isVerifiable(government),
      updates: own,
    };
  });
}

/** The updates of these milestones, oldest first, with their evidence and what corrects them. */
async function updatesOf(
  db: Db,
  milestoneIds: string[],
): Promise<(MilestoneUpdate & { milestoneId: string })[]> {
  if (milestoneIds.length === 0) return [];
  const rows = await db
    .selectFrom("milestone_updates")
    .selectAll()
    .where("milestone_id", "in", milestoneIds)
    .orderBy("posted_at")
    .orderBy("id")
    .execute();
  const files = rows.length
    ? await db
        .selectFrom("update_evidence")
        .innerJoin("evidence_files", "evidence_files.sha256", "update_evidence.sha256")
        .select([
          "update_evidence.update_id",
          "update_evidence.position",
          "update_evidence.name",
          "evidence_files.sha256",
          "evidence_files.size",
          "evidence_files.media_type",
        ])
        .where(
          "update_evidence.update_id",
          "in",
          rows.map((row) => row.id),
        )
        .orderBy("update_evidence.position")
        .execute()
    : [];
  const correctedBy = new Map(
    rows.filter((row) => row.corrects).map((row) => [row.corrects as string, row.id]),
  );
  return rows.map((row) => ({
    id: row.id,
    milestoneId: row.milestone_id,
    voice: row.voice,
    author: row.author,
    happenedOn: row.happened_on,
    postedAt: row.posted_at,
    status: row.status as MilestoneUpdate["status"],
    text: row.text,
    corrects: row.corrects,
    correctedBy: correctedBy.get(row.id) ?? null,
    evidence: files
      .filter((file) => file.update_id === row.id)
      .map(
        (file): EvidenceFile => ({
          sha256: file.sha256,
          name: file.name,
          mediaType: file.media_type,
          size: Number(file.size),
          address: evidenceAddress(file.sha256),
        }),
      ),
  }));
}

export type Poster =
  /** An officer: speaks for the institution, and only on its milestones. */
  | { id: string; voice: "government"; institutionId: string | null }
  /** A civil-society account: speaks for its organisation, on any milestone. */
  | { id: string; voice: "civil_society"; organisation: string };

/**
 * Posts an update on a milestone: the government's by an officer of the responsible institution, civil society's
 * by an organisation's account. Each side corrects only its own updates (an organisation, only its own). Evidence comes
 * from the poster's own finished uploads, each kept under its SHA-256. A re-send of the same update (same id, same
 * body) is answered with it; another body under a used id is refused. Returns the milestone as it now stands.
 */
export async function postUpdate(
  db: Kysely<Database>,
  filesDir: string,
  milestoneId: string,
  poster: Poster,
  update: NewMilestoneUpdate,
  now: Date,
): Promise<{ created: boolean; milestone: Milestone }> {
  const body = canonicalJson({ milestoneId, ...update, attachmentIds: update.attachmentIds ?? [] });
  const created = await db.transaction().execute(async (trx) => {
    const milestone = await trx
      .selectFrom("milestones")
      .innerJoin("institutions", "institutions.id", "milestones.institution_id")
      .select(["milestones.id", "milestones.institution_id", "institutions.name"])
      .where("milestones.id", "=", milestoneId)
      .executeTakeFirst();
    if (!milestone) throw new TrackerRefusal("unknown-milestone");
    if (poster.voice === "government" && poster.institutionId !== milestone.institution_id)
      throw new TrackerRefusal("not-responsible");
    const sent = await trx
      .selectFrom("milestone_updates")
      .select(["body", "author_id"])
      .where("id", "=", update.id)
      .executeTakeFirst();
    if (sent) {
      if (sent.body !== body || sent.author_id !== poster.id) throw new TrackerRefusal("id-reused");
      return false;
    }
    if (update.corrects) {
      const corrected = await trx
        .selectFrom("milestone_updates")
        .select(["milestone_id", "voice", "author"])
        .where("id", "=", update.corrects)
        .executeTakeFirst();
      if (
        corrected?.milestone_id !== milestoneId ||
        corrected.voice !== poster.voice ||
        (poster.voice === "civil_society" && corrected.author !== poster.organisation)
      )
        throw new TrackerRefusal("bad-correction");
    }
    const evidence = [
      ...(await keepEvidence(trx, filesDir, poster.id, update.attachmentIds ?? [], now)),
      ...(await keepDraftEvidence(trx, filesDir, update.draftVersions ?? [], now)),
    ];
    await trx
      .insertInto("milestone_updates")
      .values({
        id: update.id,
        milestone_id: milestoneId,
        voice: poster.voice,
        author_id: poster.id,
        author: poster.voice === "government" ? milestone.name : poster.organisation,
        happened_on: update.happenedOn,
        status: update.status,
        text: update.text,
        corrects: update.corrects ?? null,
        posted_at: now.toISOString(),
        body,
      })
      .execute();
    if (evidence.length > 0)
      await trx
        .insertInto("update_evidence")
        .values(evidence.map((file, position) => ({ update_id: update.id, position, ...file })))
        .execute();
    return true;
  });
  const [milestone] = await milestonesOf(db, { milestoneId });
  if (!milestone) throw new TrackerRefusal("unknown-milestone");
  return { created, milestone };
}

/**
 * The poster's finished uploads as evidence: each file linked (or copied) to evidence/<sha256> unless a file of
 * those bytes is there already, and its row written once. The upload's SHA-256 was checked when it finished.
 */
async function keepEvidence(
  trx: Transaction<Database>,
  filesDir: string,
  posterId: string,
  attachmentIds: readonly string[],
  now: Date,
): Promise<{ sha256: string; name: string }[]> {
  if (attachmentIds.length === 0) return [];
  if (new Set(attachmentIds).size !== attachmentIds.length) throw new TrackerRefusal("bad-attachment");
  const uploads = await trx
    .selectFrom("attachments")
    .selectAll()
    .where("id", "in", [...attachmentIds])
    .where("state", "=", "complete")
    .where("created_by", "=", posterId)
    .where("request_id", "is", null)
    .execute();
  if (uploads.length !== attachmentIds.length) throw new TrackerRefusal("bad-attachment");
  const kept: { sha256: string; name: string }[] = [];
  for (const id of attachmentIds) {
    const upload = uploads.find((row) => row.id === id);
    if (!upload) throw new TrackerRefusal("bad-attachment");
    await placeEvidenceFile(filesDir, path.join(filesDir, upload.storage_key), upload.sha256);
    await trx
      .insertInto("evidence_files")
      .values({
        sha256: upload.sha256,
        size: upload.size,
        media_type: upload.mime,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    kept.push({ sha256: upload.sha256, name: upload.name });
  }
  return kept;
}

/**
 * Published draft versions as evidence: each written out as Markdown (its title, then its numbered sections) and
 * kept at evidence/<sha256> like an uploaded file. A version is published once and never changes, so the same
 * version always gives the same bytes and the same address.
 */
async function keepDraftEvidence(
  trx: Transaction<Database>,
  filesDir: string,
  wanted: readonly { draftId: string; version: number }[],
  now: Date,
): Promise<{ sha256: string; name: string }[]> {
  const kept: { sha256: string; name: string }[] = [];
  if (new Set(wanted.map((w) => `${w.draftId}:${w.version}`)).size !== wanted.length)
    throw new TrackerRefusal("bad-draft");
  for (const { draftId, version } of wanted) {
    const row = await trx
      .selectFrom("draft_versions")
      .innerJoin("drafts", "drafts.id", "draft_versions.draft_id")
      .select(["drafts.title", "draft_versions.sections"])
      .where("draft_versions.draft_id", "=", draftId)
      .where("draft_versions.version", "=", version)
      .where("draft_versions.status", "=", "published")
      .executeTakeFirst();
    if (!row) throw new TrackerRefusal("bad-draft");
    const title = (JSON.parse(row.title) as { es: string }).es;
    const sections = numbered(JSON.parse(row.sections) as DraftSection[]).map((section) => ({
      ...section,
      heading: `${section.number}. ${section.heading}`.trim(),
    }));
    const bytes = Buffer.from(`# ${title} (versión ${version})\n\n${sectionsToMarkdown(sections)}`, "utf8");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const temporary = path.join(filesDir, `draft-${uuidv7()}.part`);
    await mkdir(filesDir, { recursive: true });
    await writeFile(temporary, bytes);
    try {
      await placeEvidenceFile(filesDir, temporary, sha256);
    } finally {
      await rm(temporary, { force: true });
    }
    await trx
      .insertInto("evidence_files")
      .values({
        sha256,
        size: bytes.byteLength,
        media_type: "text/markdown; charset=utf-8",
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    kept.push({ sha256, name: `borrador-${draftId.slice(-8)}-v${version}.md` });
  }
  return kept;
}

export const evidencePath = (filesDir: string, sha256: string): string =>
  path.join(filesDir, "evidence", sha256);

/** Puts the bytes at evidence/<sha256> if nothing is there yet; what is there is never written over. */
async function placeEvidenceFile(filesDir: string, source: string, sha256: string): Promise<void> {
  const target = evidencePath(filesDir, sha256);
  if (await exists(target)) return;
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${uuidv7()}.part`;
  await copyFile(source, temporary);
  try {
    // link() fails if the name is taken: two posts of the same bytes at once leave one file, never a mix.
    await link(temporary, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** An evidence file's row and a stream of its bytes; undefined if no such file was ever kept. */
export async function openEvidence(db: Kysely<Database>, filesDir: string, sha256: string) {
  const row = await db
    .selectFrom("evidence_files")
    .selectAll()
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  if (!row) return undefined;
  const file = evidencePath(filesDir, sha256);
  const { size } = await stat(file);
  return {
    row,
    size,
    stream: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>,
  };
}

/** One organisation's civil-society updates, newest first, each with its milestone. */
export async function updatesBy(
  db: Db,
  organisation: string,
): Promise<(MilestoneUpdate & { milestoneId: string })[]> {
  const ids = await db
    .selectFrom("milestone_updates")
    .select("milestone_id")
    .distinct()
    .where("voice", "=", "civil_society")
    .where("author", "=", organisation)
    .execute();
  const all = await updatesOf(
    db,
    ids.map((row) => row.milestone_id),
  );
  return all.filter((update) => update.voice === "civil_society" && update.author === organisation).reverse();
}
