import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { OrderSteps, paymentLabel } from "~/components/vendor-order";
import { formatDate, formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { moveFromDashboard, orderDetail, orderStepSchema } from "~/modules/orders/dashboard.server";
import { localName, sizeLabel } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "shop.detail.title", { number: args.data?.order.number ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => orderDetail({ db, actor: user, slug: params.slug ?? "", vendorOrderId: params.id ?? "", locale: resolveLocale(request) }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(orderStepSchema, formData);
  if (!result.ok) return invalid(result);
  let to: string;
  try {
    ({ to } = await moveFromDashboard({ db, actor: user, slug: params.slug ?? "", input: result.data }));
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(new URL(request.url).pathname + new URL(request.url).search, `shop.moved.${to}` as MessageKey);
}

export default function OrderDetail() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, order, group, items, events, steps, contact } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/organisations/${cooperative.slug}/commandes`;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={base}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("shop.detail.back")}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("shop.detail.title", { number: order.number })}</h1>
        <p className="text-muted" suppressHydrationWarning>{t("shop.dashboard.placedOn", { date: formatDate(order.createdAt, locale, "datetime") })}</p>
      </header>

      <section className="card space-y-3" aria-labelledby="status-h">
        <h2 id="status-h" className="text-lg font-semibold">
          {t("shop.detail.status")} : <span className="text-brand-700">{t(`orders.status.${order.status}` as MessageKey)}</span>
        </h2>
        {order.statusReason ? <p className="italic" dir="auto">{order.statusReason}</p> : null}
        {order.trackingNumber ? <p className="text-sm">{t("orders.tracking.carrier", { carrier: order.carrier ?? "—", number: order.trackingNumber })}</p> : null}
        {order.codAmountCentimes > 0 && ["placed", "confirmed", "shipped"].includes(order.status) ? (
          <p className="rounded-lg bg-sand p-2 font-semibold">{t("shop.dashboard.collect", { amount: formatMad(order.codAmountCentimes, locale) })}</p>
        ) : null}
        <p className="text-sm">{t("shop.detail.eta", { min: formatNumber(order.deliveryDaysMin, locale), max: formatNumber(order.deliveryDaysMax, locale) })}</p>
        <h3 className="font-semibold">{t("shop.detail.actions")}</h3>
        {steps.length > 0 ? <OrderSteps orderId={order.id} number={order.number} steps={steps} actionData={actionData} /> : <p className="text-sm text-muted">{t("shop.detail.noActions")}</p>}
      </section>

      <section className="card" aria-labelledby="items-h">
        <h2 id="items-h" className="text-lg font-semibold">{t("shop.dashboard.items")}</h2>
        <ul className="mt-2 divide-y divide-line">
          {items.map((i) => (
            <li key={i.id} className="flex justify-between gap-3 py-2">
              <span dir="auto">
                {formatNumber(i.quantity, locale)} × {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)})
              </span>
              <span className="shrink-0">{formatMad(i.lineTotalCentimes, locale)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
          <dt>{t("cart.shipping")}</dt>
          <dd className="text-end">{formatMad(order.shippingFeeCentimes, locale)}</dd>
          <dt className="font-bold">{t("cart.total")}</dt>
          <dd className="text-end font-bold">{formatMad(order.totalCentimes, locale)}</dd>
          <dt>{t("shop.detail.payment")}</dt>
          <dd className="text-end">{paymentLabel(t, group.paymentMethod, group.paymentStatus)}</dd>
          {group.paymentReference ? (
            <>
              <dt>{t("shop.detail.reference")}</dt>
              <dd className="text-end">
                <bdi dir="ltr">{group.paymentReference}</bdi>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card space-y-2" aria-labelledby="buyer-h">
        <h2 id="buyer-h" className="text-lg font-semibold">{t("shop.detail.buyer")}</h2>
        <p className="font-semibold" dir="auto">{group.buyerName}</p>
        <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-muted">{t("shop.detail.phone")}</dt>
          <dd>
            <bdi dir="ltr">{contact.phoneLabel}</bdi>
          </dd>
          <dt className="text-muted">{t("shop.detail.email")}</dt>
          <dd className="break-all">
            <a href={`mailto:${group.buyerEmail}`}>{group.buyerEmail}</a>
          </dd>
          {group.companyName ? (
            <>
              <dt className="text-muted">{t("shop.detail.company")}</dt>
              <dd dir="auto">{group.companyName}</dd>
            </>
          ) : null}
          {group.companyIce ? (
            <>
              <dt className="text-muted">{t("shop.detail.ice")}</dt>
              <dd>
                <bdi dir="ltr">{group.companyIce}</bdi>
              </dd>
            </>
          ) : null}
          <dt className="text-muted">{t("shop.detail.address")}</dt>
          <dd dir="auto">
            {group.addressLine}, {group.postalCode ? `${group.postalCode} ` : ""}{group.city} — {group.region}
          </dd>
        </dl>
        <p className="flex flex-wrap gap-2 pt-1">
          <a className="btn-secondary" href={contact.whatsappHref} target="_blank" rel="noopener noreferrer">
            {t("shop.dashboard.whatsapp")}
          </a>
          <a className="btn-secondary" href={contact.telHref}>
            {t("shop.dashboard.call")}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="docs-h">
        <h2 id="docs-h" className="text-lg font-semibold">{t("shop.detail.documents")}</h2>
        <p className="mt-2 flex flex-wrap gap-2">
          <L to={`${base}/${order.id}/bordereau`} className="btn-secondary">{t("shop.dashboard.packingSlip")}</L>
          <L to={`${base}/${order.id}/facture`} className="btn-secondary">{t("shop.dashboard.invoice")}</L>
        </p>
      </section>

      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h" className="text-lg font-semibold">{t("shop.detail.timeline")}</h2>
        <ol className="mt-2 space-y-2 border-s-2 border-line ps-4 text-sm">
          {events.map((e) => (
            <li key={e.id}>
              <span className="text-muted">
                <Time value={e.createdAt} withTime />
              </span>
              {" — "}
              <span className="font-semibold">{t(`orders.status.${e.toStatus}` as MessageKey)}</span>
              {e.actorName ? <span dir="auto"> · {t("shop.detail.by", { name: e.actorName })}</span> : null}
              {e.note ? <p className="italic" dir="auto">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
