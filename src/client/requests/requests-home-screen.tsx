// Information requests: what anyone can do without an account, and the requests made on this phone.
import "./i18n";
import { database } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { formatLocalDate } from "./format";

export function RequestsHomeScreen() {
  const { t, language } = useI18n();
  const requests = useLiveQuery(() => database().requests.orderBy("createdAt").reverse().toArray(), []);
  return (
    <section>
      <h1>{t("req.home.title")}</h1>
      <p>{t("req.home.intro")}</p>
      <div class="actions">
        <a class="button button-primary" href="/solicitudes/nueva">
          {t("req.home.new")}
        </a>
        <a class="button" href="/solicitudes/estado">
          {t("req.home.status")}
        </a>
      </div>
      <h2>{t("req.home.mine")}</h2>
      {requests === undefined ? (
        <p>{t("loading")}</p>
      ) : requests.length === 0 ? (
        <p>{t("req.home.none")}</p>
      ) : (
        <ul class="list" aria-label={t("req.home.mine")}>
          {requests.map((request) => (
            <li key={request.id} class="card" data-testid="my-request" data-state={request.state}>
              <h3>{request.institutionName}</h3>
              <p class="excerpt">{request.description}</p>
              <p class={`state-${request.state}`}>
                {request.state === "sent"
                  ? t("req.state.sent", {
                      folio: request.folio ?? "",
                      due: request.dueDate ? formatLocalDate(request.dueDate, language) : "",
                    })
                  : request.state === "rejected"
                    ? t("req.state.rejected", { reason: t(problemMessageKey(request.problem)) })
                    : t("req.state.pending")}
              </p>
              {request.status ? (
                <p data-testid="request-status" data-status={request.status}>
                  <strong>{t("req.status.current", { status: t(`reqStatus.${request.status}`) })}</strong>
                </p>
              ) : null}
              <a
                href={`/solicitudes/recibo/${request.id}`}
                aria-label={`${t("req.open")}: ${request.folio ?? request.provisionalCode}`}
              >
                {t("req.open")}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
