import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { formatDate, formatMad, type MessageKey } from "~/i18n/i18n";
import { hrefFor, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { confirmCardReturn, type ReturnState } from "~/modules/orders/card-payment.server";
import { localName } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "payment.title"),
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

/**
 * Where Stripe sends the buyer back (`?session_id=cs_…`). The session is read from Stripe, never from
 * the URL: only a session Stripe says is paid, made for this group, records the payment, through the
 * same markPaid as the webhook (decision 013).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = new URL(request.url).searchParams.get("session_id");
  const { state, view } = await load(() => confirmCardReturn(db, params.groupId ?? "", sessionId));
  const { group, orders } = view;
  if (state === "other") throw redirect(hrefFor(request, `/commande/${orders[0].token}`));
  return data(
    {
      state,
      groupId: group.id,
      name: group.buyerName,
      number: group.number,
      totalCentimes: group.totalCentimes,
      expiresAt: group.expiresAt,
      orders: orders.map((o) => ({ number: o.number, token: o.token, name: o.name, nameAr: o.nameAr, totalCentimes: o.totalCentimes })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const TEXT: Record<Exclude<ReturnState, "other">, { title: MessageKey; body: MessageKey; tone: string }> = {
  paid: { title: "payment.return.paidTitle", body: "payment.return.paidBody", tone: "border-ok/40" },
  processing: { title: "payment.return.processingTitle", body: "payment.return.processingBody", tone: "border-warn/40" },
  unpaid: { title: "payment.return.unpaidTitle", body: "payment.return.unpaidBody", tone: "border-warn/40" },
  late: { title: "payment.return.lateTitle", body: "payment.return.lateBody", tone: "border-warn/40" },
  expired: { title: "payment.return.expiredTitle", body: "payment.return.expiredBody", tone: "border-line" },
  cancelled: { title: "payment.closed.title", body: "payment.closed.cancelled", tone: "border-line" },
};

export default function PaymentReturn() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const page = useLoaderData<typeof loader>();
  const text = TEXT[page.state as Exclude<ReturnState, "other">];
  const vars = {
    name: page.name,
    number: page.number,
    deadline: page.expiresAt ? formatDate(page.expiresAt, locale, "datetime") : "—",
  };
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <section className={`card space-y-2 ${text.tone}`} role="status" aria-labelledby="return-h">
        <h1 id="return-h" className="text-2xl font-bold">{t(text.title, vars)}</h1>
        <p>{t(text.body, vars)}</p>
        <p className="text-muted">{t("payment.order", { number: page.number, amount: formatMad(page.totalCentimes, locale) })}</p>
        {page.state === "unpaid" ? (
          <p>
            <Link reloadDocument to={href(`/paiement/${page.groupId}`)} className="btn">
              {t("payment.return.payNow")}
            </Link>
          </p>
        ) : null}
        {page.state === "expired" ? (
          <p>
            <L to="/marche" className="btn-secondary">{t("payment.backToMarket")}</L>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="parcels-h">
        <h2 id="parcels-h" className="text-lg font-semibold">{t("payment.return.parcels")}</h2>
        <ul className="mt-2 divide-y divide-line">
          {page.orders.map((o) => (
            <li key={o.token} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                <span className="font-medium">{o.number}</span> · <span dir="auto">{localName({ fr: o.name, ar: o.nameAr }, locale)}</span>
                <span className="block text-sm text-muted">{formatMad(o.totalCentimes, locale)}</span>
              </span>
              <L to={`/commande/${o.token}`} className="btn-secondary">
                {t("payment.return.track")}
              </L>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
