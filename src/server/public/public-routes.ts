// /api/v1/public: accountability without an account — each consultation's rules, its inputs (no device, no
// personal data) and how each was considered. Drafts are never shown. Every route here is Role: anonymous.
import { Hono } from "hono";
import type { Kysely } from "kysely";
import { Consultation, isTextQuestion, type QuestionType } from "../../domain/consultation";
import { DISPOSITION_STATUSES, type DispositionStatus } from "../../domain/dispositions";
import { DEFAULT_LICENSE } from "../../domain/exports/data-package";
import { DEFAULT_SMALL_CELL } from "../../domain/results/dashboard";
import { type PublicWorkshop, toPublicWorkshop } from "../../domain/results/public-workshop";
import { currentConsultation } from "../consultations/consultation-store";
import { workshopsOf } from "../consultations/workshop-store";
import { dispositionCounts, inputPage } from "../dispositions/disposition-store";
import { dataPackageStream } from "../exports/data-package-stream";
import { exportSource } from "../exports/input-export";
import type { Metrics } from "../http/metrics";
import { sendProblem } from "../http/problem-response";
import { signingKey } from "../signing/signing-key";
import type { Database } from "../storage/schema";
import { listCommitments } from "../tracker/tracker-store";

const PAGE = 100;

export function publicRoutes({
  db,
  now,
  smallCell = DEFAULT_SMALL_CELL,
  metrics,
}: {
  db: Kysely<Database>;
  now: () => Date;
  smallCell?: number;
  /** Where package durations are recorded (GET /metrics). */
  metrics?: Pick<Metrics, "timeExport">;
}): Hono {
  const app = new Hono();

  /** The workshops held for a consultation, by date, as the public may see them. */
  async function publicWorkshops(consultationId: string): Promise<PublicWorkshop[]> {
    return (await workshopsOf(db, consultationId)).map((workshop) => toPublicWorkshop(workshop, smallCell));
  }

  /** The released version: a draft being edited is never public. */
  const latestPublic = (id: string) => currentConsultation(db, id);

  // Role: anonymous.
  app.get("/consultations/:id", async (c) => {
    const consultation = await latestPublic(c.req.param("id"));
    if (!consultation) return sendProblem(c, "not-found", 404, "No such public consultation");
    c.header("Cache-Control", "public, max-age=60");
    const { id, version, status, title, description, rules, themes } = consultation;
    return c.json({
      consultation: {
        id,
        version,
        status,
        title,
        description,
        rules,
        // Questions with their options: the page shows chosen options by their labels.
        themes: themes.map((theme) => ({ id: theme.id, title: theme.title, questions: theme.questions })),
      },
      counts: await dispositionCounts(db, id),
      workshops: await publicWorkshops(id),
    });
  });

  // Role: anonymous. ?after=<input id>&status=<disposition>|none
  app.get("/consultations/:id/inputs", async (c) => {
    const consultation = await latestPublic(c.req.param("id"));
    if (!consultation) return sendProblem(c, "not-found", 404, "No such public consultation");
    const status = c.req.query("status");
    if (status && status !== "none" && !(DISPOSITION_STATUSES as readonly string[]).includes(status))
      return sendProblem(c, "invalid-request", 400, "Unknown disposition status");
    // Words people wrote (text questions, and any question this version no longer knows) wait for review.
    const known = new Map<string, QuestionType>(
      consultation.themes.flatMap((theme) =>
        theme.questions.map((question) => [`${theme.id}.${question.id}`, question.type] as const),
      ),
    );
    const isPublicText = (key: string) => {
      const type = known.get(key);
      return type === undefined || isTextQuestion({ type });
    };
    const inputs = await inputPage(db, consultation.id, {
      isPublicText,
      limit: PAGE,
      ...(c.req.query("after") ? { after: c.req.query("after") } : {}),
      ...(status ? { status: status as DispositionStatus | "none" } : {}),
    });
    c.header("Cache-Control", "public, max-age=60");
    return c.json({ inputs, next: inputs.length === PAGE ? inputs.at(-1)!.id : null });
  });
  // Role: anonymous. The open-data package of a published consultation (zip: datapackage.json + CSVs).
  app.get("/consultations/:id/datapackage.zip", async (c) => {
    const consultation = await latestPublic(c.req.param("id"));
    if (consultation?.status !== "published")
      return sendProblem(c, "not-found", 404, "No published consultation with this id");
    const source = await exportSource(db, consultation.id, { forPublic: true });
    if (!source) return sendProblem(c, "not-found", 404, "No published consultation with this id");
    const key = await signingKey(db);
    const body = dataPackageStream(db, consultation, source, now(), key, smallCell);
    return new Response(metrics ? metrics.timeExport("datapackage", body) : body, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="tejido-consulta-${consultation.id}.zip"`,
        "cache-control": "public, max-age=300",
      },
    });
  });

  // Role: anonymous. The key that signs package manifests: compare its id with the one a package names.
  app.get("/signing-key", async (c) => {
    const key = await signingKey(db);
    c.header("Cache-Control", "public, max-age=3600");
    return c.json({
      algorithm: "Ed25519",
      keyId: key.keyId,
      publicKey: key.publicKey,
      publicKeyPem: key.publicKeyPem,
    });
  });

  // Role: anonymous. The open-data catalogue: every published consultation, its license, last update and package.
  app.get("/catalogue", async (c) => {
    const rows = await db
      .selectFrom("consultations")
      .select(["id", "version", "data", "updated_at"])
      .where("status", "=", "published")
      .orderBy("id")
      .orderBy("version", "desc")
      .execute();
    const seen = new Set<string>();
    const datasets = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      // Listed only while its released version is the published one: the package link must never break.
      if ((await currentConsultation(db, row.id))?.status !== "published") continue;
      const consultation = Consultation.parse(JSON.parse(row.data));
      const latest = await db
        .selectFrom("inputs")
        .select((eb) => eb.fn.max("received_at").as("at"))
        .where("consultation_id", "=", row.id)
        .executeTakeFirst();
      const disposed = await db
        .selectFrom("dispositions")
        .select((eb) => eb.fn.max("updated_at").as("at"))
        .where("consultation_id", "=", row.id)
        .executeTakeFirst();
      const lastUpdated = [row.updated_at, latest?.at, disposed?.at]
        .filter((at): at is string => typeof at === "string")
        .sort()
        .at(-1)!;
      datasets.push({
        id: row.id,
        title: consultation.title,
        description: consultation.description,
        version: row.version,
        license: DEFAULT_LICENSE,
        lastUpdated,
        package: `/api/v1/public/consultations/${row.id}/datapackage.zip`,
        page: `/devolucion/${row.id}`,
      });
    }
    // Information-request statistics are open data too: one dataset, its CSV per year.
    const lastRequest = await db
      .selectFrom("info_requests")
      .select((eb) => eb.fn.max("updated_at").as("at"))
      .executeTakeFirst();
    const statistics =
      typeof lastRequest?.at === "string"
        ? {
            id: "solicitudes-de-informacion",
            title: {
              es: "Solicitudes de información por institución",
              en: "Information requests by institution",
            },
            description: {
              es: "Recibidas, respondidas a tiempo y tarde, vencidas sin respuesta y denegadas, por institución y año.",
              en: "Received, answered on time and late, overdue and denied, by institution and year.",
            },
            license: DEFAULT_LICENSE,
            lastUpdated: lastRequest.at,
            csv: "/api/v1/statistics/requests?format=csv",
            page: "/estadisticas",
          }
        : null;
    // The implementation tracker's commitments, each a signed package of its milestones, updates and evidence.
    const commitments = (await listCommitments(db)).map((commitment) => ({
      id: commitment.id,
      title: {
        es: `${commitment.code}: ${commitment.title.es}`,
        en: `${commitment.code}: ${commitment.title.en ?? commitment.title.es}`,
      },
      description: { es: commitment.actionPlan, en: commitment.actionPlan },
      license: DEFAULT_LICENSE,
      lastUpdated: commitment.lastUpdated,
      package: `/api/v1/public/commitments/${commitment.id}/datapackage.zip`,
      page: `/compromisos/${commitment.id}`,
    }));
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ datasets, statistics, commitments });
  });
  return app;
}
