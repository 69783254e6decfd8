// Feeds a consultation's stored inputs and workshops through the pure dashboard, page by page.
import type { Kysely } from "kysely";
import type { Input } from "../../domain/input";
import { createDashboard, type Dashboard, type DashboardFilters } from "../../domain/results/dashboard";
import { currentConsultation } from "../consultations/consultation-store";
import { workshopsOf } from "../consultations/workshop-store";
import type { Database } from "../storage/schema";
import { storedInputPages } from "./input-export";

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
  for await (const page of storedInputPages(db, consultationId))
    for (const row of page) dashboard.add(JSON.parse(row.payload) as Input);
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
