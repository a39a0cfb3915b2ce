import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { useLocale, useT } from "~/components/i18n";
import { PrintFrame } from "~/components/vendor-order";
import { formatDate, formatMad, formatNumber } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { orderDocument } from "~/modules/orders/dashboard.server";
import { localName, sizeLabel } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "shop.slip.number", { number: args.data?.order.number ?? "" }),
  { name: "robots", content: "noindex" },
];

// A printed page: nothing to run in the browser.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => orderDocument({ db, actor: user, slug: params.slug ?? "", vendorOrderId: params.id ?? "", locale: resolveLocale(request) }));
}

/** The packing slip: what goes in the parcel, where it goes, and what the carrier collects at the door. */
export default function PackingSlip() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, seller, order, group, items, contact } = useLoaderData<typeof loader>();
  const units = items.reduce((sum, i) => sum + i.quantity, 0);
  const toCollect = order.codAmountCentimes > 0 && group.paymentStatus === "due_on_delivery";
  return (
    <PrintFrame backTo={`/organisations/${cooperative.slug}/commandes/${order.id}`}>
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line pb-3">
        <div>
          <h1 className="text-2xl font-bold">{t("shop.slip.title")}</h1>
          <p className="text-sm text-muted">{t("shop.slip.date", { date: formatDate(order.createdAt, locale) })}</p>
        </div>
        <p className="text-xl font-bold">
          <bdi dir="ltr">{order.number}</bdi>
        </p>
      </header>

      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="from-h">
          <h2 id="from-h" className="text-sm font-semibold uppercase text-muted">{t("shop.slip.from")}</h2>
          <p className="font-semibold" dir="auto">{localName({ fr: seller.name, ar: seller.nameAr }, locale)}</p>
          <p dir="auto">{seller.place}</p>
          {seller.phone ? (
            <p>
              <bdi dir="ltr">{seller.phone}</bdi>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="to-h" className="rounded-lg border-2 border-ink p-3">
          <h2 id="to-h" className="text-sm font-semibold uppercase text-muted">{t("shop.slip.to")}</h2>
          <p className="text-lg font-bold">
            <bdi>{group.buyerName}</bdi>
          </p>
          <p>
            <bdi>{group.addressLine}</bdi>
          </p>
          <p>
            {group.postalCode ? `${group.postalCode} ` : ""}
            <bdi>{group.city}</bdi> — {group.region}
          </p>
          <p className="text-lg font-bold">
            <bdi dir="ltr">{contact.phoneLabel}</bdi>
          </p>
        </section>
      </div>

      <p className={`rounded-lg border-2 p-3 text-lg font-bold ${toCollect ? "border-ink" : "border-line"}`}>
        {toCollect ? `${t("shop.slip.collect")} : ${formatMad(order.codAmountCentimes, locale)}` : t("shop.slip.nothingToCollect")}
      </p>

      <div>
        <table className="w-full">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 text-start">{t("shop.slip.item")}</th>
              <th scope="col" className="py-2 text-end">{t("shop.slip.quantity")}</th>
              <th scope="col" className="py-2 text-end">{t("shop.slip.packed")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className="border-b border-line">
                <td className="py-2" dir="auto">
                  {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)})
                </td>
                <td className="py-2 text-end text-lg font-bold">{formatNumber(i.quantity, locale)}</td>
                <td className="py-2 text-end">
                  <span aria-hidden="true" className="inline-block size-5 border-2 border-ink align-middle" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="font-semibold">{t("shop.slip.units", { count: formatNumber(units, locale) })}</p>
      {order.trackingNumber ? <p>{t("orders.tracking.carrier", { carrier: order.carrier ?? "—", number: order.trackingNumber })}</p> : null}
    </PrintFrame>
  );
}
