import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { useLocale, useT } from "~/components/i18n";
import { PrintFrame } from "~/components/vendor-order";
import { formatDate, formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { orderDocument } from "~/modules/orders/dashboard.server";
import { localName, sizeLabel } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "shop.invoice.number", { number: args.data?.order.number ?? "" }),
  { name: "robots", content: "noindex" },
];

// A printed page: nothing to run in the browser.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => orderDocument({ db, actor: user, slug: params.slug ?? "", vendorOrderId: params.id ?? "", locale: resolveLocale(request) }));
}

/** Orders that did not go through: the invoice says so beside its total. */
const UNDONE = ["cancelled", "expired", "refused", "returned"];

/**
 * The invoice the cooperative issues to the buyer: its legal name and identifiers, the buyer (and their
 * company and ICE when given), the lines with unit prices, shipping and the total in MAD, and the VAT
 * mention. Its number is the order's number.
 */
export default function Invoice() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, seller, order, group, items } = useLoaderData<typeof loader>();
  return (
    <PrintFrame backTo={`/organisations/${cooperative.slug}/commandes/${order.id}`}>
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-line pb-4">
        <section aria-labelledby="seller-h" className="space-y-0.5">
          <h2 id="seller-h" className="text-sm font-semibold uppercase text-muted">{t("shop.invoice.seller")}</h2>
          <p className="text-lg font-bold">
            <bdi lang="fr">{seller.name}</bdi>
          </p>
          {seller.nameAr ? (
            <p className="font-semibold">
              <bdi lang="ar">{seller.nameAr}</bdi>
            </p>
          ) : null}
          <p dir="auto">{seller.place}</p>
          {seller.phone ? (
            <p>
              <bdi dir="ltr">{seller.phone}</bdi>
            </p>
          ) : null}
          {seller.email ? (
            <p className="break-all">
              <bdi dir="ltr">{seller.email}</bdi>
            </p>
          ) : null}
          <dl className="mt-1 text-sm">
            {seller.identifiers.map((i) => (
              <div key={`${i.type}-${i.value}`} className="flex gap-1">
                <dt>{t(`identifiers.${i.type}` as MessageKey)} :</dt>
                <dd>
                  <bdi dir="ltr">{i.value}</bdi>
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="space-y-0.5 text-end">
          <h1 className="text-2xl font-bold">{t("shop.invoice.title")}</h1>
          <p className="font-semibold">{t("shop.invoice.number", { number: order.number })}</p>
          <p>{t("shop.invoice.date", { date: formatDate(order.createdAt, locale) })}</p>
        </div>
      </header>

      <section aria-labelledby="buyer-h" className="space-y-0.5">
        <h2 id="buyer-h" className="text-sm font-semibold uppercase text-muted">{t("shop.invoice.buyer")}</h2>
        {/* What the buyer typed may be in either script: each piece keeps its own direction, the block the page's. */}
        {group.companyName ? (
          <p className="font-bold">
            <bdi>{group.companyName}</bdi>
          </p>
        ) : null}
        {group.companyIce ? <p>{t("shop.invoice.buyerIce", { ice: group.companyIce })}</p> : null}
        <p className={group.companyName ? "" : "font-bold"}>
          <bdi>{group.buyerName}</bdi>
        </p>
        <p>
          <bdi>{group.addressLine}</bdi>, {group.postalCode ? `${group.postalCode} ` : ""}
          <bdi>{group.city}</bdi> — {group.region}
        </p>
      </section>

      <div>
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 text-start">{t("shop.invoice.designation")}</th>
              <th scope="col" className="py-2 text-end">{t("shop.invoice.unitPrice")}</th>
              <th scope="col" className="py-2 text-end">{t("shop.invoice.quantity")}</th>
              <th scope="col" className="py-2 text-end">{t("shop.invoice.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className="border-b border-line">
                <td className="py-2" dir="auto">
                  {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)})
                </td>
                <td className="py-2 text-end">{formatMad(i.unitPriceCentimes, locale)}</td>
                <td className="py-2 text-end">{formatNumber(i.quantity, locale)}</td>
                <td className="py-2 text-end">{formatMad(i.lineTotalCentimes, locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className="pt-3 text-end font-normal">{t("shop.invoice.itemsTotal")}</th>
              <td className="pt-3 text-end">{formatMad(order.itemsTotalCentimes, locale)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={3} className="text-end font-normal">{t("shop.invoice.shipping")}</th>
              <td className="text-end">{formatMad(order.shippingFeeCentimes, locale)}</td>
            </tr>
            <tr className="text-base">
              <th scope="row" colSpan={3} className="pt-1 text-end font-bold">{t("shop.invoice.totalTtc")}</th>
              <td className="pt-1 text-end font-bold">{formatMad(order.totalCentimes, locale)}</td>
            </tr>
          </tfoot>
        </table>
      </div>

      <section className="space-y-1 border-t border-line pt-3 text-sm">
        <p>{t("shop.invoice.paymentMethod", { method: t(`orders.method.${group.paymentMethod}` as MessageKey) })}</p>
        {UNDONE.includes(order.status) ? (
          <p className="font-semibold">{t("shop.invoice.orderStatus", { status: t(`orders.status.${order.status}` as MessageKey) })}</p>
        ) : null}
        <p>{t("shop.invoice.currency")}</p>
        <p className="font-semibold">{t("shop.invoice.vat")}</p>
        <p className="text-muted">{t("shop.invoice.issuedVia")}</p>
      </section>
    </PrintFrame>
  );
}
