import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { LowStock, OrderSteps, paymentLabel } from "~/components/vendor-order";
import { formatDate, formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { LOW_STOCK_THRESHOLD, ORDER_TABS, tabFromSlug } from "~/modules/orders/dashboard";
import { moveFromDashboard, orderDashboard, orderStepSchema } from "~/modules/orders/dashboard.server";
import { localName, sizeLabel } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "shop.dashboard.title", { organization: args.data?.cooperative.name ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const locale = resolveLocale(request);
  return load(() =>
    orderDashboard({ db, actor: user, slug: params.slug ?? "", tab: tabFromSlug(url.searchParams.get("onglet")), page: Number(url.searchParams.get("page") ?? "1"), locale }),
  );
}

/** One tap on an order's step: the same page again with a confirmation, or the reason it could not be done. */
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
  const url = new URL(request.url);
  throw redirectWithFlash(`${url.pathname}${url.search}`, `shop.moved.${to}` as MessageKey);
}

export default function OrdersDashboard() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, tab, counts, orders, page, pageCount, lowStock, canLedger, canTerms } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  const base = `/organisations/${cooperative.slug}/commandes`;
  const current = ORDER_TABS.find((x) => x.key === tab)!;
  const tabHref = (slug: string, p = 1) => `${base}?onglet=${slug}${p > 1 ? `&page=${p}` : ""}`;
  // A refusal whose order has left this tab since (another phone moved it) is still said, at the top.
  const failedId = actionData?.values?.vendorOrderId;
  const orphan = actionData && !orders.some((o) => o.id === failedId) ? (actionData.messageKey ?? Object.values(actionData.errors ?? {})[0]?.[0]) : null;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/organisations/${cooperative.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {name}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold" dir="auto">{t("shop.dashboard.title", { organization: name })}</h1>
        <p className="text-muted">{t("shop.dashboard.intro")}</p>
        {canLedger || canTerms ? (
          <p className="flex flex-wrap gap-2">
            {canLedger ? <L to={`/organisations/${cooperative.slug}/releve`} className="btn-secondary">{t("shop.links.ledger")}</L> : null}
            {canTerms ? <L to={`/organisations/${cooperative.slug}/boutique/conditions`} className="btn-secondary">{t("shop.links.terms")}</L> : null}
          </p>
        ) : null}
      </header>

      <FormMessage messageKey={orphan} />

      <nav aria-label={t("shop.dashboard.tabsLabel")} className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          {ORDER_TABS.map((x) => (
            <li key={x.key} className="shrink-0">
              <L
                to={tabHref(x.slug)}
                aria-current={x.key === tab ? "page" : undefined}
                className={`inline-flex min-h-11 items-center gap-2 rounded-full border px-4 font-semibold no-underline ${
                  x.key === tab ? "border-brand-700 bg-brand-700 text-white" : "border-line bg-white text-brand-700"
                }`}
              >
                {t(`shop.dashboard.tabs.${x.key}`)}
                <span className={`rounded-full px-2 text-sm ${x.key === tab ? "bg-white/20" : "bg-sand"}`}>{formatNumber(counts[x.key], locale)}</span>
              </L>
            </li>
          ))}
        </ul>
      </nav>
      <p className="text-sm text-muted">{t(`shop.dashboard.tabHints.${current.key}`)}</p>

      {orders.length === 0 ? (
        <p className="card text-muted">{t("shop.dashboard.empty")}</p>
      ) : (
        <ul className="space-y-4" aria-label={t("shop.dashboard.ordersList")}>
          {orders.map((o) => (
            <li key={o.id} className="card space-y-3" aria-labelledby={`order-${o.id}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`order-${o.id}`} className="text-lg font-semibold">
                  <L to={`${base}/${o.id}`} aria-label={t("shop.dashboard.open", { number: o.number })}>{o.number}</L>
                </h2>
                <span className="badge bg-brand-50 text-brand-800">{t(`orders.status.${o.status}` as MessageKey)}</span>
              </div>
              {/* Node's and the browser's time-zone data may differ: the server's text is kept (see Time). */}
              <p className="text-sm text-muted" suppressHydrationWarning>
                {t("shop.dashboard.placedOn", { date: formatDate(o.createdAt, locale, "datetime") })}
              </p>
              <p>
                <span className="font-semibold" dir="auto">{o.buyerName}</span> · <span dir="auto">{o.city}</span>
              </p>
              <ul className="text-sm">
                {o.items.map((i) => (
                  <li key={i.id} dir="auto">
                    {formatNumber(i.quantity, locale)} × {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)})
                  </li>
                ))}
              </ul>
              <dl className="grid grid-cols-2 gap-1 text-sm">
                <dt>{t("shop.dashboard.total")}</dt>
                <dd className="text-end font-semibold">{formatMad(o.totalCentimes, locale)}</dd>
                <dt>{t("shop.dashboard.payment")}</dt>
                <dd className="text-end">{paymentLabel(t, o.paymentMethod, o.paymentStatus)}</dd>
              </dl>
              {o.codAmountCentimes > 0 && ["placed", "confirmed", "shipped"].includes(o.status) ? (
                <p className="rounded-lg bg-sand p-2 font-semibold">{t("shop.dashboard.collect", { amount: formatMad(o.codAmountCentimes, locale) })}</p>
              ) : null}
              {o.trackingNumber ? <p className="text-sm">{t("orders.tracking.carrier", { carrier: o.carrier ?? "—", number: o.trackingNumber })}</p> : null}
              {o.statusReason ? <p className="text-sm italic" dir="auto">{o.statusReason}</p> : null}
              <p className="flex flex-wrap gap-2">
                <a className="btn-secondary" href={o.contact.whatsappHref} target="_blank" rel="noopener noreferrer">
                  {t("shop.dashboard.whatsapp")}
                </a>
                <a className="btn-secondary" href={o.contact.telHref}>
                  {t("shop.dashboard.call")} <span dir="ltr">{o.contact.phoneLabel}</span>
                </a>
              </p>
              <OrderSteps orderId={o.id} number={o.number} steps={o.steps} actionData={actionData} />
              <p className="flex flex-wrap gap-x-4 text-sm">
                <L to={`${base}/${o.id}/bordereau`} className="inline-flex min-h-11 items-center">{t("shop.dashboard.packingSlip")}</L>
                <L to={`${base}/${o.id}/facture`} className="inline-flex min-h-11 items-center">{t("shop.dashboard.invoice")}</L>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => tabHref(current.slug, p)} />

      <LowStock items={lowStock} slug={cooperative.slug} threshold={LOW_STOCK_THRESHOLD} />
    </div>
  );
}
