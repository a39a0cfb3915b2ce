import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { formatDate, formatMad } from "~/i18n/i18n";
import { hrefFor, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { openCardCheckout } from "~/modules/orders/card-payment.server";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "payment.title"),
  // The group's id is the key to this page: never indexed, never sent on as a referrer.
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

/**
 * Sends the buyer to Stripe's page for their order group. Opening the session is idempotent (the
 * payment attempt's key: a reload or a second tab gets the same session), so it is done on GET, which
 * is what the checkout's redirect and the tracking page's "Pay by card" link ask for (decision 013).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await load(() => openCardCheckout(db, params.groupId ?? ""));
  if (result.kind === "redirect") throw redirect(result.url, { headers: { "Cache-Control": "no-store" } });
  const { group, orders } = result.view;
  const tracking = `/commande/${orders[0].token}`;
  if (result.kind === "tracking") throw redirect(hrefFor(request, tracking), { headers: { "Cache-Control": "no-store" } });
  return data(
    {
      kind: result.kind,
      groupId: group.id,
      number: group.number,
      totalCentimes: group.totalCentimes,
      paymentStatus: group.paymentStatus,
      expiresAt: group.expiresAt,
      tracking,
    },
    // Stripe did not answer: a temporary failure, with a way to try again, never an error page.
    { status: result.kind === "unavailable" ? 503 : 200, headers: { "Cache-Control": "no-store", ...(result.kind === "unavailable" ? { "Retry-After": "5" } : {}) } },
  );
}

export default function Payment() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("payment.title")}</h1>
      <p className="text-muted">{t("payment.order", { number: page.number, amount: formatMad(page.totalCentimes, locale) })}</p>
      {page.kind === "unavailable" ? (
        <section className="card space-y-3 border-warn/40" role="alert" aria-labelledby="payment-h">
          <h2 id="payment-h" className="text-lg font-semibold">{t("payment.unavailable.title")}</h2>
          <p>{t("payment.unavailable.body", { deadline: page.expiresAt ? formatDate(page.expiresAt, locale, "datetime") : "—" })}</p>
          <div className="flex flex-wrap gap-3">
            {/* A full page load: the answer is a redirect to Stripe's own page. */}
            <Link reloadDocument to={href(`/paiement/${page.groupId}`)} className="btn">
              {t("payment.unavailable.retry")}
            </Link>
            <L to={page.tracking} className="btn-secondary">
              {t("payment.return.track")}
            </L>
          </div>
        </section>
      ) : (
        <section className="card space-y-3" aria-labelledby="payment-h">
          <h2 id="payment-h" className="text-lg font-semibold">{t("payment.closed.title")}</h2>
          <p>{t(page.paymentStatus === "cancelled" ? "payment.closed.cancelled" : "payment.closed.expired")}</p>
          <div className="flex flex-wrap gap-3">
            <L to={page.tracking} className="btn-secondary">
              {t("payment.return.track")}
            </L>
            <L to="/marche" className="btn-secondary">
              {t("payment.backToMarket")}
            </L>
          </div>
        </section>
      )}
    </div>
  );
}
