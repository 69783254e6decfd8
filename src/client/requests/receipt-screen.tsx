// The receipt of a request made on this phone, to keep or print: the folio (or, until it comes, the provisional
// code), the secret tracking code (until the person says they kept it), the institution, the date, what was
// asked, the due date, and where to check the status, in words and as a QR.
import "./i18n";
import { useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { formatTrackingCode } from "../../domain/requests/tracking-code";
import { database, type StoredRequest } from "../db/database";
import { useLiveQuery } from "../db/use-live-query";
import { useI18n } from "../i18n/i18n";
import { problemMessageKey } from "../i18n/problem-messages";
import { QrCode } from "../ui/qr-code";
import { formatLocalDate } from "./format";
import { deleteRejectedRequest, forgetTrackingCode } from "./request-store";

/** The status page's address for this request; the code travels in the fragment, never to a server log. */
export function statusLink(request: StoredRequest): string | undefined {
  if (!request.trackingCode) return undefined;
  const key = request.folio ?? request.provisionalCode;
  const code = formatTrackingCode(request.trackingCode);
  return `${location.origin}/solicitudes/estado#folio=${encodeURIComponent(key)}&codigo=${encodeURIComponent(code)}`;
}

export function ReceiptScreen() {
  const { t, language, formatDateTime } = useI18n();
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? "";
  const request = useLiveQuery(async () => (await database().requests.get(id)) ?? null, [id]);
  const [confirming, setConfirming] = useState(false);

  if (request === undefined) return <p>{t("loading")}</p>;
  if (request === null) return <p class="card">{t("req.receipt.notFound")}</p>;
  const link = statusLink(request);
  return (
    <section class="receipt">
      <h1>{t("req.receipt.title")}</h1>
      <div class="card" data-testid="receipt" data-state={request.state}>
        <dl class="receipt-codes">
          {request.folio ? (
            <>
              <dt>{t("req.receipt.folio")}</dt>
              <dd class="code" data-testid="folio">
                {request.folio}
              </dd>
            </>
          ) : null}
          {request.folio ? null : (
            // Until the folio comes, the provisional code is what finds the request; after, it would only confuse.
            <>
              <dt>{t("req.receipt.provisional")}</dt>
              <dd class="code" data-testid="provisional-code">
                {request.provisionalCode}
              </dd>
            </>
          )}
          <dt>{t("req.receipt.institution")}</dt>
          <dd>{request.institutionName}</dd>
          <dt>{t("req.receipt.date")}</dt>
          <dd data-testid="filed-at">{formatDateTime(request.createdAt)}</dd>
          <dt>{t("req.receipt.asked")}</dt>
          <dd class="receipt-text" data-testid="asked">
            {request.description}
          </dd>
          {request.trackingCode ? (
            <>
              <dt>{t("req.receipt.code")}</dt>
              <dd class="code" data-testid="tracking-code">
                {formatTrackingCode(request.trackingCode)}
              </dd>
            </>
          ) : null}
        </dl>
        {request.state === "pending" ? <p>{t("req.receipt.provisional.hint")}</p> : null}
        {request.status ? (
          <p data-testid="request-status" data-status={request.status}>
            <strong>{t("req.status.current", { status: t(`reqStatus.${request.status}`) })}</strong>
          </p>
        ) : null}
        {request.state === "sent" && request.dueDate ? (
          <p data-testid="due">{t("req.receipt.due", { due: formatLocalDate(request.dueDate, language) })}</p>
        ) : null}
        {request.state === "rejected" ? (
          <p class="error-text" role="alert">
            {t("req.state.rejected", { reason: t(problemMessageKey(request.problem)) })}
          </p>
        ) : null}
        {request.trackingCode ? (
          <p class="hint">{t("req.receipt.code.hint")}</p>
        ) : (
          <p>{t("req.receipt.code.gone")}</p>
        )}
        {request.state !== "rejected" ? (
          <p data-testid="where">
            {t(request.folio ? "req.receipt.where" : "req.receipt.where.provisional", {
              address: `${location.host}/solicitudes/estado`,
            })}
          </p>
        ) : null}
        {link ? <QrCode text={link} label={t("req.receipt.qr")} /> : null}
      </div>
      <div class="actions no-print">
        <button type="button" class="button" onClick={() => window.print()}>
          {t("req.receipt.print")}
        </button>
        {link && request.state === "sent" ? (
          <a class="button" href={link.slice(location.origin.length)}>
            {t("req.receipt.check")}
          </a>
        ) : null}
        {request.trackingCode && request.state === "sent" && !confirming ? (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            {t("req.receipt.forget")}
          </button>
        ) : null}
        {request.state === "rejected" ? (
          <button
            type="button"
            class="button"
            onClick={() =>
              void deleteRejectedRequest(database(), request.id).then(() => route("/solicitudes"))
            }
          >
            {t("req.receipt.discard")}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <fieldset class="confirm no-print">
          <legend>{t("req.receipt.forget.confirm")}</legend>
          <div class="actions">
            <button
              type="button"
              class="button"
              onClick={() => void forgetTrackingCode(database(), request.id).then(() => setConfirming(false))}
            >
              {t("req.receipt.forget.yes")}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t("req.receipt.forget.no")}
            </button>
          </div>
        </fieldset>
      ) : null}
    </section>
  );
}
