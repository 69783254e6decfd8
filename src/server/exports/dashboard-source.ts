// Feeds a consultation's stored inputs and workshops through the pure dashboard, page by page.
import type { Kysely } from "kysely";
import type { Input } from "../../domain/input";
import { createDashboard, type Dashboard, type DashboardFilters } from "../../domain/results/dashboard";
import { currentConsultation } from "../consultations/consultation-store";
import { workshopsOf } from "../consultations/workshop-store";
import type { Database } from "../storage/schema";

const PAGE_SIZE = 2_000;

export interface WorkshopSummary {
  id: string;
  community: string;
  municipalityCode: string;
  date: string;
}

/** The dashboard of a consultation's released version, with its workshops for the filters; undefined if none. */
export async function dashboardOf(
  db: Kysely<Database>,
  consultationId: string,
  filters: DashboardFilters,
  options: { smallCell: number; language: "es" | "en" },
): Promise<{ dashboard: Dashboard; workshops: WorkshopSummary[] } | undefined> {
  const consultation = await currentConsultation(db, consultationId);
  if (!consultation) return undefined;
  const workshops = new Map(
    (await workshopsOf(db, consultationId)).map((workshop) => [workshop.id, workshop]),
  );
  const dashboard = createDashboard({ consultation, workshops, filters, labels: {}, ...options });
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("inputs")
      .select(["id", "payload"])
      .where("consultation_id", "=", consultationId)
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE_SIZE)
      .execute();
    for (const row of rows) dashboard.add(JSON.parse(row.payload) as Input);
    if (rows.length < PAGE_SIZE) break;
    after = rows[rows.length - 1]!.id;
  }
  return {
    dashboard: dashboard.result(),
    workshops: [...workshops.values()].map(({ id, community, municipalityCode, date }) => ({
      id,
      community,
      municipalityCode,
      date,
    })),
  };
}
