import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { ReturnSection, ReviewSection } from "~/components/after-sale";
import { formatDate, formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { afterDelivery } from "~/modules/orders/after-delivery.server";
import { returnRequestSchema, reviewSchema } from "~/modules/orders/after-sale-schemas";
import { localName, sizeLabel } from "~/modules/orders/format";
import { requestReturn } from "~/modules/orders/returns.server";
import { createReview } from "~/modules/orders/reviews.server";
import { milestones } from "~/modules/orders/states";
import { getTracking } from "~/modules/orders/tracking.server";
import { whatsappLink } from "~/modules/organizations/identifiers";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "orders.tracking.title", { number: args.data?.order.number ?? "" }),
  // A link with a secret in it: never indexed, never sent on as a referrer.
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return load(async () => {
    const tracking = await getTracking(db, params.token ?? "");
    // After delivery: the return and review forms, beside the tracking itself.
    return { ...tracking, afterSale: await afterDelivery(db, tracking) };
  });
}

/** The buyer's actions after delivery; the token in the URL is their key, as for the page itself. */
export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/commande/${token}`;
  if (intent === "return") {
    const result = parseForm(returnRequestSchema, formData);
    if (!result.ok) return invalid(result);
    try {
      await requestReturn({ db, token, input: result.data });
    } catch (error) {
      return formFailure(error, formValues(formData));
    }
    throw redirectWithFlash(hrefFor(request, `${here}#retour`), "reviews.returns.sent");
  }
  if (intent === "review") {
    const result = parseForm(reviewSchema, formData);
    if (!result.ok) return invalid(result);
    try {
      await createReview({ db, token, input: result.data });
    } catch (error) {
      return formFailure(error, formValues(formData));
    }
    throw redirectWithFlash(hrefFor(request, `${here}#avis`), "reviews.thanks");
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function Tracking() {
  const t = useT();
  const locale = useLocale();
  const { order, group, cooperative, items, events, siblings, transfer, afterSale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const road = milestones(group.paymentMethod);
  const reached = road.indexOf(order.status);
  const coopName = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {search.get("merci") ? (
        <section className="card border-ok/40" role="status">
          <h2 className="text-lg font-semibold">{t("orders.tracking.thanks", { name: group.buyerName })}</h2>
          <p className="mt-1">{t("orders.tracking.thanksBody", { number: group.number, count: formatNumber(siblings.length + 1, locale) })}</p>
        </section>
      ) : null}
      <header>
        <h1 className="text-2xl font-bold">{t("orders.tracking.title", { number: order.number })}</h1>
        <p className="mt-1 text-muted" dir="auto">
          {coopName} · <Time value={order.createdAt} />
        </p>
      </header>

      <section className="card" aria-labelledby="status-h">
        <h2 id="status-h" className="text-lg font-semibold">
          {t("orders.tracking.status")} : <span className="text-brand-700">{t(`orders.status.${order.status}` as MessageKey)}</span>
        </h2>
        {order.statusReason ? <p className="mt-1 italic" dir="auto">{order.statusReason}</p> : null}
        {reached >= 0 ? (
          <ol className="mt-4 grid gap-2 sm:grid-cols-5" aria-label={t("orders.tracking.steps")}>
            {road.map((step, i) => (
              <li key={step} className={`rounded-lg border p-2 text-sm ${i <= reached ? "border-brand-700 bg-brand-50 font-semibold" : "border-line text-muted"}`} aria-current={i === reached ? "step" : undefined}>
                {t(`orders.status.${step}` as MessageKey)}
              </li>
            ))}
          </ol>
        ) : null}
        {order.status !== "delivered" && reached >= 0 ? (
          <p className="mt-3 text-sm">{t("orders.tracking.eta", { min: formatNumber(order.deliveryDaysMin, locale), max: formatNumber(order.deliveryDaysMax, locale) })}</p>
        ) : null}
        {order.trackingNumber ? (
          <p className="mt-2 text-sm">{t("orders.tracking.carrier", { carrier: order.carrier ?? "—", number: order.trackingNumber })}</p>
        ) : null}
        {order.codAmountCentimes > 0 && ["placed", "confirmed", "shipped"].includes(order.status) ? (
          <p className="mt-2 font-medium">{t("orders.tracking.codDue", { amount: formatMad(order.codAmountCentimes, locale) })}</p>
        ) : null}
        {transfer && group.expiresAt ? (
          <div className="mt-3 rounded-lg border border-warn/40 p-3 text-sm">
            <p className="font-medium">{t("orders.tracking.transferTitle")}</p>
            <p>{t("orders.tracking.transfer", { holder: transfer.holder, rib: transfer.rib, reference: group.paymentReference ?? group.number, amount: formatMad(group.totalCentimes, locale), deadline: formatDate(group.expiresAt, locale) })}</p>
          </div>
        ) : null}
        {group.paymentMethod === "stripe" && group.paymentStatus === "awaiting" && order.status === "awaiting_payment" ? (
          <p className="mt-3">
            <L to={`/paiement/${group.id}`} className="btn">{t("orders.tracking.payNow")}</L>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="items-h">
        <h2 id="items-h" className="text-lg font-semibold">{t("orders.tracking.items")}</h2>
        <ul className="mt-2 divide-y divide-line">
          {items.map((i) => (
            <li key={i.id} className="flex justify-between gap-3 py-2">
              <span dir="auto">
                {formatNumber(i.quantity, locale)} × {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)})
              </span>
              <span>{formatMad(i.lineTotalCentimes, locale)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
          <dt>{t("cart.shipping")}</dt>
          <dd className="text-end">{formatMad(order.shippingFeeCentimes, locale)}</dd>
          <dt className="font-bold">{t("cart.total")}</dt>
          <dd className="text-end font-bold">{formatMad(order.totalCentimes, locale)}</dd>
        </dl>
        <p className="mt-2 text-sm text-muted" dir="auto">
          {t("orders.tracking.deliverTo", { name: group.buyerName, address: `${group.addressLine}, ${group.city}` })}
        </p>
      </section>

      <ReturnSection afterSale={afterSale} items={items} actionData={actionData} />
      <ReviewSection afterSale={afterSale} actionData={actionData} />

      <section className="card" aria-labelledby="coop-h">
        <h2 id="coop-h" className="text-lg font-semibold">{t("orders.tracking.seller")}</h2>
        <p className="mt-1" dir="auto">
          <L to={`/organisations/${cooperative.slug}`}>{coopName}</L>
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          {cooperative.whatsapp ? (
            <a className="btn-secondary" href={whatsappLink(cooperative.whatsapp)} rel="noopener noreferrer" target="_blank">
              {t("orders.tracking.whatsapp")}
            </a>
          ) : null}
          {cooperative.phone ? (
            <a className="btn-secondary" href={`tel:${cooperative.phone}`}>
              {t("orders.tracking.call")}
            </a>
          ) : null}
        </div>
      </section>

      {siblings.length > 0 ? (
        <section className="card" aria-labelledby="siblings-h">
          <h2 id="siblings-h" className="text-lg font-semibold">{t("orders.tracking.otherParcels", { number: group.number })}</h2>
          <ul className="mt-2 space-y-1">
            {siblings.map((s) => (
              <li key={s.token}>
                <L to={`/commande/${s.token}`}>
                  {s.number} · <span dir="auto">{localName({ fr: s.name, ar: s.nameAr }, locale)}</span>
                </L>{" "}
                <span className="badge bg-sand">{t(`orders.status.${s.status}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h" className="text-lg font-semibold">{t("orders.tracking.history")}</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {events.map((e, i) => (
            <li key={i}>
              <Time value={e.createdAt} withTime /> — {t(`orders.status.${e.toStatus}` as MessageKey)}
              {e.note ? <span dir="auto"> · {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <p className="text-sm text-muted">
        <L to="/conditions-de-vente">{t("orders.saleTerms.title")}</L>
      </p>
    </div>
  );
}
