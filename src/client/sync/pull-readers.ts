// What the phone does with each kind of pulled change: one reader per kind, all applied in one transaction.
import type { Change, ChangeKind } from "../../domain/sync-messages";
import type { TejidoDatabase } from "../db/database";

type Of<K extends ChangeKind> = Extract<Change, { kind: K }>;
type Reader<K extends ChangeKind> = (db: TejidoDatabase, changes: Of<K>[]) => Promise<void>;

/** Institutions written at once in a first pull's transaction: a slice takes a few milliseconds on a slow phone. */
const INSTITUTION_SLICE = 8;

/** Every kind the phone pulls and how it stores it. A new kind of change adds a line here and one on the server. */
export const PULL_READERS: { [K in ChangeKind]: Reader<K> } = {
  /** Never replaces a newer version of a consultation with an older one. */
  async consultation(db, changes) {
    for (const { data } of changes) {
      const stored = await db.consultations.get(data.id);
      if (!stored || stored.version <= data.version)
        await db.consultations.put({ id: data.id, version: data.version, data });
    }
  },
  /** The list requests are filed against, offline too; an institution that no longer takes requests leaves it. */
  async institution(db, changes) {
    // A first pull brings every institution (hundreds): one bulk write each way, not a request per row. The
    // last change of an institution in the page is the one that counts.
    const latest = new Map(changes.map(({ data }) => [data.id, data]));
    const kept = [...latest.values()];
    const active = kept.filter((data) => data.active);
    // In slices: between them the main thread is free (a person's tap is not held up by a first pull).
    for (let from = 0; from < active.length; from += INSTITUTION_SLICE)
      await db.institutions.bulkPut(active.slice(from, from + INSTITUTION_SLICE));
    await db.institutions.bulkDelete(kept.filter((data) => !data.active).map((data) => data.id));
  },
  /** How this phone's inputs were considered. */
  async disposition(db, changes) {
    for (const { data } of changes) await db.inputs.update(data.inputId, { disposition: data });
  },
  /** Where this phone's requests stand: the receipt shows it without asking for folio and code. */
  async request(db, changes) {
    for (const { data } of changes) {
      await db.requests.update(data.id, {
        status: data.status,
        statusAt: data.updatedAt,
        dueDate: data.dueDate,
      });
    }
  },
};

/** Stores a page of changes, each kind by its reader, in one transaction: all of the page or none of it. */
export async function applyChanges(db: TejidoDatabase, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  const byKind = new Map<ChangeKind, Change[]>();
  for (const change of changes) {
    const list = byKind.get(change.kind);
    if (list) list.push(change);
    else byKind.set(change.kind, [change]);
  }
  await db.transaction("rw", [db.consultations, db.institutions, db.inputs, db.requests], async () => {
    for (const [kind, list] of byKind) await (PULL_READERS[kind] as Reader<ChangeKind>)(db, list);
  });
}
