// The public open-data catalogue (/datos): every published consultation with its license, last update,
// data package and accountability page.
import "./i18n";
import { useEffect, useState } from "preact/hooks";
import { localize } from "../../domain/language-codes";
import type { LocalizedText } from "../../domain/localized-text";
import { useI18n } from "../i18n/i18n";

interface Dataset {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  license: { name: string; path: string; title: string };
  lastUpdated: string;
  package: string;
  page: string;
}

interface Statistics {
  title: LocalizedText;
  description: LocalizedText;
  license: { name: string; path: string; title: string };
  lastUpdated: string;
  csv: string;
  page: string;
}

export function CatalogueScreen() {
  const { t, language, formatDateTime } = useI18n();
  const [datasets, setDatasets] = useState<Dataset[] | "offline">();
  const [commitments, setCommitments] = useState<Dataset[]>([]);
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  useEffect(() => {
    fetch("/api/v1/public/catalogue", { headers: { accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) return setDatasets("offline");
        const body = (await response.json()) as {
          datasets: Dataset[];
          statistics: Statistics | null;
          commitments?: Dataset[];
        };
        setDatasets(body.datasets);
        setStatistics(body.statistics);
        setCommitments(body.commitments ?? []);
      })
      .catch(() => setDatasets("offline"));
  }, []);
  return (
    <section>
      <h1>{t("catalogue.title")}</h1>
      <p>{t("catalogue.intro")}</p>
      {datasets === undefined ? (
        <p>{t("loading")}</p>
      ) : datasets === "offline" ? (
        <p class="card">{t("catalogue.offline")}</p>
      ) : (
        <>
          {datasets.length === 0 ? <p>{t("catalogue.none")}</p> : null}
          <ul class="list">
            {datasets.map((dataset) => (
              <DatasetCard key={dataset.id} dataset={dataset} page="catalogue.page" />
            ))}
            {commitments.map((dataset) => (
              <DatasetCard key={dataset.id} dataset={dataset} page="catalogue.commitmentPage" />
            ))}
          </ul>
        </>
      )}
      {statistics ? (
        <article class="card" data-testid="request-statistics">
          <h2>{localize(statistics.title, language)}</h2>
          <p>{localize(statistics.description, language)}</p>
          <p>
            {t("catalogue.license", { license: statistics.license.title })} (
            <a href={statistics.license.path}>{statistics.license.name}</a>)
          </p>
          <p>{t("catalogue.updated", { date: formatDateTime(statistics.lastUpdated) })}</p>
          <p>
            <a class="button" href={statistics.csv} download>
              {t("catalogue.csv", { title: localize(statistics.title, language) })}
            </a>{" "}
            <a href={statistics.page}>{t("catalogue.statsPage")}</a>
          </p>
        </article>
      ) : null}
    </section>
  );
}

/** A signed package to download, with its license, its last update and the page that shows it. */
function DatasetCard({
  dataset,
  page,
}: {
  dataset: Dataset;
  page: "catalogue.page" | "catalogue.commitmentPage";
}) {
  const { t, language, formatDateTime } = useI18n();
  const title = localize(dataset.title, language);
  return (
    <li class="card" data-testid="dataset">
      <h2>{title}</h2>
      <p>{localize(dataset.description, language)}</p>
      <p>
        {t("catalogue.license", { license: dataset.license.title })} (
        <a href={dataset.license.path}>{dataset.license.name}</a>)
      </p>
      <p>{t("catalogue.updated", { date: formatDateTime(dataset.lastUpdated) })}</p>
      <p>
        <a class="button" href={dataset.package} download>
          {t("catalogue.download", { title })}
        </a>
      </p>
      <p>
        <a href={dataset.page}>{t(page, { title })}</a>
      </p>
    </li>
  );
}
